/** The details of one node: domain, inputs, outputs and attributes, with links into its subgraphs. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { GraphView, NodeView } from '../../src/protocol/inspector-messages';
import { html } from '../common/dom';
import { code, dataTable, fieldTable } from './elements';
import { graphLabel } from './graphTree';
import type { Strings } from './strings';

function nameList(strings: Strings, names: readonly string[]): HTMLElement | string {
  // An empty name marks an optional input or output that is left out.
  if (names.length === 0) return strings.t('noneValue');
  return html('ol', { class: 'name-list', start: 0 }, ...names.map((name) => html('li', {}, code(name === '' ? '∅' : name))));
}

/** Returns the name shown for a node: its own, or its position when the model leaves it empty. */
export function nodeTitle(strings: Strings, node: NodeView, index: number): string {
  return node.name === '' ? strings.t('nodeUnnamed', index) : node.name;
}

/** Renders the details of `node`; `onOpenGraph` shows one of its subgraphs. */
export function renderNodeDetails(
  strings: Strings,
  node: NodeView,
  graphs: readonly GraphView[],
  onOpenGraph: (graphId: string) => void,
): HTMLElement {
  const attributes =
    node.attributes.length === 0
      ? html('p', { class: 'hint' }, strings.t('noneValue'))
      : dataTable(
          strings.t('nodeAttributes'),
          [strings.t('columnName'), strings.t('columnType'), strings.t('columnValue')],
          node.attributes.map((attribute) => {
            const links = attribute.graphIds.map((graphId) => {
              const graph = graphs.find((candidate) => candidate.id === graphId);
              const label = graph === undefined ? graphId : graphLabel(strings, graph);
              const button = html('vscode-button', { secondary: true, 'data-open-graph': graphId }, strings.t('openSubgraph', label));
              button.addEventListener('click', () => onOpenGraph(graphId));
              return button;
            });
            return [code(attribute.name), attribute.type, html('span', { class: 'attribute-value' }, code(attribute.value), ...links)];
          }),
        );
  return html(
    'div',
    { class: 'node-details' },
    fieldTable([
      [strings.t('fieldDomain'), node.domain === '' ? 'ai.onnx' : node.domain],
      [strings.t('nodeInputs'), nameList(strings, node.inputs)],
      [strings.t('nodeOutputs'), nameList(strings, node.outputs)],
    ]),
    html('h4', {}, strings.t('nodeAttributes')),
    attributes,
  );
}
