import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DecodingCancelledError, DecodingError, DecodingOptionsError, ModelLoadError, Translator } from '../../../src/translate';
import { loadReference, TINY } from './fixture';

const reference = loadReference();
const texts = reference.sentences.map((sentence) => sentence.text);
const LAYOUTS = ['merged', 'split', 'no-cache'] as const;

/** Beam 4 output of the tiny fixture with max_new_tokens 20: the two best hypotheses per sentence and their scores. */
const BEAM_4: Array<Array<[number[], number]>> = [
  [[[15, 47, 6, 88, 12, 20, 61, 21, 177, 4, 0], -0.25461], [[15, 47, 6, 88, 16, 3, 195, 4, 0], -0.38958]],
  [[[2, 235, 210, 85, 129, 39, 40, 40, 2, 2, 2, 27, 0], -0.60104], [[2, 235, 210, 85, 129, 39, 40, 53, 2, 2, 27, 0], -0.60182]],
  [
    [[2, 96, 22, 36, 51, 92, 46, 2, 122, 2, 49, 24, 3, 20, 31, 2, 112, 112, 112, 0], -0.47852],
    [[2, 96, 22, 36, 51, 92, 46, 2, 159, 2, 49, 24, 3, 20, 31, 2, 112, 112, 112, 0], -0.48005],
  ],
  [
    [[43, 2, 3, 49, 14, 80, 128, 2, 17, 2, 156, 41, 154, 47, 107, 119, 42, 26, 108, 0], -0.43848],
    [[43, 2, 3, 49, 14, 80, 128, 2, 17, 2, 166, 160, 34, 152, 47, 107, 119, 42, 26, 0], -0.44959],
  ],
];

describe('runtime on the tiny Marian fixture', () => {
  const translators = new Map<string, Translator>();

  before(async () => {
    for (const layout of LAYOUTS) translators.set(layout, await Translator.load(TINY, { decoderLayout: layout }));
  });
  after(async () => {
    for (const translator of translators.values()) await translator.dispose();
  });

  test('tokenizer matches the recipe ids', () => {
    const tokenizer = translators.get('merged')!.model.tokenizer;
    for (const sentence of reference.sentences) assert.deepEqual(tokenizer.encode(sentence.text), sentence.input_ids);
  });

  for (const layout of LAYOUTS) {
    test(`greedy equals PyTorch with ${layout} decoder`, async () => {
      const { results } = await translators.get(layout)!.translate({ texts, options: { numBeams: 1, maxNewTokens: 20 } });
      reference.sentences.forEach((sentence, i) => {
        const expected = sentence.greedy_ids.slice(1);
        if (sentence.finished) {
          assert.deepEqual(results[i].tokenIds, expected, sentence.text);
        } else {
          // generation_config sets forced_eos_token_id, so the 20th token is EOS where PyTorch went on.
          assert.deepEqual(results[i].tokenIds.slice(0, 19), expected.slice(0, 19), sentence.text);
          assert.equal(results[i].tokenIds[19], 0);
        }
      });
    });

    test(`beam 4 gives exact ids with ${layout} decoder`, async () => {
      const { results } = await translators.get(layout)!.translate({
        texts,
        options: { numBeams: 4, maxNewTokens: 20, numReturnSequences: 2 },
      });
      results.forEach((result, i) => {
        assert.equal(result.nBest.length, 2);
        result.nBest.forEach((hypothesis, rank) => {
          assert.deepEqual(hypothesis.tokenIds, BEAM_4[i][rank][0], `sentence ${i} rank ${rank}`);
          assert.ok(Math.abs(hypothesis.score - BEAM_4[i][rank][1]) < 1e-4, `score ${hypothesis.score}`);
        });
        assert.equal(result.text, result.nBest[0].text);
      });
    });
  }

  test('batched decoding equals one-by-one decoding', async () => {
    const translator = translators.get('merged')!;
    for (const numBeams of [1, 4]) {
      const batched = await translator.translate({ texts, options: { numBeams, maxNewTokens: 20 } });
      for (let i = 0; i < texts.length; i++) {
        const single = await translator.translate({ texts: [texts[i]], options: { numBeams, maxNewTokens: 20 } });
        assert.deepEqual(batched.results[i].tokenIds, single.results[0].tokenIds, `beams ${numBeams}, sentence ${i}`);
        assert.ok(Math.abs(batched.results[i].sumLogprob - single.results[0].sumLogprob) < 1e-3);
      }
    }
  });

  test('result reports scores and statistics', async () => {
    const { results, stats } = await translators.get('merged')!.translate({ texts: [texts[0]], options: { numBeams: 1 } });
    const result = results[0];
    assert.ok(result.sumLogprob < 0);
    assert.ok(Math.abs(result.avgLogprob - result.sumLogprob / result.tokenIds.length) < 1e-9);
    assert.equal(stats.generatedTokens, result.tokenIds.length);
    assert.ok(stats.ortMs > 0, `ortMs ${stats.ortMs}`);
    assert.ok(stats.ortMs <= stats.totalMs, `ortMs ${stats.ortMs} > totalMs ${stats.totalMs}`);
  });

  test('abort signal cancels a run', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      translators.get('merged')!.translate({ texts, signal: controller.signal }),
      DecodingCancelledError,
    );
  });

  test('lengths beyond the position embeddings are rejected', async () => {
    const translator = translators.get('merged')!;
    const long = Array.from({ length: 200 }, () => 'apple').join(' ');
    await assert.rejects(
      translator.translate({ texts: ['short', long] }),
      (error: unknown) => error instanceof DecodingError && /Segment 2 has \d+ tokens: the model accepts at most 128/.test(error.message),
    );
    await assert.rejects(
      translator.translate({ texts: ['short'], options: { maxNewTokens: 200 } }),
      (error: unknown) => error instanceof DecodingOptionsError && /max_new_tokens \(200\) for max_position_embeddings \(128\)/.test(error.message),
    );
  });

  test('invalid overrides are rejected before running', async () => {
    await assert.rejects(
      translators.get('merged')!.translate({ texts, options: { numBeams: 2, numReturnSequences: 3 } }),
      (error: unknown) => error instanceof DecodingOptionsError && /num_return_sequences \(3\) > num_beams \(2\)/.test(error.message),
    );
  });
});

describe('model folder errors', () => {
  let dir: string;
  const copy = (name: string): string => {
    const target = join(dir, name);
    cpSync(TINY, target, { recursive: true });
    return target;
  };

  before(() => (dir = mkdtempSync(join(tmpdir(), 'lens-models-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function expectLoadError(modelDir: string, pattern: RegExp, options = {}): Promise<void> {
    await assert.rejects(Translator.load(modelDir, options), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError, `expected ModelLoadError, got ${String(error)}`);
      assert.match(error.message, pattern);
      return true;
    });
  }

  test('missing folder names the path', async () => {
    await expectLoadError(join(dir, 'nowhere'), /Model folder not found: .*nowhere/);
  });

  test('missing encoder names the expected file', async () => {
    const model = copy('no-encoder');
    rmSync(join(model, 'onnx', 'encoder_model.onnx'));
    await expectLoadError(model, /Precision "fp32" not found .*expected encoder_model\.onnx; available: quantized/);
    rmSync(join(model, 'onnx', 'encoder_model_quantized.onnx'));
    await expectLoadError(model, /Missing encoder .*expected encoder_model\.onnx/);
  });

  test('missing tokenizer.json names the file', async () => {
    const model = copy('no-tokenizer');
    rmSync(join(model, 'tokenizer.json'));
    await expectLoadError(model, /Missing tokenizer\.json/);
  });

  test('malformed config.json names the field', async () => {
    const model = copy('bad-config');
    writeFileSync(join(model, 'config.json'), JSON.stringify({ d_model: 'wide', vocab_size: 257 }));
    await expectLoadError(model, /config\.json: "d_model" must be a positive integer, found "wide"/);
  });

  test('truncated JSON reports the parse error', async () => {
    const model = copy('bad-json');
    writeFileSync(join(model, 'generation_config.json'), '{"num_beams": ');
    await expectLoadError(model, /Malformed generation_config\.json: expected JSON/);
  });

  test('unknown precision lists the available ones', async () => {
    const model = copy('precisions');
    for (const name of ['encoder_model', 'decoder_model_merged']) {
      cpSync(join(model, 'onnx', `${name}.onnx`), join(model, 'onnx', `${name}_int8.onnx`));
    }
    await expectLoadError(model, /Precision "q4" not found .*expected encoder_model_q4\.onnx; available: fp32, int8, quantized/, { precision: 'q4' });
    const translator = await Translator.load(model, { precision: 'int8' });
    try {
      assert.equal(translator.summary.precision, 'int8');
      assert.equal(translator.summary.decoderLayout, 'decoder_model_merged_int8.onnx');
    } finally {
      await translator.dispose();
    }
  });

  test('corrupt onnx file is a load error', async () => {
    const model = copy('corrupt');
    writeFileSync(join(model, 'onnx', 'decoder_model_merged.onnx'), Buffer.from('not a model at all'));
    await expectLoadError(model, /Cannot load decoder_model_merged\.onnx/);
  });

  test('requested layout that is missing is named', async () => {
    const model = copy('no-merged');
    renameSync(join(model, 'onnx', 'decoder_model_merged.onnx'), join(model, 'onnx', 'unused.bin'));
    await expectLoadError(model, /Missing decoder_model_merged\.onnx .*"merged" was requested/, { decoderLayout: 'merged' });
    const translator = await Translator.load(model);
    try {
      assert.equal(translator.summary.decoderLayout, 'decoder_model.onnx + decoder_with_past_model.onnx');
    } finally {
      await translator.dispose();
    }
  });
});
