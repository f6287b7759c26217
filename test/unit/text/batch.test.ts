import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchSegments, TextError } from '../../../src/text';

const segments = ['aa', 'bbb', 'c', 'dddd', 'e'].map((text, line) => ({ text, line }));

function texts(batches: readonly (readonly { text: string }[])[]): string[][] {
  return batches.map((batch) => batch.map((segment) => segment.text));
}

test('batchSegments limits segment count', () => {
  assert.deepEqual(texts(batchSegments(segments, 2, 100)), [['aa', 'bbb'], ['c', 'dddd'], ['e']]);
  assert.deepEqual(texts(batchSegments(segments, 10, 100)), [['aa', 'bbb', 'c', 'dddd', 'e']]);
});

test('batchSegments limits characters', () => {
  // 2 + 3 = 5 fits, but adding 'c' would make 6. Then 1 + 4 = 5, and 'e' starts a new batch.
  assert.deepEqual(texts(batchSegments(segments, 10, 5)), [['aa', 'bbb'], ['c', 'dddd'], ['e']]);
});

test('batchSegments oversized segment alone', () => {
  assert.deepEqual(texts(batchSegments(segments, 10, 3)), [['aa'], ['bbb'], ['c'], ['dddd'], ['e']]);
});

test('batchSegments counts code points', () => {
  // Each emoji is 2 UTF-16 code units but 1 code point.
  const emoji = [{ text: '😀😀' }, { text: '😀' }];
  assert.deepEqual(texts(batchSegments(emoji, 10, 3)), [['😀😀', '😀']]);
});

test('batchSegments keeps order and items', () => {
  const batches = batchSegments(segments, 2, 4);
  assert.deepEqual(batches.flat(), segments);
  assert.equal(batches.flat()[3], segments[3]);
  assert.deepEqual(batchSegments([], 3, 10), []);
});

test('batchSegments rejects invalid limits', () => {
  assert.throws(() => batchSegments(segments, 0, 10), /Invalid maxBatch 0/);
  assert.throws(() => batchSegments(segments, 2, 1.5), /Invalid maxChars 1.5/);
  assert.throws(() => batchSegments(segments, Number.NaN, 10), TextError);
});
