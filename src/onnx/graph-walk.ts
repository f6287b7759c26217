/** Traversal of a graph and its subgraphs (the graph attributes of If, Loop and Scan nodes). */
import type { OnnxGraph, OnnxNode } from './model-types';

/** A subgraph and the name of the node attribute that contains it. */
export interface Subgraph {
  readonly attribute: string;
  readonly graph: OnnxGraph;
}

const NO_SUBGRAPHS: readonly Subgraph[] = [];

/** Returns the subgraphs in `node`'s attributes (`then_branch`, `else_branch`, `body`, …). */
export function nodeSubgraphs(node: OnnxNode): readonly Subgraph[] {
  let found: Subgraph[] | undefined;
  for (const attribute of node.attributes) {
    if (attribute.graph !== undefined) (found ??= []).push({ attribute: attribute.name, graph: attribute.graph });
    for (const graph of attribute.graphs ?? []) (found ??= []).push({ attribute: attribute.name, graph });
  }
  return found ?? NO_SUBGRAPHS;
}

/** Calls `visit` for `graph` and then for every subgraph below it, depth first in node order. */
export function forEachGraph(graph: OnnxGraph, visit: (graph: OnnxGraph, depth: number) => void, depth = 0): void {
  visit(graph, depth);
  for (const node of graph.nodes) {
    for (const subgraph of nodeSubgraphs(node)) forEachGraph(subgraph.graph, visit, depth + 1);
  }
}
