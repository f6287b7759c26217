import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusBleu, MetricsError, scoreBleuStatistics, sentenceBleu } from '../../../src/metrics';
import { assertClose } from './assertClose';

test('corpusBleu identical is 100', () => {
  // 6 tokens: every n-gram matches, counts = totals = [6, 5, 4, 3], bp = 1.
  const result = corpusBleu(['the cat sat on the mat'], [['the cat sat on the mat']]);
  assertClose(result.score, 100);
  assert.deepEqual(result.counts, [6, 5, 4, 3]);
  assert.deepEqual(result.totals, [6, 5, 4, 3]);
  assert.equal(result.bp, 1);
  assert.equal(result.sysLen, 6);
  assert.equal(result.refLen, 6);
});

test('corpusBleu disjoint is 0', () => {
  const result = corpusBleu(['a b c d'], [['e f g h']]);
  assert.equal(result.score, 0);
  assert.deepEqual(result.counts, [0, 0, 0, 0]);
  assert.deepEqual(result.totals, [4, 3, 2, 1]);
  assert.deepEqual(result.precisions, [0, 0, 0, 0]);
  assert.equal(result.bp, 1);
});

test('corpusBleu brevity penalty', () => {
  // The hypothesis is the reference minus its last word: every precision is 100 and
  // bp = exp(1 - 6/5) = exp(-0.2) = 0.818730753..., so BLEU = 81.8730753...
  const result = corpusBleu(['the cat sat on the'], [['the cat sat on the mat']]);
  assertClose(result.bp, Math.exp(-0.2));
  assertClose(result.score, 81.87307530779819);
  assert.deepEqual(result.precisions, [100, 100, 100, 100]);
  assert.equal(result.sysLen, 5);
  assert.equal(result.refLen, 6);
});

test('corpusBleu clips repeated words', () => {
  // 'the' occurs 4 times in the hypothesis but once in the reference: unigram precision 1/4 = 25.
  // Bigrams 0/3, trigrams 0/2, 4-grams 0/1 are smoothed by 'exp' to 100/(2*3), 100/(4*2), 100/(8*1).
  // BLEU = (25 * 16.67 * 12.5 * 12.5)^(1/4) = 15.9735776...; without clipping the unigrams would be 100.
  const result = corpusBleu(['the the the the'], [['the cat']]);
  assert.deepEqual(result.counts, [1, 0, 0, 0]);
  assert.deepEqual(result.totals, [4, 3, 2, 1]);
  assertClose(result.precisions[0], 25);
  assertClose(result.precisions[1], 100 / 6);
  assertClose(result.precisions[2], 12.5);
  assertClose(result.precisions[3], 12.5);
  assertClose(result.score, 15.97357760615681);
});

test('corpusBleu sums statistics over segments', () => {
  // Segment 1 matches fully (4/4, 3/3, 2/2, 1/1), segment 2 not at all (0/2, 0/1).
  // Summed: 4/6, 3/4, 2/2, 1/1, so BLEU = (66.67 * 75 * 100 * 100)^(1/4) = 84.0896415...,
  // while the mean of the two sentence scores would be 50.
  const result = corpusBleu(['a b c d', 'e f'], [['a b c d', 'x y']]);
  assert.deepEqual(result.counts, [4, 3, 2, 1]);
  assert.deepEqual(result.totals, [6, 4, 2, 1]);
  assertClose(result.score, 84.08964152537145);
});

test('corpusBleu tokenizes with 13a', () => {
  const tokenized = corpusBleu(['Hello, world!'], [['Hello , world !']]);
  assertClose(tokenized.score, 100);
  assert.equal(tokenized.sysLen, 4);

  // Without tokenization 'world!' and 'world' differ, and the hypothesis has only 2 tokens.
  const raw = corpusBleu(['Hello, world!'], [['Hello , world !']], { tokenize: 'none' });
  assert.equal(raw.sysLen, 2);
  assert.deepEqual(raw.counts, [0, 0, 0, 0]);
});

test('corpusBleu lowercase option', () => {
  assert.deepEqual(corpusBleu(['The Cat'], [['the cat']]).counts, [0, 0, 0, 0]);
  assert.deepEqual(corpusBleu(['The Cat'], [['the cat']], { lowercase: true }).counts, [2, 1, 0, 0]);
});

test('corpusBleu without 4-grams is 0', () => {
  // Corpus BLEU keeps all four orders: the 4-gram precision of a 3-token corpus is 0, so BLEU is 0.
  const result = corpusBleu(['the cat sat'], [['the cat sat']]);
  assert.equal(result.score, 0);
  assert.deepEqual(result.totals, [3, 2, 1, 0]);
});

test('sentenceBleu uses effective order', () => {
  // Only orders 1-3 exist and all match; bp = exp(1 - 6/3) = exp(-1), so BLEU = 100 * e^-1.
  const result = sentenceBleu('the cat sat', ['the cat sat on the mat']);
  assertClose(result.score, 100 * Math.exp(-1));
  assert.equal(result.refLen, 6);
});

test('sentenceBleu smoothing methods', () => {
  // Unigrams 3/4, bigrams 1/3 ('a b'), trigrams 0/2, 4-grams 0/1.
  const hypothesis = 'a b c d';
  const references = ['a b x d'];

  // exp: trigrams 100/(2*2) = 25, 4-grams 100/(4*1) = 25; (75 * 33.33 * 25 * 25)^(1/4) = sqrt(1250).
  assertClose(sentenceBleu(hypothesis, references).score, Math.sqrt(1250));

  // floor 0.1: trigrams 100*0.1/2 = 5, 4-grams 100*0.1/1 = 10; (75 * 33.33 * 5 * 10)^(1/4).
  const floor = sentenceBleu(hypothesis, references, { smoothMethod: 'floor' });
  assertClose(floor.score, 18.803015465431972);

  // add-k 1 from bigrams on: 2/4, 1/3, 1/2; (75 * 50 * 33.33 * 50)^(1/4) = 6250000^(1/4) = 50.
  const addK = sentenceBleu(hypothesis, references, { smoothMethod: 'add-k' });
  assertClose(addK.score, 50);
  assert.deepEqual(addK.counts, [3, 1, 0, 0]);

  // add-k 2: 3/4, 3/5, 2/4, 2/3; (75 * 60 * 50 * 66.67)^(1/4) = 15000000^(1/4).
  assertClose(sentenceBleu(hypothesis, references, { smoothMethod: 'add-k', smoothValue: 2 }).score, 15000000 ** 0.25);

  assert.equal(sentenceBleu(hypothesis, references, { smoothMethod: 'none' }).score, 0);
});

test('sentenceBleu closest reference length', () => {
  // References of 2 and 4 tokens are both 1 token away from the 3-token hypothesis: the shorter wins,
  // so bp = 1. With only the 4-token reference, bp = exp(1 - 4/3).
  const both = sentenceBleu('a b c', ['a b', 'a b c d']);
  assert.equal(both.refLen, 2);
  assert.equal(both.bp, 1);
  assertClose(both.score, 100);

  const longer = sentenceBleu('a b c', ['a b c d']);
  assert.equal(longer.refLen, 4);
  assertClose(longer.score, 100 * Math.exp(1 - 4 / 3));
});

test('corpusBleu takes max count over references', () => {
  // 'a' occurs twice in the second reference, so both hypothesis 'a's match.
  const result = corpusBleu(['a a'], [['a b'], ['a a c']]);
  assert.equal(result.counts[0], 2);
  assert.equal(result.counts[1], 1);
});

test('corpusBleu skips empty references', () => {
  const result = corpusBleu(['a b', 'c d'], [['a b', ''], ['', 'c d']], { effectiveOrder: true });
  assertClose(result.score, 100);
  assert.throws(() => corpusBleu(['a'], [[''], ['']]), MetricsError);
});

test('scoreBleuStatistics from counts', () => {
  // Precisions 9/10, 7/8, 5/6, 3/4 without smoothing and bp = 1: (0.9 * 0.875 * 0.8333 * 0.75)^(1/4).
  const result = scoreBleuStatistics(
    { counts: [9, 7, 5, 3], totals: [10, 8, 6, 4], sysLen: 11, refLen: 11 },
    { smoothMethod: 'none', smoothValue: 0, effectiveOrder: false },
  );
  assertClose(result.score, 100 * (0.9 * 0.875 * (5 / 6) * 0.75) ** 0.25);
});

test('scoreBleuStatistics empty hypothesis', () => {
  const result = scoreBleuStatistics(
    { counts: [0, 0, 0, 0], totals: [0, 0, 0, 0], sysLen: 0, refLen: 3 },
    { smoothMethod: 'exp', smoothValue: 0, effectiveOrder: false },
  );
  assert.equal(result.score, 0);
  assert.equal(result.bp, 0);
});

test('corpusBleu rejects invalid input', () => {
  assert.throws(() => corpusBleu(['a', 'b'], [['a']]), /stream 0 has 1 segments but there are 2 hypotheses/);
  assert.throws(() => corpusBleu([], [[]]), /No hypotheses/);
  assert.throws(() => corpusBleu(['a'], []), /No references/);
  assert.throws(() => sentenceBleu('a', 'a' as unknown as string[]), MetricsError);
  assert.throws(() => corpusBleu(['a'], [[undefined as unknown as string]]), /Reference 0 of hypothesis 0/);
});

test('corpusBleu rejects invalid options', () => {
  assert.throws(() => corpusBleu(['a'], [['a']], { smoothMethod: 'exp', smoothValue: 0.5 }), /no effect/);
  assert.throws(() => corpusBleu(['a'], [['a']], { smoothMethod: 'laplace' as 'exp' }), /Unknown BLEU smoothMethod/);
  assert.throws(() => corpusBleu(['a'], [['a']], { tokenize: 'intl' as '13a' }), /Unknown BLEU tokenizer 'intl'/);
  assert.throws(() => corpusBleu(['a'], [['a']], { maxNgramOrder: 0 }), /maxNgramOrder 0/);
  assert.throws(() => corpusBleu(['a'], [['a']], { smoothMethod: 'floor', smoothValue: -1 }), /smoothValue -1/);
  assert.throws(() => corpusBleu(['a'], [['a']], { maxOrder: 3 } as object), /Unknown BLEU option 'maxOrder'/);
});

test('corpusBleu long whitespace runs', () => {
  // A regular expression search for trailing whitespace takes quadratic time on this hypothesis.
  const hypothesis = `a${' '.repeat(200000)}b  \u3000`;
  const result = corpusBleu([hypothesis], [['a b']], { tokenize: 'none', effectiveOrder: true });
  assert.equal(result.sysLen, 2);
  assertClose(result.score, 100);
});
