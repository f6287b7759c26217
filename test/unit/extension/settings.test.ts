import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExtensionError } from '../../../src/extension/errors';
import { readSettings, toCaptureRequest, toGenerationOverrides, toLoadOptions } from '../../../src/extension/settings';

function getterOf(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

test('readSettings defaults when nothing is set', () => {
  const settings = readSettings(getterOf({}));
  assert.deepEqual(settings, {
    model: '',
    models: [],
    precision: 'fp32',
    numBeams: null,
    maxNewTokens: null,
    lengthPenalty: null,
    noRepeatNgramSize: null,
    outputMode: 'replace',
    capture: true,
    topK: 5,
    topNeurons: 8,
  });
});

test('readSettings trims paths and drops empty folders', () => {
  const settings = readSettings(getterOf({ model: '  /models/a  ', models: [' /m/b ', '', '   '] }));
  assert.equal(settings.model, '/models/a');
  assert.deepEqual(settings.models, ['/m/b']);
});

test('readSettings rejects invalid values with the key and value', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ numBeams: 0 }, /seq2seqLens\.numBeams: 0\. Expected an integer from 1 to 64 or null/],
    [{ numBeams: 2.5 }, /seq2seqLens\.numBeams: 2\.5/],
    [{ maxNewTokens: '20' }, /seq2seqLens\.maxNewTokens: "20"/],
    [{ lengthPenalty: Number.NaN }, /seq2seqLens\.lengthPenalty: NaN\. Expected a number from -10 to 10 or null/],
    [{ lengthPenalty: 11 }, /seq2seqLens\.lengthPenalty: 11\./],
    [{ outputMode: 'append' }, /seq2seqLens\.outputMode: "append"\. Expected one of replace, insertBelow, show/],
    [{ precision: 'bf16' }, /seq2seqLens\.precision: "bf16"/],
    [{ capture: 'yes' }, /seq2seqLens\.capture: "yes"\. Expected true or false/],
    [{ topK: null }, /seq2seqLens\.topK: null\. Expected an integer from 1 to 50\./],
    [{ models: ['/a', 3] }, /seq2seqLens\.models: \["\/a",3\]\. Expected a list of folder paths/],
  ];
  for (const [values, pattern] of cases) {
    assert.throws(
      () => readSettings(getterOf(values)),
      (error: unknown) => error instanceof ExtensionError && pattern.test(error.message) && error.action === 'openSettings',
      `case ${JSON.stringify(values)}`,
    );
  }
});

test('toGenerationOverrides leaves out null settings', () => {
  const settings = readSettings(getterOf({ numBeams: 4, lengthPenalty: 0.6 }));
  assert.deepEqual(toGenerationOverrides(settings), { numBeams: 4, lengthPenalty: 0.6 });
});

test('toGenerationOverrides passes zero n-gram size', () => {
  const settings = readSettings(getterOf({ noRepeatNgramSize: 0, maxNewTokens: 32 }));
  assert.deepEqual(toGenerationOverrides(settings), { maxNewTokens: 32, noRepeatNgramSize: 0 });
});

test('toCaptureRequest follows capture setting', () => {
  assert.equal(toCaptureRequest(readSettings(getterOf({ capture: false }))), false);
  assert.deepEqual(toCaptureRequest(readSettings(getterOf({ topK: 3, topNeurons: 12 }))), {
    topK: 3,
    topNeurons: 12,
    fullActivations: false,
  });
});

test('toLoadOptions passes precision', () => {
  assert.deepEqual(toLoadOptions(readSettings(getterOf({ precision: 'quantized' }))), { precision: 'quantized' });
});
