import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExtensionError } from '../../../src/extension/errors';
import type { TranslatorLike } from '../../../src/extension/modelManager';
import { type TextRunOptions, translateTexts } from '../../../src/extension/translateTexts';
import type { Trace } from '../../../src/protocol/trace';
import { DecodingCancelledError } from '../../../src/translate';
import type { TranslateRequest, TranslateResponse } from '../../../src/translate/types';
import { fakeSummary, FakeTranslator } from './fakeTranslator';

const noCapture: TextRunOptions = { overrides: {}, capture: false, maxBatchSegments: 8, maxBatchChars: 1000 };
const withCapture: TextRunOptions = { ...noCapture, capture: { topK: 5, topNeurons: 8, fullActivations: false } };

function sentences(count: number): string {
  return Array.from({ length: count }, (_, i) => `Sentence number ${i + 1}.`).join(' ');
}

test('translateTexts keeps layout of long text', async () => {
  const translator = new FakeTranslator('fake');
  const text = '# Title\n\n  - Hello world. Good night.\n  - Second item.\r\n\n\tLast line!  \n';
  const result = await translateTexts(translator, [text], noCapture);
  assert.deepEqual(result.translations, ['# TITLE\n\n  - HELLO WORLD. GOOD NIGHT.\n  - SECOND ITEM.\r\n\n\tLAST LINE!  \n']);
  assert.deepEqual(
    translator.requests.map((request) => request.texts),
    [['Title', 'Hello world.', 'Good night.', 'Second item.', 'Last line!']],
  );
});

test('translateTexts batches segments in order', async () => {
  const translator = new FakeTranslator('fake');
  const result = await translateTexts(translator, [sentences(20)], noCapture);
  assert.deepEqual(
    translator.requests.map((request) => request.texts.length),
    [8, 8, 4],
  );
  assert.equal(result.translations[0], sentences(20).toUpperCase());
  assert.equal(result.stats.segments, 20);
  assert.equal(result.stats.totalMs, 9, 'three calls of 3 ms each');
  assert.ok(translator.requests.every((request) => request.capture === false));
});

test('translateTexts captures first segment alone', async () => {
  const translator = new FakeTranslator('fake');
  await translateTexts(translator, [sentences(10), 'Other text.'], withCapture);
  assert.deepEqual(
    translator.requests.map((request) => [request.texts.length, request.capture !== false]),
    [
      [1, true],
      [8, false],
      [2, false],
    ],
  );
  assert.deepEqual(translator.requests[0].texts, ['Sentence number 1.']);
});

test('translateTexts returns trace of first segment', async () => {
  const trace = { version: 1, source: { text: 'Hello.', tokens: [] } } as unknown as Trace;
  const translator: TranslatorLike = {
    summary: fakeSummary('fake'),
    translate: async (request: TranslateRequest): Promise<TranslateResponse> => ({
      results: request.texts.map((text) => ({
        text,
        tokenIds: [],
        sumLogprob: 0,
        avgLogprob: 0,
        nBest: [],
        ...(request.capture ? { trace } : {}),
      })),
      stats: { segments: request.texts.length, steps: 0, generatedTokens: 0, encodeMs: 0, decodeMs: 0, totalMs: 0, ortMs: 0 },
    }),
    dispose: async () => undefined,
  };
  const result = await translateTexts(translator, ['Hello. World.'], withCapture);
  assert.equal(result.trace, trace);
  const withoutCapture = await translateTexts(translator, ['Hello. World.'], noCapture);
  assert.equal(withoutCapture.trace, undefined);
});

test('translateTexts keeps texts in selection order', async () => {
  const translator = new FakeTranslator('fake');
  const result = await translateTexts(translator, ['First one.', '  Second one.  ', 'Third.'], noCapture);
  assert.deepEqual(result.translations, ['FIRST ONE.', '  SECOND ONE.  ', 'THIRD.']);
});

test('translateTexts skips whitespace-only text', async () => {
  const translator = new FakeTranslator('fake');
  const result = await translateTexts(translator, ['  \n\t\n'], withCapture);
  assert.deepEqual(result.translations, ['  \n\t\n']);
  assert.equal(translator.requests.length, 0);
  assert.equal(result.trace, undefined);
});

test('translateTexts reports progress per batch', async () => {
  const translator = new FakeTranslator('fake');
  const progress: [number, number][] = [];
  await translateTexts(translator, [sentences(12)], { ...withCapture, onProgress: (done, total) => progress.push([done, total]) });
  assert.deepEqual(progress, [
    [1, 12],
    [9, 12],
    [12, 12],
  ]);
});

test('translateTexts stops between batches on abort', async () => {
  const controller = new AbortController();
  const translator = new FakeTranslator('fake');
  const run = translateTexts(translator, [sentences(20)], {
    ...noCapture,
    signal: controller.signal,
    onProgress: (done) => {
      if (done === 8) controller.abort();
    },
  });
  await assert.rejects(run, DecodingCancelledError);
  assert.equal(translator.requests.length, 1);
  assert.equal(translator.requests[0].signal, controller.signal);
});

test('translateTexts rejects wrong result count', async () => {
  const translator: TranslatorLike = {
    summary: fakeSummary('fake'),
    translate: async () => ({
      results: [],
      stats: { segments: 0, steps: 0, generatedTokens: 0, encodeMs: 0, decodeMs: 0, totalMs: 0, ortMs: 0 },
    }),
    dispose: async () => undefined,
  };
  await assert.rejects(
    translateTexts(translator, ['Hello.'], noCapture),
    (error: unknown) => error instanceof ExtensionError && error.message === 'The model returned 0 translations for 1 segments.',
  );
});
