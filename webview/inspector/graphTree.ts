/**
 * The graph browser: a tree of the main graph and its subgraphs (If branches, Loop and Scan bodies).
 * Choosing a graph shows it in the Nodes and Graph tabs.
 */
import '@vscode-elements/elements/dist/vscode-tree/index.js';
import '@vscode-elements/elements/dist/vscode-tree-item/index.js';
import type { GraphView } from '../../src/protocol/inspector-messages';
import { html } from '../common/dom';
import { formatCount } from './format';
import type { Strings } from './strings';

/** The label of a graph: the main graph by name, a subgraph by its owner node and attribute. */
export function graphLabel(strings: Strings, graph: GraphView): string {
  if (graph.owner === null) return strings.t('graphMain', graph.name);
  return strings.t('graphSubgraph', graph.owner.opType, graph.owner.nodeName, graph.owner.attribute);
}

/** Renders the tree; `onSelect` receives the id of the graph the user chose. */
export function renderGraphTree(
  strings: Strings,
  graphs: readonly GraphView[],
  currentId: string,
  onSelect: (graphId: string) => void,
): HTMLElement {
  const items = new Map<string, HTMLElement>();
  const tree = html('vscode-tree', { 'aria-label': strings.t('graphTreeLabel'), 'data-control': 'graph-tree', 'indent-guides': 'always' });

  for (const graph of graphs) {
    const hasChildren = graphs.some((candidate) => candidate.parentId === graph.id);
    const item = html(
      'vscode-tree-item',
      { 'data-graph-id': graph.id, branch: hasChildren, open: hasChildren, selected: graph.id === currentId },
      graphLabel(strings, graph),
      html('span', { slot: 'description' }, strings.t('graphGroupNodes', formatCount(graph.nodes.length))),
    );
    items.set(graph.id, item);
    const parent = graph.parentId === null ? undefined : items.get(graph.parentId);
    (parent ?? tree).appendChild(item);
  }

  tree.addEventListener('vsc-tree-select', (event: Event) => {
    const detail: unknown = (event as CustomEvent).detail;
    const selected = Array.isArray(detail) ? detail : ((detail as { selectedItems?: unknown[] } | null)?.selectedItems ?? []);
    const first = selected[0];
    const id = first instanceof HTMLElement ? first.dataset.graphId : undefined;
    if (id !== undefined && id !== currentId) onSelect(id);
  });
  return tree;
}
