import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LayerAttention } from '../../../src/protocol/trace';
import { Translator } from '../../../src/translate';
import { ROOT } from '../runtime/fixture';

const DEMO = join(ROOT, 'models', 'demo-en-fr');
const PARITY = join(ROOT, 'test', 'fixtures', 'demo', 'parity.json');

interface ParityCase {
  readonly source: string;
  readonly sourceIds: number[];
  readonly generatedIds: number[];
}

interface ParityFixture {
  readonly eosTokenId: number;
  readonly maxNewTokens: number;
  readonly cases: ParityCase[];
}

describe('embedded demo model', () => {
  let translator: Translator;
  before(async () => {
    assert.ok(existsSync(join(DEMO, 'config.json')), `demo model missing at ${DEMO}`);
    translator = await Translator.load(DEMO);
  });
  after(async () => translator?.dispose());

  test('greedy output equals PyTorch on 50 test sentences', async () => {
    const fixture = JSON.parse(readFileSync(PARITY, 'utf8')) as ParityFixture;
    assert.equal(fixture.cases.length, 50);
    for (const item of fixture.cases) assert.deepEqual(translator.model.tokenizer.encode(item.source), item.sourceIds, item.source);

    const batch = 10;
    for (let start = 0; start < fixture.cases.length; start += batch) {
      const cases = fixture.cases.slice(start, start + batch);
      const { results } = await translator.translate({
        texts: cases.map((item) => item.source),
        options: { numBeams: 1, maxNewTokens: fixture.maxNewTokens },
      });
      cases.forEach((item, i) => {
        const expected = item.generatedIds;
        const finished = expected[expected.length - 1] === fixture.eosTokenId;
        if (finished) {
          assert.deepEqual(results[i].tokenIds, expected, item.source);
        } else {
          // forced_eos_token_id makes the last allowed token EOS, where the PyTorch loop went on.
          assert.deepEqual(results[i].tokenIds.slice(0, -1), expected.slice(0, -1), item.source);
        }
      });
    }
  });

  test('translates a paragraph that is not in the training data', async () => {
    const { results } = await translator.translate({
      texts: ['This tool converts images between several formats.', 'The library provides functions to read configuration files.'],
    });
    for (const result of results) {
      assert.ok(result.text.length > 10, result.text);
      assert.ok(result.tokenIds[result.tokenIds.length - 1] === translator.model.config.eosTokenId, 'ends with EOS');
    }
  });

  test('cross-attention of a copied number peaks on it', async () => {
    const source = 'This package contains version 2048 of the library.';
    const { results } = await translator.translate({
      texts: [source],
      options: { numBeams: 1 },
      capture: { topK: 3, topNeurons: 4, fullActivations: false },
    });
    const trace = results[0].trace!;
    const sourcePosition = trace.source.tokens.findIndex((token) => token.piece.includes('2048') || token.piece.includes('20'));
    assert.ok(sourcePosition >= 0, `no number piece in ${trace.source.tokens.map((t) => t.piece).join(' ')}`);
    const number = trace.source.tokens[sourcePosition].piece.replace('▁', '');
    const targetPosition = trace.hypotheses[0].tokens.findIndex((token) => token.piece.replace('▁', '') === number);
    assert.ok(targetPosition >= 0, `"${number}" not copied into: ${trace.hypotheses[0].text}`);

    assert.ok(trace.final.crossAttention.available);
    const peaks = trace.final.crossAttention.layers.map((layer: LayerAttention) => {
      // Mean over heads of the target row, then its argmax over source positions.
      const [heads, tgt, src] = layer.probs.shape;
      const mean = new Float32Array(src);
      for (let h = 0; h < heads; h++) {
        for (let s = 0; s < src; s++) mean[s] += layer.probs.data[(h * tgt + targetPosition) * src + s] / heads;
      }
      return mean.indexOf(Math.max(...mean));
    });
    assert.ok(peaks.includes(sourcePosition), `peaks per layer ${peaks.join(', ')}; number at source position ${sourcePosition}`);
  });
});
