/**
 * The Nodes tab: the graph browser and a searchable list of the chosen graph's nodes, shown a page at a
 * time; each node opens to its inputs, outputs and attributes.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { GraphView, NodeView } from '../../src/protocol/inspector-messages';
import { clear, html } from '../common/dom';
import { code, uniqueId } from './elements';
import { formatCount } from './format';
import { renderGraphTree } from './graphTree';
import { nodeTitle, renderNodeDetails } from './nodeDetails';
import { PagedList } from './paging';
import type { InspectorContext } from './viewContext';

/** Nodes added to the list per page. */
export const NODE_PAGE_SIZE = 150;

/** Returns the indices of the nodes whose name, op type, domain, inputs or outputs contain `query` (any case). */
export function searchNodes(nodes: readonly NodeView[], query: string): number[] {
  const needle = query.trim().toLowerCase();
  const indices: number[] = [];
  nodes.forEach((node, index) => {
    if (needle === '') {
      indices.push(index);
      return;
    }
    const haystack = [node.name, node.opType, node.domain, ...node.inputs, ...node.outputs].join('\n').toLowerCase();
    if (haystack.includes(needle)) indices.push(index);
  });
  return indices;
}

/** Returns the graph with `id`, or the main graph when the id is unknown (a state saved for another file). */
export function currentGraph(graphs: readonly GraphView[], id: string): GraphView {
  return graphs.find((graph) => graph.id === id) ?? graphs[0];
}

/** Renders the Nodes tab. */
export function renderNodes(context: InspectorContext): HTMLElement {
  const { strings, state, model } = context;
  const graph = currentGraph(model.graphs, state.graphId);
  const openGraph = (graphId: string): void => context.update({ graphId, selectedNode: null, nodeQuery: '' });

  const search = html('vscode-textfield', {
    id: uniqueId('node-search'),
    type: 'search',
    placeholder: strings.t('searchPlaceholder'),
    'aria-label': strings.t('searchLabel'),
    'data-control': 'node-search',
  });
  search.value = state.nodeQuery;
  const countLine = html('p', { class: 'hint', role: 'status', 'data-role': 'node-count' });
  const list = html('ul', { class: 'node-list', 'aria-label': strings.t('tabNodes') });

  const nodeItem = (index: number): HTMLElement => {
    const node = graph.nodes[index];
    const details = html(
      'details',
      { 'data-node-index': index, open: state.selectedNode === index },
      html('summary', {}, code(node.opType), ' ', html('span', { class: 'node-name' }, nodeTitle(strings, node, index))),
    );
    let filled = false;
    const fill = (): void => {
      if (filled || !details.open) return;
      filled = true;
      details.appendChild(renderNodeDetails(strings, node, model.graphs, openGraph));
    };
    details.addEventListener('toggle', () => {
      fill();
      if (details.open) context.update({ selectedNode: index }, false);
    });
    fill();
    return html('li', {}, details);
  };

  const pages = new PagedList<number>(
    NODE_PAGE_SIZE,
    strings,
    (index) => list.appendChild(nodeItem(index)),
    (_shown, total) => {
      countLine.textContent = strings.t('nodeMatches', formatCount(total), formatCount(graph.nodes.length));
    },
    'show-more-nodes',
  );

  const refill = (query: string): void => {
    clear(list);
    pages.reset(searchNodes(graph.nodes, query));
  };

  search.addEventListener('input', () => {
    context.update({ nodeQuery: search.value }, false);
    refill(search.value);
  });
  refill(state.nodeQuery);
  if (state.selectedNode !== null) {
    // The node chosen in the Graph tab (or before a restart) opens even when it is past the first page.
    pages.reveal(state.selectedNode);
    const open = list.querySelector(`details[data-node-index="${state.selectedNode}"]`);
    requestAnimationFrame(() => open?.scrollIntoView({ block: 'center' }));
  }

  const tree = renderGraphTree(strings, model.graphs, graph.id, openGraph);
  return html(
    'div',
    { class: 'nodes-view' },
    html('div', { class: 'graph-browser' }, tree),
    html('div', { class: 'node-pane' }, html('div', { class: 'toolbar' }, search, countLine), list, pages.moreButton),
  );
}
