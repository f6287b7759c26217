/** Corpus and sentence chrF and chrF++ as sacreBLEU 2.x defines them. */
import { scoreChrfStatistics, type NgramStatistics } from './chrfScore';
import { referencesPerHypothesis } from './corpus';
import { MetricsError } from './errors';
import { countClippedMatches, countNgrams, totalCount, type NgramCounts } from './ngrams';
import { rejectUnknownOptions, requireBoolean, requireInteger, requireNumber } from './options';
import { codePoints, splitOnWhitespace } from './pythonText';

export interface ChrfOptions {
  /** Highest character n-gram order. Default 6. */
  readonly charOrder?: number;
  /** Highest word n-gram order: 0 for chrF (default), 2 for chrF++. */
  readonly wordOrder?: number;
  /** Weight of recall against precision. Default 2. */
  readonly beta?: number;
  /** Lowercase hypotheses and references first. Default false. */
  readonly lowercase?: boolean;
  /** Keep whitespace inside character n-grams. Default false: whitespace is removed first. */
  readonly whitespace?: boolean;
  /** Average per-order F-scores, with 1e-16 for undefined ones. Default false. */
  readonly epsSmoothing?: boolean;
}

/** A chrF score with the statistics behind it. */
export interface ChrfScore {
  /** chrF on a 0–100 scale. */
  readonly score: number;
  /** Character n-gram counts for n = 1 … charOrder. */
  readonly charStatistics: readonly NgramStatistics[];
  /** Word n-gram counts for n = 1 … wordOrder, empty for chrF. */
  readonly wordStatistics: readonly NgramStatistics[];
  readonly charOrder: number;
  readonly wordOrder: number;
  readonly beta: number;
}

const KNOWN_OPTIONS = ['charOrder', 'wordOrder', 'beta', 'lowercase', 'whitespace', 'epsSmoothing'];

// Python's string.punctuation: the ASCII characters that chrF++ splits off the ends of words.
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** Validated options with every default filled in. */
type ChrfSettings = Required<ChrfOptions>;

function resolveOptions(options: ChrfOptions): ChrfSettings {
  rejectUnknownOptions('chrF', options, KNOWN_OPTIONS);
  const settings: ChrfSettings = {
    charOrder: requireInteger('chrF charOrder', options.charOrder ?? 6, 0),
    wordOrder: requireInteger('chrF wordOrder', options.wordOrder ?? 0, 0),
    beta: requireNumber('chrF beta', options.beta ?? 2, 0),
    lowercase: requireBoolean('chrF lowercase', options.lowercase ?? false),
    whitespace: requireBoolean('chrF whitespace', options.whitespace ?? false),
    epsSmoothing: requireBoolean('chrF epsSmoothing', options.epsSmoothing ?? false),
  };
  if (settings.charOrder + settings.wordOrder === 0) {
    throw new MetricsError('chrF charOrder and wordOrder are both 0: set at least one of them above 0.');
  }
  return settings;
}

/**
 * Splits a segment into words for chrF++: one punctuation character is split off the end of a
 * word or, failing that, off its start. So '(hi)' becomes '(hi' and ')', as in sacreBLEU.
 */
function wordsWithPunctuationSplit(segment: string): string[] {
  const words: string[] = [];
  for (const word of splitOnWhitespace(segment)) {
    const characters = codePoints(word);
    const last = characters[characters.length - 1];
    if (characters.length === 1) {
      words.push(word);
    } else if (PUNCTUATION.has(last)) {
      words.push(characters.slice(0, -1).join(''), last);
    } else if (PUNCTUATION.has(characters[0])) {
      words.push(characters[0], characters.slice(1).join(''));
    } else {
      words.push(word);
    }
  }
  return words;
}

/** N-gram counts of one segment: character orders first, then word orders. */
function extractNgrams(segment: string, settings: ChrfSettings): NgramCounts[] {
  const text = settings.lowercase ? segment.toLowerCase() : segment;
  const characters = codePoints(settings.whitespace ? text : splitOnWhitespace(text).join(''));
  const counts: NgramCounts[] = [];
  for (let order = 1; order <= settings.charOrder; order++) {
    counts.push(countNgrams(characters, order, ''));
  }
  if (settings.wordOrder > 0) {
    // Words never contain whitespace, so a space keeps the n-gram keys distinct.
    const words = wordsWithPunctuationSplit(text);
    for (let order = 1; order <= settings.wordOrder; order++) {
      counts.push(countNgrams(words, order, ' '));
    }
  }
  return counts;
}

function matchStatistics(hypothesis: readonly NgramCounts[], reference: readonly NgramCounts[]): NgramStatistics[] {
  return hypothesis.map((hypothesisCounts, index) => ({
    hypothesis: totalCount(hypothesisCounts),
    reference: totalCount(reference[index]),
    matches: countClippedMatches(hypothesisCounts, reference[index]),
  }));
}

/** Returns the statistics against the reference with the best sentence chrF, or the first one on a tie. */
function segmentStatistics(hypothesis: string, references: readonly string[], settings: ChrfSettings): NgramStatistics[] {
  const hypothesisNgrams = extractNgrams(hypothesis, settings);
  let best: NgramStatistics[] = [];
  let bestScore = -1;
  for (const reference of references) {
    const statistics = matchStatistics(hypothesisNgrams, extractNgrams(reference, settings));
    const score = scoreChrfStatistics(statistics, settings.beta, settings.epsSmoothing);
    if (score > bestScore) {
      best = statistics;
      bestScore = score;
    }
  }
  return best;
}

function scoreCorpus(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  settings: ChrfSettings,
): ChrfScore {
  const grouped = referencesPerHypothesis(hypotheses, references);
  const orders = settings.charOrder + settings.wordOrder;
  const sums = Array.from({ length: orders }, () => ({ hypothesis: 0, reference: 0, matches: 0 }));
  hypotheses.forEach((hypothesis, index) => {
    segmentStatistics(hypothesis, grouped[index], settings).forEach((statistics, order) => {
      sums[order].hypothesis += statistics.hypothesis;
      sums[order].reference += statistics.reference;
      sums[order].matches += statistics.matches;
    });
  });

  return {
    score: scoreChrfStatistics(sums, settings.beta, settings.epsSmoothing),
    charStatistics: sums.slice(0, settings.charOrder),
    wordStatistics: sums.slice(settings.charOrder),
    charOrder: settings.charOrder,
    wordOrder: settings.wordOrder,
    beta: settings.beta,
  };
}

/**
 * Computes corpus chrF: n-gram counts are summed over all segments, each against its best
 * reference, before the score is taken, as in sacreBLEU's `corpus_chrf`.
 *
 * `references[k][i]` is the k-th reference for `hypotheses[i]`, and an empty string marks a missing one.
 */
export function corpusChrf(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  options: ChrfOptions = {},
): ChrfScore {
  return scoreCorpus(hypotheses, references, resolveOptions(options));
}

/** Computes chrF of one hypothesis against its best reference, as sacreBLEU's `sentence_chrf` does. */
export function sentenceChrf(hypothesis: string, references: readonly string[], options: ChrfOptions = {}): ChrfScore {
  if (!Array.isArray(references)) {
    throw new MetricsError('Sentence chrF references must be an array of strings, even for a single reference.');
  }
  const streams = references.map((reference) => [reference]);
  return scoreCorpus([hypothesis], streams, resolveOptions(options));
}
