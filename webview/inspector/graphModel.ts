/**
 * The drawable form of one graph: which boxes to draw and which edges join them. Repeated blocks (layers)
 * are found from node name prefixes such as `/model/decoder/layers.3/` and drawn as one box per layer
 * until the user expands it, so a large graph stays a few hundred boxes. Pure: no DOM.
 */
import type { GraphView, NodeView } from '../../src/protocol/inspector-messages';

/**
 * The first `layers.N`, `layer.N`, `block.N` or `blocks.N` path segment of a node name; the prefix up to
 * it names the layer. The first (outermost) match wins, so T5's `/decoder/block.2/layer.1/…` groups by block.
 */
const LAYER_SEGMENT = /^(.*?(?:^|[/.:_])(?:layers|layer|blocks|block)[._]\d+)(?=$|[/._:])/;

/**
 * Default cap on boxes laid out at once. elkjs's layered layout grows faster than linearly with the box
 * count: 600 boxes of a chain-like graph took about 3 s on a 2-core machine (Node 20, elkjs 0.12, first
 * layout of the process), so larger drawings would stall the page.
 */
export const DEFAULT_MAX_ITEMS = 600;

export type GraphItemKind = 'node' | 'group' | 'input' | 'output';

export interface GraphItem {
  /** Stable id: "n:<index>" for nodes, "g:<key>" for groups, "in:<name>" and "out:<name>" for values. */
  readonly id: string;
  readonly kind: GraphItemKind;
  /** Op type for nodes; the layer prefix or range for groups; the value name for inputs and outputs. */
  readonly title: string;
  /** Node name for nodes, node count for groups, type and shape for values. */
  readonly subtitle: string;
  /** Index into the graph's node list (nodes only). */
  readonly nodeIndex?: number;
  /** Group key (groups only). */
  readonly groupKey?: string;
  /** Nodes in the group (groups only). */
  readonly nodeCount?: number;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Names of the tensors the edge carries. */
  readonly tensors: readonly string[];
}

export interface GroupInfo {
  readonly key: string;
  readonly label: string;
  readonly nodeIndices: readonly number[];
  readonly expanded: boolean;
}

export interface GraphModelOptions {
  /** Keys of the groups to draw node by node. */
  readonly expanded: ReadonlySet<string>;
  /** Draw Constant nodes; when false their outputs count as constants and get no edge. */
  readonly showConstants: boolean;
  readonly maxItems?: number;
}

export interface GraphModel {
  readonly items: readonly GraphItem[];
  readonly edges: readonly GraphEdge[];
  readonly groups: readonly GroupInfo[];
  /** Groups the user asked to expand that stay collapsed because the graph would exceed `maxItems`. */
  readonly refused: readonly string[];
  /** Nodes left out of the drawing (Constant nodes when `showConstants` is false). */
  readonly hiddenNodeCount: number;
}

/** Returns the layer prefix of a node name, e.g. "/model/decoder/layers.0", or null when it has none. */
export function layerKeyOf(nodeName: string): string | null {
  return LAYER_SEGMENT.exec(nodeName)?.[1] ?? null;
}

interface Grouping {
  readonly keyOfNode: (string | null)[];
  readonly groups: { key: string; label: string; nodeIndices: number[] }[];
}

/** Groups the drawn nodes by layer prefix; a prefix shared by a single node is not a group. */
function groupByLayer(nodes: readonly NodeView[], drawn: readonly number[]): Grouping {
  const byKey = new Map<string, number[]>();
  for (const index of drawn) {
    const key = layerKeyOf(nodes[index].name);
    if (key === null) continue;
    const members = byKey.get(key) ?? [];
    members.push(index);
    byKey.set(key, members);
  }
  const keyOfNode: (string | null)[] = nodes.map(() => null);
  const groups: Grouping['groups'] = [];
  for (const [key, nodeIndices] of byKey) {
    if (nodeIndices.length < 2) continue;
    groups.push({ key, label: key, nodeIndices });
    for (const index of nodeIndices) keyOfNode[index] = key;
  }
  return { keyOfNode, groups };
}

/**
 * When the nodes outside layers alone exceed the budget, packs them into runs of consecutive nodes
 * ("#1–250"), which collapse and expand like layers.
 */
function chunkUngrouped(grouping: Grouping, drawn: readonly number[], budget: number): void {
  const loose = drawn.filter((index) => grouping.keyOfNode[index] === null);
  if (loose.length + grouping.groups.length <= budget) return;
  const size = Math.max(2, Math.ceil(loose.length / Math.max(1, budget - grouping.groups.length - 1)));
  for (let start = 0; start < loose.length; start += size) {
    const nodeIndices = loose.slice(start, start + size);
    const key = `#${nodeIndices[0] + 1}–${nodeIndices[nodeIndices.length - 1] + 1}`;
    grouping.groups.push({ key, label: key, nodeIndices });
    for (const index of nodeIndices) grouping.keyOfNode[index] = key;
  }
}

function shapeSubtitle(type: string, shape: readonly (number | string | null)[] | null): string {
  return shape === null ? type : `${type} [${shape.map((dim) => dim ?? '?').join(', ')}]`;
}

/** Builds the boxes and edges to draw for `graph`. */
export function buildGraphModel(graph: GraphView, options: GraphModelOptions): GraphModel {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const nodes = graph.nodes;
  const drawn = nodes.map((_, index) => index).filter((index) => options.showConstants || nodes[index].opType !== 'Constant');
  const valueItems = graph.inputs.length + graph.outputs.length;

  const grouping = groupByLayer(nodes, drawn);
  chunkUngrouped(grouping, drawn, maxItems - valueItems);

  // Expand the requested groups in graph order while the box count stays within the budget.
  let itemCount = valueItems + drawn.filter((index) => grouping.keyOfNode[index] === null).length + grouping.groups.length;
  const expanded = new Set<string>();
  const refused: string[] = [];
  for (const group of grouping.groups) {
    if (!options.expanded.has(group.key)) continue;
    if (itemCount - 1 + group.nodeIndices.length > maxItems) {
      refused.push(group.key);
      continue;
    }
    expanded.add(group.key);
    itemCount += group.nodeIndices.length - 1;
  }

  // Each drawn node maps to the box that shows it: its own or its collapsed group's.
  const itemOfNode = new Map<number, string>();
  const items: GraphItem[] = graph.inputs.map((value) => ({
    id: `in:${value.name}`,
    kind: 'input',
    title: value.name,
    subtitle: shapeSubtitle(value.type, value.shape),
  }));
  const groupsDrawn = new Set<string>();
  const groupSizes = new Map(grouping.groups.map((group) => [group.key, group.nodeIndices.length]));
  for (const index of drawn) {
    const key = grouping.keyOfNode[index];
    if (key !== null && !expanded.has(key)) {
      const id = `g:${key}`;
      itemOfNode.set(index, id);
      if (!groupsDrawn.has(key)) {
        groupsDrawn.add(key);
        const count = groupSizes.get(key) ?? 0;
        items.push({ id, kind: 'group', title: key, subtitle: String(count), groupKey: key, nodeCount: count });
      }
      continue;
    }
    const node = nodes[index];
    itemOfNode.set(index, `n:${index}`);
    items.push({ id: `n:${index}`, kind: 'node', title: node.opType, subtitle: node.name, nodeIndex: index });
  }
  for (const value of graph.outputs) {
    items.push({ id: `out:${value.name}`, kind: 'output', title: value.name, subtitle: shapeSubtitle(value.type, value.shape) });
  }

  return {
    items,
    edges: buildEdges(graph, drawn, itemOfNode),
    groups: grouping.groups.map((group) => ({ ...group, expanded: expanded.has(group.key) })),
    refused,
    hiddenNodeCount: nodes.length - drawn.length,
  };
}

/** Joins the box that produces each tensor to the boxes that consume it, one edge per pair of boxes. */
function buildEdges(graph: GraphView, drawn: readonly number[], itemOfNode: ReadonlyMap<number, string>): GraphEdge[] {
  const producerItem = new Map<string, string>();
  for (const value of graph.inputs) producerItem.set(value.name, `in:${value.name}`);
  for (const index of drawn) {
    for (const output of graph.nodes[index].outputs) if (output !== '') producerItem.set(output, itemOfNode.get(index) as string);
  }

  const edges = new Map<string, { source: string; target: string; tensors: string[] }>();
  const connect = (source: string | undefined, target: string, tensor: string): void => {
    if (source === undefined || source === target) return;
    const id = `${source}→${target}`;
    const edge = edges.get(id) ?? { source, target, tensors: [] };
    if (!edge.tensors.includes(tensor)) edge.tensors.push(tensor);
    edges.set(id, edge);
  };
  for (const index of drawn) {
    const target = itemOfNode.get(index) as string;
    for (const input of graph.nodes[index].inputs) if (input !== '') connect(producerItem.get(input), target, input);
  }
  for (const value of graph.outputs) connect(producerItem.get(value.name), `out:${value.name}`, value.name);
  return [...edges].map(([id, edge]) => ({ id, ...edge }));
}
