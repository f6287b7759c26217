import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { instrumentWithLocator } from '../../../src/capture';
import { NO_EXTRA_FETCHES, OrtInference, Seq2SeqModel } from '../../../src/model';
import type { Captured, LayerAttention, Trace } from '../../../src/protocol/trace';
import { traceFromJson, traceToJson } from '../../../src/protocol/trace';
import { Translator } from '../../../src/translate';
import { loadReference, ROOT, TINY } from '../runtime/fixture';

const reference = loadReference();
const SENTENCE = reference.sentences[reference.attention.sentence_index].text;
const CAPTURE = { topK: 5, topNeurons: 4, fullActivations: false };
const LAYOUTS = ['merged', 'split', 'no-cache'] as const;
const LAYERS = 2;
const HEADS = 4;

function layers(captured: Captured<LayerAttention>): readonly LayerAttention[] {
  assert.ok(captured.available, captured.available ? '' : captured.reason);
  return captured.layers;
}

/** Asserts that every row of [heads, rows, keys] sums to 1. */
function assertRowsSumToOne(probs: LayerAttention['probs'], label: string): void {
  const keys = probs.shape[probs.shape.length - 1];
  for (let offset = 0; offset < probs.data.length; offset += keys) {
    let sum = 0;
    for (let i = 0; i < keys; i++) sum += probs.data[offset + i];
    assert.ok(Math.abs(sum - 1) < 1e-5, `${label}: row at ${offset / keys} sums to ${sum}`);
  }
}

/** Largest absolute difference between a [heads, rows, keys] tensor and nested reference lists. */
function maxDifference(probs: LayerAttention['probs'], expected: number[][][]): number {
  const [heads, rows, keys] = probs.shape;
  let max = 0;
  for (let h = 0; h < heads; h++) {
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < keys; k++) max = Math.max(max, Math.abs(probs.data[(h * rows + r) * keys + k] - expected[h][r][k]));
    }
  }
  return max;
}

describe('capture on the tiny Marian fixture', () => {
  const traces = new Map<string, Trace>();
  const translators: Translator[] = [];

  before(async () => {
    for (const layout of LAYOUTS) {
      const translator = await Translator.load(TINY, { decoderLayout: layout });
      translators.push(translator);
      const { results } = await translator.translate({ texts: [SENTENCE], options: { numBeams: 1, maxNewTokens: 20 }, capture: CAPTURE });
      traces.set(layout, results[0].trace!);
    }
  });
  after(async () => {
    for (const translator of translators) await translator.dispose();
  });

  for (const layout of LAYOUTS) {
    test(`encoder attention equals PyTorch (${layout})`, () => {
      const trace = traces.get(layout)!;
      const encoder = layers(trace.encoderSelfAttention);
      assert.equal(encoder.length, LAYERS);
      const n = trace.source.tokens.length;
      encoder.forEach((layer, index) => {
        assert.deepEqual(layer.probs.shape, [HEADS, n, n]);
        assertRowsSumToOne(layer.probs, `encoder layer ${index}`);
        assert.ok(maxDifference(layer.probs, reference.attention.encoder_self[index]) < 1e-5, `encoder layer ${index}`);
      });
    });

    test(`decoder attention equals PyTorch (${layout})`, () => {
      const trace = traces.get(layout)!;
      const expectedInput = reference.attention.decoder_input_ids;
      assert.deepEqual(trace.final.decoderInput.map((token) => token.id), expectedInput);
      const tgt = expectedInput.length;

      layers(trace.final.decoderSelfAttention).forEach((layer, index) => {
        assert.deepEqual(layer.probs.shape, [HEADS, tgt, tgt]);
        assertRowsSumToOne(layer.probs, `decoder self layer ${index}`);
        assert.ok(maxDifference(layer.probs, reference.attention.decoder_self[index]) < 1e-5, `decoder self layer ${index}`);
      });
      layers(trace.final.crossAttention).forEach((layer, index) => {
        assert.deepEqual(layer.probs.shape, [HEADS, tgt, trace.source.tokens.length]);
        assertRowsSumToOne(layer.probs, `cross layer ${index}`);
        assert.ok(maxDifference(layer.probs, reference.attention.cross[index]) < 1e-5, `cross layer ${index}`);
      });
    });

    test(`decoder self-attention is causal (${layout})`, () => {
      const trace = traces.get(layout)!;
      for (const step of trace.steps) {
        for (const layer of layers(step.decoderSelfAttention!)) {
          // Query position `step` attends to the start token and the tokens generated before it, no more.
          assert.deepEqual(layer.probs.shape, [1, HEADS, 1, step.step + 1]);
          assertRowsSumToOne(layer.probs, `step ${step.step}`);
        }
      }
      for (const layer of layers(trace.final.decoderSelfAttention)) {
        const [heads, tgt] = layer.probs.shape;
        for (let h = 0; h < heads; h++) {
          for (let q = 0; q < tgt; q++) {
            for (let k = q + 1; k < tgt; k++) assert.equal(layer.probs.data[(h * tgt + q) * tgt + k], 0);
          }
        }
      }
    });
  }

  test('feed-forward activations have one row per token', () => {
    const trace = traces.get('merged')!;
    assert.ok(trace.encoderFfn.available);
    assert.equal(trace.encoderFfn.layers.length, LAYERS);
    for (const layer of trace.encoderFfn.layers) {
      assert.deepEqual(layer.norm.shape, [trace.source.tokens.length]);
      assert.deepEqual(layer.topIndices.shape, [trace.source.tokens.length, CAPTURE.topNeurons]);
      assert.equal(layer.full, undefined);
    }
    assert.ok(trace.final.ffn.available);
    assert.deepEqual(trace.final.ffn.layers[0].norm.shape, [trace.final.decoderInput.length]);
  });

  test('top candidates are sorted probabilities', () => {
    const trace = traces.get('merged')!;
    trace.steps.forEach((step, index) => {
      const candidates = step.candidates[0];
      assert.equal(candidates.length, CAPTURE.topK);
      for (let i = 1; i < candidates.length; i++) assert.ok(candidates[i - 1].prob >= candidates[i].prob);
      // Greedy picks the most probable candidate.
      assert.equal(candidates[0].id, trace.hypotheses[0].tokens[index].id);
    });
  });

  test('trace survives a JSON round trip', () => {
    const trace = traces.get('merged')!;
    const copy = traceFromJson(traceToJson(trace));
    assert.deepEqual(copy.encoderSelfAttention, trace.encoderSelfAttention);
    assert.deepEqual(copy.final.crossAttention, trace.final.crossAttention);
    assert.equal(copy.hypotheses[0].text, trace.hypotheses[0].text);
  });
});

describe('capture with beam search', () => {
  test('beam records rebuild every hypothesis', async () => {
    const translator = await Translator.load(TINY);
    try {
      const { results } = await translator.translate({
        texts: reference.sentences.map((sentence) => sentence.text),
        options: { numBeams: 4, numReturnSequences: 4, maxNewTokens: 20 },
        capture: CAPTURE,
      });
      for (const result of results) {
        const trace = result.trace!;
        assert.equal(trace.hypotheses.length, 4);
        for (const hypothesis of trace.hypotheses) {
          const tokens: number[] = [];
          let beam = hypothesis.beamPath[hypothesis.beamPath.length - 1];
          for (let step = hypothesis.tokens.length - 1; step >= 0; step--) {
            const record = trace.steps[step].beams.find((candidate) => candidate.beam === beam);
            assert.ok(record, `step ${step} has beam ${beam}`);
            tokens.unshift(record.token.id);
            beam = record.parent;
          }
          assert.equal(beam, -1);
          assert.deepEqual(tokens, hypothesis.tokens.map((token) => token.id));
        }
        const statuses = new Set(trace.steps.flatMap((step) => step.beams.map((record) => record.status)));
        assert.ok(statuses.has('alive'), 'some beam stays alive');
        assert.ok(statuses.has('pruned'), 'some candidate is pruned');
        // After the first step every alive beam gets its own candidates.
        assert.equal(trace.steps[1].candidates.length, 4);
        for (const layer of layers(trace.final.crossAttention)) assertRowsSumToOne(layer.probs, 'beam cross');
      }
    } finally {
      await translator.dispose();
    }
  });
});

describe('capture costs nothing to the logits', () => {
  test('logits are bit-identical with capture on and off', async () => {
    const plain = await Seq2SeqModel.load(TINY);
    const instrumented = await Seq2SeqModel.load(TINY, { transform: (bytes, role) => instrumentWithLocator(bytes, role).bytes });
    try {
      const source = plain.tokenizer.encode(SENTENCE);
      const input = { inputIds: [source], attentionMask: [source.map(() => 1)] };
      const fetchAll = {
        encoder: instrumented.sessions.encoder.outputNames.filter((name) => name.startsWith('lens.')),
        decoder: instrumented.sessions.decoder.outputNames.filter((name) => name.startsWith('lens.')),
        withPast: [],
      };
      assert.ok(fetchAll.decoder.length > 0);

      const runs = [
        new OrtInference(plain.sessions, plain.cache, plain.config.vocabSize, NO_EXTRA_FETCHES),
        new OrtInference(instrumented.sessions, instrumented.cache, instrumented.config.vocabSize, NO_EXTRA_FETCHES),
        new OrtInference(instrumented.sessions, instrumented.cache, instrumented.config.vocabSize, fetchAll),
      ];
      const sequences = [[256], [256, 15], [256, 15, 47]];
      const outputs: Float32Array[][] = runs.map(() => []);
      for (const [index, inference] of runs.entries()) {
        await inference.encode(input, 1);
        for (const sequence of sequences) outputs[index].push(new Float32Array((await inference.logits([sequence])).logits));
        inference.dispose();
      }
      for (let step = 0; step < sequences.length; step++) {
        assert.deepEqual(outputs[1][step], outputs[0][step], `step ${step}: instrumented graph, no extra fetch`);
        assert.deepEqual(outputs[2][step], outputs[0][step], `step ${step}: instrumented graph, capture fetch`);
      }
    } finally {
      await plain.dispose();
      await instrumented.dispose();
    }
  });
});

describe('capture on other graphs', () => {
  test('fused attention reports the reason and still runs', async () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'onnx', 'fused-mha.onnx')));
    const graph = instrumentWithLocator(bytes, 'encoder');
    assert.equal(graph.targets.filter((target) => target.kind !== 'ffn').length, 0);
    assert.match(graph.unavailable['encoder.self'], /^attention not available: .*MultiHeadAttention/);

    const session = await ort.InferenceSession.create(graph.bytes);
    try {
      assert.ok(session.outputNames.length > 0);
    } finally {
      await session.release();
    }
  });

  test('quantized fixture keeps float attention', async () => {
    const translator = await Translator.load(TINY, { precision: 'quantized' });
    try {
      const { results } = await translator.translate({ texts: [SENTENCE], options: { numBeams: 1, maxNewTokens: 20 }, capture: CAPTURE });
      const trace = results[0].trace!;
      for (const layer of layers(trace.encoderSelfAttention)) assertRowsSumToOne(layer.probs, 'quantized encoder');
      for (const layer of layers(trace.final.crossAttention)) assertRowsSumToOne(layer.probs, 'quantized cross');
    } finally {
      await translator.dispose();
    }
  });
});
