/**
 * Flattens the main graph and every subgraph below it (If branches, Loop and Scan bodies) into a list
 * of graph views with ids, so the webview can browse them. No `vscode` import.
 */
import type { OnnxGraph, OnnxNode, TensorSource } from '../../onnx';
import type { AttributeView, GraphView, NodeView } from '../../protocol/inspector-messages';
import { attributeTypeText, attributeValueText, valueView } from './valueText';

/** Id of the main graph; subgraph ids extend their parent's id. */
export const MAIN_GRAPH_ID = 'main';

interface Owner {
  readonly nodeName: string;
  readonly opType: string;
  readonly attribute: string;
}

/** Returns the id of the `k`-th graph held by attribute `attribute` of node `nodeIndex` in graph `parentId`. */
export function subgraphId(parentId: string, nodeIndex: number, attribute: string, k: number | null): string {
  return `${parentId}/${nodeIndex}.${attribute}${k === null ? '' : `.${k}`}`;
}

/**
 * Returns the views of `root` and of all its subgraphs, the main graph first and then depth first in node
 * order. `source` contains the model bytes, used to show the values of small constant tensors.
 */
export function buildGraphViews(root: OnnxGraph, source: TensorSource): GraphView[] {
  const views: GraphView[] = [];
  addGraph(views, root, MAIN_GRAPH_ID, null, null, source);
  return views;
}

function addGraph(
  views: GraphView[],
  graph: OnnxGraph,
  id: string,
  parentId: string | null,
  owner: Owner | null,
  source: TensorSource,
): void {
  const nodes: NodeView[] = [];
  const children: { graph: OnnxGraph; id: string; owner: Owner }[] = [];

  graph.nodes.forEach((node, nodeIndex) => {
    const attributes: AttributeView[] = node.attributes.map((attribute) => {
      const held = attribute.graph !== undefined ? [{ graph: attribute.graph, k: null }] : (attribute.graphs ?? []).map((g, k) => ({ graph: g, k }));
      const graphIds = held.map(({ graph: subgraph, k }) => {
        const childId = subgraphId(id, nodeIndex, attribute.name, k);
        children.push({ graph: subgraph, id: childId, owner: ownerOf(node, attribute.name) });
        return childId;
      });
      return {
        name: attribute.name,
        type: attributeTypeText(attribute),
        value: attributeValueText(attribute, source),
        graphIds,
      };
    });
    nodes.push({
      name: node.name,
      opType: node.opType,
      domain: node.domain,
      inputs: node.inputs,
      outputs: node.outputs,
      attributes,
    });
  });

  views.push({
    id,
    name: graph.name,
    parentId,
    owner,
    nodes,
    inputs: graph.inputs.map(valueView),
    outputs: graph.outputs.map(valueView),
    initializerCount: graph.initializers.length,
  });
  for (const child of children) addGraph(views, child.graph, child.id, id, child.owner, source);
}

function ownerOf(node: OnnxNode, attribute: string): Owner {
  return { nodeName: node.name, opType: node.opType, attribute };
}
