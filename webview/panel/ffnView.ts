/**
 * The feed-forward tab: layer × token heatmaps of activation norms for the encoder (source tokens) and the
 * decoder (generation steps), and the top neurons of the selected token in the chosen layer.
 */
import type { LayerActivations } from '../../src/protocol/trace';
import { renderBarChart } from '../common/bars';
import { clear, html } from '../common/dom';
import { formatValue, renderHeatmap } from '../common/heatmap';
import { labelText } from '../common/labels';
import { inlineStyledClone, type ExportFigure } from '../common/svgExport';
import { maxValue, minValue } from './attentionData';
import { checkActivationShape, ffnSources, normMatrix, topNeurons, type FfnSource } from './ffnData';
import { clampIndex } from './state';
import { parseTokenKey } from './tokens';
import type { RenderedView, ViewContext } from './viewContext';

function layerLabel(layer: LayerActivations) {
  return { marker: '', text: `L${layer.layer}`, special: false };
}

function sideStrings(source: FfnSource) {
  return source.side === 'src'
    ? ({ title: 'ffnEncoderTitle', name: 'ffnEncoderName' } as const)
    : ({ title: 'ffnDecoderTitle', name: 'ffnDecoderName' } as const);
}

interface NeuronPanel {
  readonly element: HTMLElement;
  readonly figure: ExportFigure;
  /** Redraws the bars for the current selection and `layerPosition`. */
  render(layerPosition: number): void;
  hasChart(): boolean;
}

function neuronPanel(context: ViewContext, sources: readonly FfnSource[]): NeuronPanel {
  const { strings } = context;
  const element = html('section', { class: 'view-section neurons' });
  let chart: SVGSVGElement | null = null;
  let title = '';

  const render = (layerPosition: number): void => {
    clear(element);
    chart = null;
    const token = parseTokenKey(context.highlight.selected);
    const source = sources.find((candidate) => candidate.side === token?.side);
    const inRange = token !== null && source !== undefined && token.index >= 0 && token.index < source.tokens.keys.length;
    if (!inRange || !source.captured.available || source.captured.layers.length === 0) {
      element.appendChild(html('p', { class: 'hint' }, strings.t('neuronsHint')));
      return;
    }

    const layer = source.captured.layers[clampIndex(layerPosition, source.captured.layers.length)];
    title = strings.t('neuronsTitle', labelText(source.tokens.labels[token.index]), layer.layer);
    const rows = topNeurons(layer, token.index).map((neuron) => ({
      label: { marker: '', text: strings.t('neuronLabel', neuron.index), special: false },
      value: neuron.value,
      valueText: formatValue(neuron.value),
    }));
    chart = renderBarChart({ groups: [{ title: '', rows }], ariaLabel: title });
    element.append(html('h3', {}, title), html('div', { class: 'scroll-x' }, chart));
  };

  const figure: ExportFigure = {
    get title() {
      return title;
    },
    toSvg: () => inlineStyledClone(chart as SVGSVGElement),
  };
  return { element, figure, render, hasChart: () => chart !== null };
}

/** Renders the feed-forward tab for the trace in `context`. */
export function renderFfnView(context: ViewContext): RenderedView {
  const { strings } = context;
  const sources = ffnSources(context.trace);
  const element = html('div', { class: 'view ffn-view' });
  const figures: ExportFigure[] = [];
  let layerPosition = context.state.ffnLayer;
  const neurons = neuronPanel(context, sources);

  for (const source of sources) {
    const names = sideStrings(source);
    if (!source.captured.available) {
      const text = strings.t('unavailable', strings.t(names.name), source.captured.reason);
      element.appendChild(html('p', { class: 'unavailable-reason', role: 'status' }, text));
      continue;
    }

    const layers = source.captured.layers;
    const tokens = source.tokens.keys.length;
    for (const layer of layers) checkActivationShape(layer, tokens, source.side);
    const matrix = normMatrix(layers, tokens);
    const heatmap = renderHeatmap(
      {
        values: matrix,
        rows: layers.length,
        cols: tokens,
        rowLabels: layers.map(layerLabel),
        colLabels: source.tokens.labels,
        rowKeys: layers.map(() => null),
        colKeys: source.tokens.keys,
        // Norms are all well above zero, so the scale starts at the smallest one to keep differences visible.
        scaleMin: minValue(matrix),
        scaleMax: maxValue(matrix),
        theme: context.theme,
        ariaLabel: strings.t('ffnAria', strings.t(names.title)),
        selectKeyOf: (_r, c) => source.tokens.keys[c],
        describeCell: (r, c, value) => strings.t('ffnCell', layers[r].layer, labelText(source.tokens.labels[c]), formatValue(value)),
        onCellActivate: (r) => {
          layerPosition = r;
          context.update({ ffnLayer: r }, false);
          neurons.render(layerPosition);
        },
        hint: strings.t('heatmapHint'),
        legendLabel: strings.t('legendNorm'),
      },
      context.highlight,
    );
    element.appendChild(html('section', { class: 'view-section' }, html('h3', {}, strings.t(names.title)), heatmap.element));
    figures.push({ title: strings.t(names.title), toSvg: () => inlineStyledClone(heatmap.svg) });
  }

  neurons.render(layerPosition);
  element.appendChild(neurons.element);
  let lastSelected = context.highlight.selected;
  context.disposables.add(
    context.highlight.subscribe((_hovered, selected) => {
      if (selected === lastSelected) return;
      lastSelected = selected;
      neurons.render(layerPosition);
    }),
  );

  return {
    element,
    figures: () => (neurons.hasChart() ? [...figures, neurons.figure] : figures),
    exportName: 'feed-forward',
  };
}
