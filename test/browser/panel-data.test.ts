/**
 * The panel's DOM-free logic on exact values: colours, strings, saved state, trace input forms, attention
 * matrices and the beam tree (runs in Node, no browser).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatColor, mixColors, parseColor } from '../../webview/common/color';
import { checkAttentionShape, headMatrix } from '../../webview/panel/attentionData';
import { beamTreeNodes, candidatesForStep } from '../../webview/panel/generationData';
import { pieceLabel } from '../../webview/panel/pieces';
import { DEFAULT_STATE, restoreState } from '../../webview/panel/state';
import { DEFAULT_STRINGS, STRING_KEYS, Strings } from '../../webview/panel/strings';
import { reviveTrace } from '../../webview/panel/traceInput';
import { decoderInputAxis, parseTokenKey, targetAxis } from '../../webview/panel/tokens';
import { traceToJson, type LayerAttention, type Trace } from '../../src/protocol/trace';
import { buildSyntheticTrace } from './synthetic-trace';

test('parseColor reads hex and rgb forms', () => {
  assert.deepEqual(parseColor('#abc'), { r: 170, g: 187, b: 204, a: 1 });
  assert.deepEqual(parseColor('#11223380'), { r: 17, g: 34, b: 51, a: 128 / 255 });
  assert.deepEqual(parseColor('rgba(1, 2, 3, 0.5)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.deepEqual(parseColor('rgb(1 2 3 / 50%)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.equal(parseColor('red'), undefined);
  assert.equal(parseColor('#12345'), undefined);
});

test('mixColors interpolates and clamps', () => {
  const black = { r: 0, g: 0, b: 0, a: 1 };
  const blue = { r: 0, g: 100, b: 255, a: 1 };

  assert.equal(formatColor(mixColors(black, blue, 0.5)), 'rgb(0, 50, 128)');
  assert.equal(formatColor(mixColors(black, blue, 2)), 'rgb(0, 100, 255)');
  assert.equal(formatColor(mixColors(black, { ...blue, a: 0 }, 0.5)), 'rgba(0, 50, 128, 0.5)');
});

test('strings fill placeholders and keep English for bad values', () => {
  const strings = new Strings();
  assert.equal(strings.t('heatmapCell', 'chat', 'cat', '0.42'), 'chat → cat: 0.42');

  strings.update({ tabAttention: 'Aufmerksamkeit', tabGeneration: 7, other: 'x' });
  assert.equal(strings.t('tabAttention'), 'Aufmerksamkeit');
  assert.equal(strings.t('tabGeneration'), 'Generation');
  assert.deepEqual([...STRING_KEYS].sort(), Object.keys(DEFAULT_STRINGS).sort());
});

test('restoreState keeps valid fields only', () => {
  assert.deepEqual(restoreState(undefined), DEFAULT_STATE);
  assert.deepEqual(restoreState({ tab: 'ffn', kind: 'encoder', layer: 2, head: 3, selected: 'tgt:-1', ffnLayer: 1 }), {
    tab: 'ffn',
    kind: 'encoder',
    layer: 2,
    head: 3,
    selected: 'tgt:-1',
    ffnLayer: 1,
  });
  assert.deepEqual(restoreState({ tab: 'other', kind: 7, layer: -1, head: 1.5, selected: '<b>', ffnLayer: 'x' }), DEFAULT_STATE);
});

test('token keys and decoder axes', () => {
  const trace = buildSyntheticTrace();
  assert.deepEqual(parseTokenKey('src:12'), { side: 'src', index: 12 });
  assert.equal(parseTokenKey('src:1 tgt:2'), null);

  const rows = targetAxis(trace);
  const cols = decoderInputAxis(trace);
  assert.equal(rows.keys.length, trace.hypotheses[0].tokens.length);
  assert.deepEqual(cols.keys.slice(0, 3), ['tgt:-1', 'tgt:0', 'tgt:1']);
  assert.deepEqual(cols.labels[1], rows.labels[0]);
});

test('pieceLabel marks word starts and special tokens', () => {
  assert.deepEqual(pieceLabel('▁chat'), { marker: '▁', text: 'chat', special: false });
  assert.deepEqual(pieceLabel('</s>'), { marker: '', text: '</s>', special: true });
  assert.deepEqual(pieceLabel('<img src=x onerror=alert(1)>'), { marker: '', text: '<img src=x onerror=alert(1)>', special: false });
  assert.deepEqual(pieceLabel('▁'), { marker: '▁', text: '', special: false });
});

test('reviveTrace accepts all three tensor forms', () => {
  const trace = buildSyntheticTrace();
  assert.ok(trace.encoderFfn.available);
  const expected = trace.encoderFfn.layers[1];

  for (const input of [trace, JSON.parse(traceToJson(trace)), JSON.parse(JSON.stringify(trace))]) {
    const revived = reviveTrace(input);
    assert.ok(revived.encoderFfn.available);
    const layer = revived.encoderFfn.layers[1];
    assert.ok(layer.norm.data instanceof Float32Array);
    assert.ok(layer.topIndices.data instanceof Int32Array);
    assert.deepEqual([...layer.norm.data], [...expected.norm.data]);
    assert.deepEqual([...layer.topIndices.data], [...expected.topIndices.data]);
    assert.deepEqual([...layer.topValues.data], [...expected.topValues.data]);
  }
  assert.throws(() => reviveTrace({ version: 2 }), /unsupported trace version 2; this panel reads version 1/);
});

test('headMatrix returns a head or the float32 mean', () => {
  const layer: LayerAttention = {
    layer: 0,
    // [heads=2, tgt=1, src=3]
    probs: { shape: [2, 1, 3], data: Float32Array.from([0.2, 0.3, 0.5, 0.6, 0.3, 0.1]) },
  };
  assert.equal(checkAttentionShape(layer, 1, 3, 'cross'), 2);
  assert.deepEqual([...headMatrix(layer, 1)], [...Float32Array.from([0.6, 0.3, 0.1])]);
  assert.deepEqual([...headMatrix(layer, 'mean')], [...Float32Array.from([0.4, 0.3, 0.3])]);
  assert.throws(() => checkAttentionShape(layer, 2, 3, 'cross'), /cross attention of layer 0 has shape \[2, 1, 3\] and 6 values, but the tokens need \[heads, 2, 3\]\./);
});

/** Builds a two-step beam search by hand, where beam 1 of step 0 is the parent of the best token at step 1. */
function handTrace(): Trace {
  const base = buildSyntheticTrace();
  const token = (id: number, piece: string) => ({ id, piece });
  const candidate = (id: number, piece: string, prob: number) => ({ id, piece, prob, logprob: Math.log(prob) });
  return {
    ...base,
    steps: [
      {
        step: 0,
        candidates: [[candidate(5, '▁A', 0.6), candidate(6, '▁B', 0.4)]],
        beams: [
          { beam: 0, parent: -1, token: token(5, '▁A'), cumulativeLogprob: Math.log(0.6), status: 'alive' },
          { beam: 1, parent: -1, token: token(6, '▁B'), cumulativeLogprob: Math.log(0.4), status: 'alive' },
        ],
      },
      {
        step: 1,
        candidates: [
          [candidate(1, '</s>', 0.5), candidate(7, '▁C', 0.5)],
          [candidate(1, '</s>', 0.9), candidate(8, '▁D', 0.1)],
        ],
        beams: [
          { beam: 0, parent: 0, token: token(7, '▁C'), cumulativeLogprob: -1.2, status: 'alive' },
          { beam: 1, parent: 0, token: token(8, '▁D'), cumulativeLogprob: -3, status: 'alive' },
          { beam: 2, parent: 1, token: token(1, '</s>'), cumulativeLogprob: -1.0, status: 'finished' },
          { beam: 3, parent: 0, token: token(1, '</s>'), cumulativeLogprob: -1.2, status: 'pruned' },
        ],
      },
    ],
    hypotheses: [{ tokens: [token(6, '▁B'), token(1, '</s>')], text: 'B', sumLogprob: -1, avgLogprob: -0.5, score: -0.5, beamPath: [1, 2] }],
  };
}

test('candidatesForStep follows the beam path', () => {
  const trace = handTrace();
  const best = trace.hypotheses[0];

  assert.deepEqual(candidatesForStep(trace, best, 0).map((c) => c.piece), ['▁A', '▁B']);
  assert.deepEqual(candidatesForStep(trace, best, 1).map((c) => c.prob), [0.9, 0.1]);
  assert.deepEqual(candidatesForStep(trace, best, 2), []);
});

test('beamTreeNodes links parents and marks the best path', () => {
  const nodes = beamTreeNodes(handTrace(), handTrace().hypotheses[0]);

  assert.equal(nodes.length, 1 + 2 + 4);
  assert.deepEqual(
    nodes.map((node) => [node.column, node.row, node.parentRow, node.onBestPath]),
    [
      [0, 0, null, true],
      [1, 0, 0, false],
      [1, 1, 0, true],
      [2, 0, 0, false],
      [2, 1, 0, false],
      [2, 2, 1, true],
      [2, 3, 0, false],
    ],
  );
});
