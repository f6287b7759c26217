/**
 * The attention tab: choose encoder self-, decoder self- or cross-attention, a layer and a head (or the mean),
 * then see the heatmap, the head view and the grid of all layers and heads. A kind that was not recorded
 * shows the reason from the trace.
 */
import type { LayerAttention } from '../../src/protocol/trace';
import { html } from '../common/dom';
import { formatValue, renderHeatmap } from '../common/heatmap';
import { labelText } from '../common/labels';
import { inlineStyledClone, type ExportFigure } from '../common/svgExport';
import { attentionSource, checkAttentionShape, headMatrix, maxValue, type AttentionKind, type AttentionSource, type HeadChoice } from './attentionData';
import { selectControl } from './controls';
import { renderHeadGrid } from './headGrid';
import { renderHeadView } from './headView';
import { clampIndex } from './state';
import type { StringKey } from './strings';
import type { RenderedView, ViewContext } from './viewContext';

const KIND_NAMES: Readonly<Record<AttentionKind, StringKey>> = {
  encoder: 'kindEncoder',
  decoder: 'kindDecoder',
  cross: 'kindCross',
};

function headName(context: ViewContext, head: HeadChoice): string {
  return head === 'mean' ? context.strings.t('headMean') : context.strings.t('headOption', head);
}

function kindControl(context: ViewContext): HTMLElement {
  const options = (Object.keys(KIND_NAMES) as AttentionKind[]).map((kind) => ({
    value: kind,
    label: context.strings.t(KIND_NAMES[kind]),
  }));
  return selectControl(context.strings.t('kindLabel'), options, context.state.kind, (value) => context.update({ kind: value as AttentionKind }), 'kind');
}

function layerAndHeadControls(context: ViewContext, layers: readonly LayerAttention[], layerPosition: number, heads: number, head: HeadChoice): HTMLElement[] {
  const layerOptions = layers.map((layer, i) => ({ value: String(i), label: context.strings.t('layerOption', layer.layer) }));
  const headOptions = [
    { value: 'mean', label: context.strings.t('headMean') },
    ...Array.from({ length: heads }, (_, h) => ({ value: String(h), label: context.strings.t('headOption', h) })),
  ];
  return [
    selectControl(context.strings.t('layerLabel'), layerOptions, String(layerPosition), (value) => context.update({ layer: Number(value) }), 'layer'),
    selectControl(
      context.strings.t('headLabel'),
      headOptions,
      String(head),
      (value) => context.update({ head: value === 'mean' ? 'mean' : Number(value) }),
      'head',
    ),
  ];
}

function renderRecorded(context: ViewContext, source: AttentionSource, layers: readonly LayerAttention[], element: HTMLElement): RenderedView {
  const { state, strings } = context;
  const rows = source.rows.labels.length;
  const cols = source.cols.labels.length;
  const heads = layers.reduce((count, layer) => Math.max(count, checkAttentionShape(layer, rows, cols, state.kind)), 0);
  const layerPosition = clampIndex(state.layer, layers.length);
  const layer = layers[layerPosition];
  const head: HeadChoice = state.head === 'mean' || state.head >= layer.probs.shape[0] ? 'mean' : state.head;
  const matrix = headMatrix(layer, head);
  const kindName = strings.t(KIND_NAMES[state.kind]);
  const title = strings.t('heatmapTitle', kindName, layer.layer, headName(context, head));

  element.querySelector('.controls')?.append(...layerAndHeadControls(context, layers, layerPosition, heads, head));

  const heatmap = renderHeatmap(
    {
      values: matrix,
      rows,
      cols,
      rowLabels: source.rows.labels,
      colLabels: source.cols.labels,
      rowKeys: source.rows.keys,
      colKeys: source.cols.keys,
      scaleMax: maxValue(matrix),
      theme: context.theme,
      ariaLabel: strings.t('heatmapAria', title),
      selectKeyOf: (r) => source.rows.keys[r],
      describeCell: (r, c, value) =>
        strings.t('heatmapCell', labelText(source.rows.labels[r]), labelText(source.cols.labels[c]), formatValue(value)),
      hint: strings.t('heatmapHint'),
      legendLabel: strings.t('legendWeight'),
    },
    context.highlight,
  );
  const headView = renderHeadView(matrix, source.rows, source.cols, strings.t('headViewAria'));
  const grid = renderHeadGrid(
    {
      layers,
      heads,
      rows: source.rows,
      cols: source.cols,
      selectedLayer: layerPosition,
      selectedHead: head,
      theme: context.theme,
      headLabel: (choice) => (choice === 'mean' ? 'μ' : `H${choice}`),
      cellLabel: (layerNumber, choice) => strings.t('gridCell', layerNumber, headName(context, choice)),
      ariaLabel: strings.t('gridTitle'),
      onSelect: (position, choice) => context.update({ layer: position, head: choice }),
    },
    context.highlight,
    context.disposables,
  );

  element.append(
    html('section', { class: 'view-section' }, html('h3', {}, title), heatmap.element),
    html('section', { class: 'view-section' }, html('h3', {}, strings.t('headViewTitle')), html('div', { class: 'scroll-x' }, headView)),
    html('section', { class: 'view-section' }, html('h3', {}, strings.t('gridTitle')), grid.element),
  );

  const figures: ExportFigure[] = [
    { title, toSvg: () => inlineStyledClone(heatmap.svg) },
    { title: strings.t('headViewTitle'), toSvg: () => inlineStyledClone(headView) },
    grid.figure(strings.t('gridTitle')),
  ];
  return { element, figures: () => figures, exportName: `attention-${state.kind}-layer-${layer.layer}-${head === 'mean' ? 'mean' : `head-${head}`}` };
}

/** Renders the attention tab for the trace in `context`. */
export function renderAttentionView(context: ViewContext): RenderedView {
  const { state, strings } = context;
  const element = html('div', { class: 'view attention-view' }, html('div', { class: 'controls' }, kindControl(context)));
  const source = attentionSource(context.trace, state.kind);

  if (!source.captured.available) {
    const text = strings.t('unavailable', strings.t(KIND_NAMES[state.kind]), source.captured.reason);
    element.appendChild(html('p', { class: 'unavailable-reason', role: 'status' }, text));
    return { element, figures: () => [], exportName: `attention-${state.kind}` };
  }
  return renderRecorded(context, source, source.captured.layers, element);
}
