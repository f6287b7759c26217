import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BadWordsFilter,
  ForcedTokenFilter,
  LengthPenaltyRanker,
  MinLengthFilter,
  NoRepeatNgramFilter,
  RepetitionPenaltyFilter,
  SuppressTokensFilter,
} from '../../../src/decoding';

const VOCAB = 6;

function row(values: number[]): Float32Array {
  return Float32Array.from(values);
}

test('repetition penalty divides positive, multiplies negative', () => {
  const scores = row([2, -2, 2, -2, 1, 1]);
  new RepetitionPenaltyFilter(2).apply(scores, [[0, 1, 1]], VOCAB);
  assert.deepEqual([...scores], [1, -4, 2, -2, 1, 1]);
});

test('no-repeat trigram bans the completing token', () => {
  // Sequence 1 2 3 1 2: the trigram "1 2 3" exists, so after "1 2" token 3 is banned.
  const scores = row([0, 0, 0, 0, 0, 0]);
  new NoRepeatNgramFilter(3).apply(scores, [[1, 2, 3, 1, 2]], VOCAB);
  assert.deepEqual([...scores], [0, 0, 0, -Infinity, 0, 0]);
});

test('no-repeat n-gram ignores short sequences', () => {
  const scores = row([0, 0, 0, 0, 0, 0]);
  new NoRepeatNgramFilter(4).apply(scores, [[1, 2]], VOCAB);
  assert.ok(scores.every((value) => value === 0));
});

test('bad words ban single tokens and completed prefixes', () => {
  const scores = row([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const filter = new BadWordsFilter([[5], [2, 3, 4]]);
  filter.apply(scores, [[1, 2, 3], [1, 3, 3]], VOCAB);
  // Row 0 ends with "2 3", so 4 is banned there; 5 is banned in both rows.
  assert.deepEqual([...scores.subarray(0, 6)], [0, 0, 0, 0, -Infinity, -Infinity]);
  assert.deepEqual([...scores.subarray(6)], [0, 0, 0, 0, 0, -Infinity]);
});

test('min length bans EOS until reached', () => {
  const filter = new MinLengthFilter(3, [0]);
  const short = row([1, 1, 1, 1, 1, 1]);
  filter.apply(short, [[1, 2]], VOCAB);
  assert.equal(short[0], -Infinity);
  const long = row([1, 1, 1, 1, 1, 1]);
  filter.apply(long, [[1, 2, 3]], VOCAB);
  assert.equal(long[0], 1);
});

test('forced token leaves one choice at its length', () => {
  const filter = new ForcedTokenFilter(4, 1);
  const first = row([1, 2, 3, 4, 5, 6]);
  filter.apply(first, [[1]], VOCAB);
  assert.deepEqual([...first], [-Infinity, -Infinity, -Infinity, -Infinity, 0, -Infinity]);
  const later = row([1, 2, 3, 4, 5, 6]);
  filter.apply(later, [[1, 2]], VOCAB);
  assert.deepEqual([...later], [1, 2, 3, 4, 5, 6]);
});

test('suppress tokens bans them in every row', () => {
  const scores = row([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  new SuppressTokensFilter([1, 3]).apply(scores, [[1], [1]], VOCAB);
  assert.deepEqual([...scores], [1, -Infinity, 1, -Infinity, 1, 1, 1, -Infinity, 1, -Infinity, 1, 1]);
});

test('length penalty ranker divides by length power', () => {
  assert.equal(new LengthPenaltyRanker(1).score(-6, 3), -2);
  assert.equal(new LengthPenaltyRanker(0).score(-6, 3), -6);
  assert.ok(Math.abs(new LengthPenaltyRanker(2).score(-8, 2) - -2) < 1e-12);
  // A positive penalty prefers the longer of two hypotheses with the same average.
  const ranker = new LengthPenaltyRanker(1.5);
  assert.ok(ranker.score(-4, 4) > ranker.score(-2, 2));
});
