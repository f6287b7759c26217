import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DecodingCancelledError, DecodingTask, resolveDecodingOptions, type DecodingOverrides } from '../../../src/decoding';
import { logs, ScriptedInference, type Script } from './scripted-inference';

// Vocabulary of the scripted model: 0 = EOS, 1 = pad/start, 2 = A, 3 = B, 4 = C.
const VOCAB = 5;
const EOS = 0;
const START = 1;
const A = 2;
const B = 3;
const C = 4;

function options(overrides: DecodingOverrides) {
  return resolveDecodingOptions(
    { decoder_start_token_id: START, eos_token_id: EOS, pad_token_id: START, max_length: 6 },
    { vocabSize: VOCAB },
    overrides,
  ).options;
}

async function decode(script: Script, overrides: DecodingOverrides, sources: number[][] = [[A, EOS]]) {
  const inference = new ScriptedInference(script, VOCAB);
  const task = new DecodingTask(inference, options(overrides), VOCAB);
  const results = await task.run(sources);
  return { results, inference };
}

/**
 * Greedy takes A (0.6) first, but every continuation of A is unlikely (best 0.4), while B (0.4) ends with
 * EOS at 0.9: sequence probabilities A…=0.6×0.4=0.24 per step against B EOS=0.36.
 */
const GARDEN_PATH: Script = (_source, prefix) => {
  if (prefix.length === 1) return logs([0, 0, 0.6, 0.4, 0]);
  if (prefix[1] === A) return logs([0.3, 0, 0.3, 0, 0.4]);
  if (prefix[1] === B) return logs([0.9, 0, 0.05, 0.05, 0]);
  return logs([1, 0, 0, 0, 0]);
};

describe('DecodingTask', () => {
  test('greedy follows the highest logit', async () => {
    const { results } = await decode(GARDEN_PATH, { numBeams: 1 });
    // After A the script prefers C (0.4) over EOS (0.3) at every step, up to max_length 6.
    assert.deepEqual(results[0][0].tokens, [A, C, C, C, C]);
  });

  test('greedy stops at max_new_tokens', async () => {
    const loop: Script = () => logs([0, 0, 1, 0, 0]);
    const { results } = await decode(loop, { numBeams: 1, maxNewTokens: 3 });
    assert.deepEqual(results[0][0].tokens, [A, A, A]);
  });

  test('beam search finds the better sequence greedy misses', async () => {
    const { results } = await decode(GARDEN_PATH, { numBeams: 2, lengthPenalty: 1 });
    assert.deepEqual(results[0][0].tokens, [B, EOS]);
    assert.ok(Math.abs(results[0][0].sumLogprob - Math.log(0.4 * 0.9)) < 1e-5);
    assert.ok(Math.abs(results[0][0].score - Math.log(0.4 * 0.9) / 2) < 1e-5);
  });

  test('beam search returns n-best sorted by score', async () => {
    const { results } = await decode(GARDEN_PATH, { numBeams: 3, numReturnSequences: 3, earlyStopping: true });
    assert.equal(results[0].length, 3);
    const scores = results[0].map((r) => r.score);
    assert.deepEqual([...scores].sort((a, b) => b - a), scores);
    assert.deepEqual(results[0][0].tokens, [B, EOS]);
  });

  test('beam search reorders the cache', async () => {
    const { inference } = await decode(GARDEN_PATH, { numBeams: 2 });
    assert.ok(inference.reorders.length > 0);
    assert.equal(inference.disposed, 1);
  });

  test('batched decoding equals one-by-one decoding', async () => {
    // The script depends on the source so items differ.
    const bySource: Script = (source, prefix) => {
      const bias = source.length % 3;
      const step = prefix.length;
      if (step >= 3 + bias) return logs([0.7, 0, 0.1, 0.1, 0.1]);
      return logs([0.05, 0, 0.4 - 0.1 * bias, 0.3, 0.25 + 0.1 * bias]);
    };
    const sources = [[A, EOS], [A, B, C, EOS], [B, EOS], [C, C, C, C, EOS]];
    for (const numBeams of [1, 3]) {
      const batched = (await decode(bySource, { numBeams }, sources)).results;
      for (let i = 0; i < sources.length; i++) {
        const single = (await decode(bySource, { numBeams }, [sources[i]])).results;
        assert.deepEqual(batched[i][0].tokens, single[0][0].tokens, `beams ${numBeams}, source ${i}`);
        assert.ok(Math.abs(batched[i][0].score - single[0][0].score) < 1e-6);
      }
    }
  });

  test('cancelled run rejects and releases the inference', async () => {
    const controller = new AbortController();
    const inference = new ScriptedInference((_s, prefix) => {
      if (prefix.length === 2) controller.abort();
      return logs([0, 0, 1, 0, 0]);
    }, VOCAB);
    const task = new DecodingTask(inference, options({ numBeams: 1 }), VOCAB);
    await assert.rejects(task.run([[A, EOS]], controller.signal), DecodingCancelledError);
    assert.equal(inference.disposed, 1);
    assert.equal(inference.calls, 2);
  });

  test('beam records rebuild each hypothesis', async () => {
    const steps: { records: readonly (readonly { beam: number; parent: number; token: number; status: string }[])[] }[] = [];
    const inference = new ScriptedInference(GARDEN_PATH, VOCAB);
    const task = new DecodingTask(inference, options({ numBeams: 2, numReturnSequences: 2 }), VOCAB, {
      onStep: (_step, _sequences, _scores, result) => steps.push(result),
    });
    const [hypotheses] = await task.run([[A, EOS]]);
    for (const hypothesis of hypotheses) {
      // Walk back from the last token through the parents.
      const tokens: number[] = [];
      let beam = hypothesis.beamPath[hypothesis.beamPath.length - 1];
      for (let step = hypothesis.tokens.length - 1; step >= 0; step--) {
        const record = steps[step].records[0].find((r) => r.beam === beam);
        assert.ok(record, `step ${step} has beam ${beam}`);
        tokens.unshift(record.token);
        beam = record.parent;
      }
      assert.deepEqual(tokens, hypothesis.tokens);
    }
  });
});
