/** translateTexts with a real ONNX Runtime session on the tiny fixture model. */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { translateTexts } from '../../../src/extension/translateTexts';
import { Translator } from '../../../src/translate';

const MODEL_DIR = join(resolve(import.meta.dirname, '../../..'), 'test', 'fixtures', 'models', 'marian-tiny');
let translator: Translator;

before(async () => {
  translator = await Translator.load(MODEL_DIR);
});

after(async () => {
  await translator.dispose();
});

async function translateOne(sentence: string): Promise<string> {
  return (await translator.translate({ texts: [sentence] })).results[0].text;
}

test('fixture run matches single-sentence translations', async () => {
  const sentences = ['The house is small.', 'I like green tea.', 'We walk to school.'];
  const text = `  - ${sentences[0]} ${sentences[1]}\n\n  - ${sentences[2]}\n`;
  const options = {
    overrides: {},
    capture: { topK: 3, topNeurons: 4, fullActivations: false },
    maxBatchSegments: 2,
    maxBatchChars: 1000,
  };

  const result = await translateTexts(translator, [text], options);
  const expected = await Promise.all(sentences.map(translateOne));
  assert.equal(result.translations[0], `  - ${expected[0]} ${expected[1]}\n\n  - ${expected[2]}\n`);
  assert.equal(result.stats.segments, 3);
  assert.ok(result.trace !== undefined, 'capture recorded a trace');
  assert.equal(result.trace.source.text, sentences[0]);
  assert.equal(result.trace.hypotheses[0].text, expected[0]);
  assert.equal(result.trace.options.topK, 3);
});

test('fixture run honours generation overrides', async () => {
  const sentence = 'The house is small.';
  const options = { overrides: { numBeams: 1, maxNewTokens: 3 }, capture: false as const, maxBatchSegments: 8, maxBatchChars: 1000 };
  const result = await translateTexts(translator, [sentence], options);
  const direct = await translator.translate({ texts: [sentence], options: { numBeams: 1, maxNewTokens: 3 } });
  assert.equal(result.translations[0], direct.results[0].text);
  assert.ok(direct.results[0].tokenIds.length <= 3, `at most 3 new tokens, got ${direct.results[0].tokenIds.length}`);
});
