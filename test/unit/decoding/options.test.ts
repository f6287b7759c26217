import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecodingOptionsError, resolveDecodingOptions, type DecodingOverrides } from '../../../src/decoding';

const CONFIG = { decoder_start_token_id: 9, eos_token_id: 0, pad_token_id: 9, max_length: 64, num_beams: 4, bad_words_ids: [[9]] };
const MODEL = { vocabSize: 10 };

function resolve(overrides: DecodingOverrides, config: Record<string, unknown> = CONFIG) {
  return resolveDecodingOptions(config, MODEL, overrides);
}

test('options take generation_config defaults', () => {
  const { options, warnings } = resolve({});
  assert.equal(options.numBeams, 4);
  assert.equal(options.maxNewTokens, 63);
  assert.equal(options.decoderStartTokenId, 9);
  assert.deepEqual(options.eosTokenIds, [0]);
  assert.deepEqual(options.badWordsIds, [[9]]);
  assert.deepEqual(warnings, []);
});

test('overrides win over the config', () => {
  const { options } = resolve({ numBeams: 2, maxNewTokens: 5, lengthPenalty: 0.6 });
  assert.equal(options.numBeams, 2);
  assert.equal(options.maxNewTokens, 5);
  assert.equal(options.lengthPenalty, 0.6);
});

const INVALID: Array<[string, DecodingOverrides, Record<string, unknown> | undefined, RegExp]> = [
  ['return sequences above beams', { numReturnSequences: 5 }, undefined, /num_return_sequences \(5\) > num_beams \(4\)/],
  ['both length limits', { maxNewTokens: 5, maxLength: 6 }, undefined, /max_new_tokens \(5\) and max_length \(6\)/],
  ['min length above max', { minLength: 10, maxNewTokens: 3 }, undefined, /min_length \(10\) with max_new_tokens \(3\)/],
  ['zero beams', { numBeams: 0 }, undefined, /num_beams 0/],
  ['fractional beams', { numBeams: 1.5 }, undefined, /num_beams 1.5/],
  ['length penalty with greedy', { numBeams: 1, lengthPenalty: 2 }, undefined, /length_penalty \(2\) has no effect with num_beams \(1\)/],
  ['early stopping with greedy', { numBeams: 1, earlyStopping: true }, undefined, /early_stopping \(true\) has no effect with num_beams \(1\)/],
  ['negative ngram size', { noRepeatNgramSize: -1 }, undefined, /no_repeat_ngram_size -1/],
  ['zero repetition penalty', { repetitionPenalty: 0 }, undefined, /repetition_penalty 0/],
  ['token id outside vocab', { forcedBosTokenId: 10 }, undefined, /forced_bos_token_id 10.*\[0, 10\)/],
  ['eos suppressed', { suppressTokens: [0] }, undefined, /eos_token_id \(0\) listed in suppress_tokens/],
  ['forced bos banned', { forcedBosTokenId: 9 }, undefined, /forced_bos_token_id \(9\) listed/],
  ['sampling requested', {}, { ...CONFIG, do_sample: true }, /do_sample true/],
  ['beam groups requested', {}, { ...CONFIG, num_beam_groups: 2 }, /num_beam_groups 2/],
  ['missing start token', {}, { eos_token_id: 0 }, /Missing decoder_start_token_id/],
  ['missing eos', {}, { decoder_start_token_id: 1 }, /Missing eos_token_id/],
  ['bad early stopping', { earlyStopping: 'sometimes' as unknown as boolean }, undefined, /early_stopping "sometimes"/],
  ['malformed bad words', {}, { ...CONFIG, bad_words_ids: [1, 2] }, /bad_words_ids \[1,2\]/],
];

for (const [name, overrides, config, message] of INVALID) {
  test(`options reject ${name}`, () => {
    assert.throws(() => resolve(overrides, config), (error: unknown) => {
      assert.ok(error instanceof DecodingOptionsError, `got ${String(error)}`);
      assert.match(error.message, message);
      return true;
    });
  });
}

test('options warn about unused config fields', () => {
  const { warnings } = resolve({}, { ...CONFIG, temperature: 0.7, my_field: 1 });
  assert.equal(warnings.length, 2);
  assert.match(warnings[0], /temperature=0.7/);
  assert.match(warnings[1], /my_field=1/);
});

test('min_new_tokens counts from the start token', () => {
  const { options } = resolve({}, { ...CONFIG, min_new_tokens: 3 });
  assert.equal(options.minLength, 4);
});
