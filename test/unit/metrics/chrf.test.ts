import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusChrf, MetricsError, sentenceChrf } from '../../../src/metrics';
import { assertClose } from './assertClose';

test('sentenceChrf identical is 100', () => {
  const result = sentenceChrf('abc', ['abc']);
  assertClose(result.score, 100);
  // Orders 4-6 have no n-grams on either side and are left out of the average.
  assert.deepEqual(result.charStatistics, [
    { hypothesis: 3, reference: 3, matches: 3 },
    { hypothesis: 2, reference: 2, matches: 2 },
    { hypothesis: 1, reference: 1, matches: 1 },
    { hypothesis: 0, reference: 0, matches: 0 },
    { hypothesis: 0, reference: 0, matches: 0 },
    { hypothesis: 0, reference: 0, matches: 0 },
  ]);
  assert.deepEqual(result.wordStatistics, []);
  assert.equal(result.beta, 2);
});

test('sentenceChrf disjoint is 0', () => {
  assert.equal(sentenceChrf('ab', ['cd']).score, 0);
  assert.equal(sentenceChrf('', ['cd']).score, 0);
});

test('sentenceChrf hand-computed beta', () => {
  // Unigrams: P = 2/2, R = 2/4. Bigrams: P = 1/1, R = 1/3. Orders 3 and 4 have no hypothesis
  // n-grams and are left out. Averages: P = 1, R = (1/2 + 1/3) / 2 = 5/12.
  // F2 = 5 * P * R / (4 * P + R) = (25/12) / (53/12) = 25/53.
  const result = sentenceChrf('ab', ['abcd']);
  assertClose(result.score, (100 * 25) / 53);
  // F1 = 2 * P * R / (P + R) = (10/12) / (17/12) = 10/17.
  assertClose(sentenceChrf('ab', ['abcd'], { beta: 1 }).score, (100 * 10) / 17);
});

test('sentenceChrf eps smoothing', () => {
  // Per-order F2: 2.5/4.5 = 5/9 and (5/3)/(13/3) = 5/13; orders 3-4 have R = 0, so F = 0;
  // orders 5-6 are empty on both sides, so F = 1e-16. Mean over 6 orders: (5/9 + 5/13) / 6.
  const result = sentenceChrf('ab', ['abcd'], { epsSmoothing: true });
  assertClose(result.score, (100 * (5 / 9 + 5 / 13)) / 6);
  assertClose(sentenceChrf('a', ['a'], { epsSmoothing: true }).score, 100 / 6);
});

test('sentenceChrf removes whitespace', () => {
  assertClose(sentenceChrf('a b c', ['abc']).score, 100);

  // Keeping spaces: unigrams P = 3/5, R = 3/3; bigrams 0/4 and 0/2; trigrams 0/3 and 0/1.
  // Averages: P = 0.6/3 = 0.2, R = 1/3; F2 = 5 * 0.2 * (1/3) / (0.8 + 1/3) = 5/17.
  assertClose(sentenceChrf('a b c', ['abc'], { whitespace: true }).score, (100 * 5) / 17);
});

test('sentenceChrf counts code points', () => {
  const result = sentenceChrf('😀a', ['😀b']);
  assert.deepEqual(result.charStatistics[0], { hypothesis: 2, reference: 2, matches: 1 });
  assert.deepEqual(result.charStatistics[1], { hypothesis: 1, reference: 1, matches: 0 });
});

test('sentenceChrf picks best reference', () => {
  const result = sentenceChrf('abc', ['xyz', 'abc']);
  assertClose(result.score, 100);
  assert.equal(result.charStatistics[0].reference, 3);

  // Two references with the same score: the first one's statistics are kept.
  const tie = sentenceChrf('ab', ['abx', 'aby']);
  assert.deepEqual(tie.charStatistics[0], { hypothesis: 2, reference: 3, matches: 2 });
});

test('corpusChrf sums statistics', () => {
  // Summed: unigrams 3/4 and 3/4, bigrams 2/2, trigrams 1/1, so P = R = (0.75 + 1 + 1) / 3 = 11/12.
  // The mean of the sentence scores would be (100 + 0) / 2 = 50.
  const result = corpusChrf(['abc', 'x'], [['abc', 'y']]);
  assertClose(result.score, (100 * 11) / 12);
  assert.deepEqual(result.charStatistics[0], { hypothesis: 4, reference: 4, matches: 3 });
});

test('corpusChrf word n-grams', () => {
  // Words: 'Hello' ',' 'world' '!' against 'hello' 'world': P = 1/4, R = 1/2.
  // F2 = 5 * (1/8) / (1 + 1/2) = 5/12.
  const options = { charOrder: 0, wordOrder: 1 };
  const result = corpusChrf(['Hello, world!'], [['hello world']], options);
  assert.deepEqual(result.wordStatistics, [{ hypothesis: 4, reference: 2, matches: 1 }]);
  assertClose(result.score, (100 * 5) / 12);

  // Lowercased: P = 2/4, R = 2/2, F2 = 5 * 0.5 / (2 + 1) = 5/6.
  assertClose(corpusChrf(['Hello, world!'], [['hello world']], { ...options, lowercase: true }).score, (100 * 5) / 6);
});

test('corpusChrf splits one punctuation mark', () => {
  // '(hi)' loses only its last character: '(hi' and ')'. '(hi' loses its first: '(' and 'hi'.
  // So unigrams match only ')' (1 of 2 against 3) and no bigram matches.
  const result = corpusChrf(['(hi)'], [['(hi )']], { charOrder: 0, wordOrder: 2 });
  assert.deepEqual(result.wordStatistics, [
    { hypothesis: 2, reference: 3, matches: 1 },
    { hypothesis: 1, reference: 2, matches: 0 },
  ]);
});

test('corpusChrf rejects invalid input', () => {
  assert.throws(() => corpusChrf(['a'], [['a', 'b']]), MetricsError);
  assert.throws(() => corpusChrf(['a'], [['a']], { charOrder: 0 }), /both 0/);
  assert.throws(() => corpusChrf(['a'], [['a']], { beta: Number.NaN }), /chrF beta NaN/);
  assert.throws(() => corpusChrf(['a'], [['a']], { charOrder: 2.5 }), /charOrder 2.5/);
  assert.throws(() => corpusChrf(['a'], [['a']], { nc: 6 } as object), /Unknown chrF option 'nc'/);
  assert.throws(() => sentenceChrf('a', []), /No references/);
});
