/**
 * English UI strings of the side panel. The host localizes them (webviews cannot call `vscode.l10n`) and
 * sends the result in a `strings` message. Placeholders are `{0}`, `{1}`, … as in `vscode.l10n.t`.
 * This file has no DOM code, so the extension host can import it for the key list.
 */
import { LocalizedStrings } from '../common/localizedStrings';

export const DEFAULT_STRINGS = {
  tabGeneration: 'Generation',
  tabAttention: 'Attention',
  tabFeedForward: 'Feed-forward',
  emptyTrace: 'No trace yet. Translate with tracing turned on to see how the model produced its output.',
  renderError: 'This trace cannot be shown: {0}',
  modelSummary: '{0} · {1} encoder and {2} decoder layers · {3} beam(s)',
  exportPng: 'Export PNG',
  exportSvg: 'Export SVG',
  exportTrace: 'Export trace JSON',
  exportFailed: 'Export failed: {0}',
  exportEmpty: 'This view has nothing to export.',
  sourceTokens: 'Source tokens',
  targetTokens: 'Generated tokens',
  tokenPosition: 'position {0}',
  startToken: 'decoder start token',
  hypotheses: 'Hypotheses',
  hypothesisScore: 'score {0} · mean log-prob {1}',
  candidatesTitle: 'Top candidates at each step',
  candidatesStep: 'Step {0}: ',
  candidatesMissing: 'No candidates were recorded for this trace.',
  beamTreeTitle: 'Beam tree',
  beamTreeLegend: 'Each column is a step. Solid: kept beam; dashed: pruned; double border: finished hypothesis. The best hypothesis is outlined.',
  beamNode: 'Step {0}, beam {1}: {2}, cumulative log-prob {3}, {4}',
  beamAlive: 'kept',
  beamFinished: 'finished',
  beamPruned: 'pruned',
  kindLabel: 'Attention kind',
  kindEncoder: 'Encoder self-attention',
  kindDecoder: 'Decoder self-attention',
  kindCross: 'Cross-attention',
  layerLabel: 'Layer',
  layerOption: 'Layer {0}',
  headLabel: 'Head',
  headMean: 'Mean over heads',
  headOption: 'Head {0}',
  heatmapTitle: '{0}, layer {1}, {2}',
  heatmapAria: '{0} heatmap, rows are queries and columns are keys. Use the arrow keys to move between cells and Enter to select the row token.',
  heatmapHint: 'Hover a cell, or focus the heatmap and use the arrow keys.',
  heatmapCell: '{0} → {1}: {2}',
  legendWeight: 'Weight',
  headViewTitle: 'Head view',
  headViewAria: 'Lines from each query token on the left to each key token on the right; line opacity is the attention weight.',
  gridTitle: 'All layers and heads',
  gridCell: 'Layer {0}, {1}',
  unavailable: '{0} was not recorded: {1}',
  ffnEncoderTitle: 'Encoder feed-forward activation norms',
  ffnDecoderTitle: 'Decoder feed-forward activation norms',
  ffnEncoderName: 'Encoder feed-forward activations',
  ffnDecoderName: 'Decoder feed-forward activations',
  ffnAria: '{0}: rows are layers and columns are tokens. Use the arrow keys to move and Enter to show the top neurons of a cell.',
  ffnCell: 'Layer {0}, {1}: norm {2}',
  legendNorm: 'L2 norm',
  neuronsTitle: 'Top neurons of {0} in layer {1}',
  neuronsHint: 'Click a cell of a heatmap above, or select a token, to see its top neurons.',
  neuronLabel: '#{0}',
} as const;

export type StringKey = keyof typeof DEFAULT_STRINGS;

/** Every string key, for the host to localize. */
export const STRING_KEYS = Object.keys(DEFAULT_STRINGS) as readonly StringKey[];

/** The panel's strings: English defaults until the host sends localized ones. */
export class Strings extends LocalizedStrings<StringKey> {
  constructor() {
    super(DEFAULT_STRINGS);
  }
}
