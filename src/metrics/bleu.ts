/** Corpus and sentence BLEU as sacreBLEU 2.x defines them. */
import { scoreBleuStatistics, type BleuScore, type BleuSmoothMethod } from './bleuScore';
import { referencesPerHypothesis } from './corpus';
import { MetricsError } from './errors';
import { countClippedMatches, countNgrams, type NgramCounts } from './ngrams';
import { rejectUnknownOptions, requireBoolean, requireInteger, requireNumber } from './options';
import { splitOnWhitespace, stripTrailingWhitespace } from './pythonText';
import { tokenize13a } from './tokenize13a';

/** Tokenizers for BLEU: '13a' (sacreBLEU's default) or 'none' for text that is already tokenized. */
export type BleuTokenizer = '13a' | 'none';

export interface BleuOptions {
  /** Default '13a'. */
  readonly tokenize?: BleuTokenizer;
  /** Lowercase hypotheses and references before tokenizing. Default false. */
  readonly lowercase?: boolean;
  /** Default 'exp', sacreBLEU's default for corpus and sentence BLEU. */
  readonly smoothMethod?: BleuSmoothMethod;
  /** Only for 'floor' (default 0.1) and 'add-k' (default 1). */
  readonly smoothValue?: number;
  /** Highest n-gram order. Default 4. */
  readonly maxNgramOrder?: number;
  /** Default false for corpus BLEU and true for sentence BLEU, as in sacreBLEU's API. */
  readonly effectiveOrder?: boolean;
}

const KNOWN_OPTIONS = ['tokenize', 'lowercase', 'smoothMethod', 'smoothValue', 'maxNgramOrder', 'effectiveOrder'];
const SMOOTH_DEFAULTS: Readonly<Record<BleuSmoothMethod, number | undefined>> = {
  none: undefined,
  floor: 0.1,
  'add-k': 1,
  exp: undefined,
};

/** Validated options with every default filled in. */
interface BleuSettings {
  readonly tokenize: BleuTokenizer;
  readonly lowercase: boolean;
  readonly smoothMethod: BleuSmoothMethod;
  readonly smoothValue: number;
  readonly maxNgramOrder: number;
  readonly effectiveOrder: boolean;
}

function resolveOptions(options: BleuOptions, defaultEffectiveOrder: boolean): BleuSettings {
  rejectUnknownOptions('BLEU', options, KNOWN_OPTIONS);

  const tokenize = options.tokenize ?? '13a';
  if (tokenize !== '13a' && tokenize !== 'none') {
    throw new MetricsError(`Unknown BLEU tokenizer '${String(tokenize)}': use '13a' or 'none'.`);
  }
  const smoothMethod = options.smoothMethod ?? 'exp';
  if (!Object.hasOwn(SMOOTH_DEFAULTS, smoothMethod)) {
    throw new MetricsError(`Unknown BLEU smoothMethod '${String(smoothMethod)}': use 'none', 'floor', 'add-k' or 'exp'.`);
  }

  const defaultValue = SMOOTH_DEFAULTS[smoothMethod];
  if (defaultValue === undefined && options.smoothValue !== undefined) {
    throw new MetricsError(
      `BLEU smoothValue ${options.smoothValue} has no effect with smoothMethod '${smoothMethod}': ` +
        "remove it or use 'floor' or 'add-k'.",
    );
  }

  return {
    tokenize,
    lowercase: requireBoolean('BLEU lowercase', options.lowercase ?? false),
    smoothMethod,
    smoothValue: requireNumber('BLEU smoothValue', options.smoothValue ?? defaultValue ?? 0, 0),
    maxNgramOrder: requireInteger('BLEU maxNgramOrder', options.maxNgramOrder ?? 4, 1),
    effectiveOrder: requireBoolean('BLEU effectiveOrder', options.effectiveOrder ?? defaultEffectiveOrder),
  };
}

/** Lowercases (optionally), removes trailing whitespace and tokenizes, as sacreBLEU does for BLEU. */
function tokenizeSegment(segment: string, settings: BleuSettings): string[] {
  const text = settings.lowercase ? segment.toLowerCase() : segment;
  const stripped = stripTrailingWhitespace(text);
  const tokenized = settings.tokenize === '13a' ? tokenize13a(stripped) : stripped;
  return splitOnWhitespace(tokenized);
}

// Tokens never contain whitespace, so a space keeps the n-gram keys distinct.
function countWordNgrams(tokens: readonly string[], order: number): NgramCounts {
  return countNgrams(tokens, order, ' ');
}

/** Returns the reference length closest to the hypothesis length, or the shorter one on a tie. */
function closestReferenceLength(hypothesisLength: number, referenceLengths: readonly number[]): number {
  let closest = referenceLengths[0];
  for (const length of referenceLengths) {
    const difference = Math.abs(hypothesisLength - length);
    const closestDifference = Math.abs(hypothesisLength - closest);
    if (difference < closestDifference || (difference === closestDifference && length < closest)) {
      closest = length;
    }
  }
  return closest;
}

interface SegmentStatistics {
  readonly sysLen: number;
  readonly refLen: number;
  readonly counts: number[];
  readonly totals: number[];
}

function segmentStatistics(hypothesis: string, references: readonly string[], settings: BleuSettings): SegmentStatistics {
  const hypothesisTokens = tokenizeSegment(hypothesis, settings);
  const referenceTokens = references.map((reference) => tokenizeSegment(reference, settings));
  const refLen = closestReferenceLength(
    hypothesisTokens.length,
    referenceTokens.map((tokens) => tokens.length),
  );

  const counts: number[] = [];
  const totals: number[] = [];
  for (let order = 1; order <= settings.maxNgramOrder; order++) {
    // With several references, an n-gram may match as often as it occurs in any one of them.
    const maxReferenceCounts: NgramCounts = new Map();
    for (const tokens of referenceTokens) {
      for (const [ngram, count] of countWordNgrams(tokens, order)) {
        maxReferenceCounts.set(ngram, Math.max(maxReferenceCounts.get(ngram) ?? 0, count));
      }
    }
    counts.push(countClippedMatches(countWordNgrams(hypothesisTokens, order), maxReferenceCounts));
    totals.push(Math.max(0, hypothesisTokens.length - order + 1));
  }
  return { sysLen: hypothesisTokens.length, refLen, counts, totals };
}

function scoreCorpus(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  settings: BleuSettings,
): BleuScore {
  const grouped = referencesPerHypothesis(hypotheses, references);

  let sysLen = 0;
  let refLen = 0;
  const counts: number[] = new Array<number>(settings.maxNgramOrder).fill(0);
  const totals: number[] = new Array<number>(settings.maxNgramOrder).fill(0);
  hypotheses.forEach((hypothesis, index) => {
    const segment = segmentStatistics(hypothesis, grouped[index], settings);
    sysLen += segment.sysLen;
    refLen += segment.refLen;
    for (let order = 0; order < settings.maxNgramOrder; order++) {
      counts[order] += segment.counts[order];
      totals[order] += segment.totals[order];
    }
  });

  return scoreBleuStatistics({ sysLen, refLen, counts, totals }, settings);
}

/**
 * Computes corpus BLEU: n-gram statistics are summed over all segments before precisions and the
 * brevity penalty are taken, as in sacreBLEU's `corpus_bleu`.
 *
 * `references[k][i]` is the k-th reference for `hypotheses[i]`, and an empty string marks a missing one.
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  options: BleuOptions = {},
): BleuScore {
  return scoreCorpus(hypotheses, references, resolveOptions(options, false));
}

/**
 * Computes BLEU of one hypothesis against one or more references, as sacreBLEU's `sentence_bleu`
 * does: 'exp' smoothing and effective order by default.
 */
export function sentenceBleu(hypothesis: string, references: readonly string[], options: BleuOptions = {}): BleuScore {
  if (!Array.isArray(references)) {
    throw new MetricsError('Sentence BLEU references must be an array of strings, even for a single reference.');
  }
  const streams = references.map((reference) => [reference]);
  return scoreCorpus([hypothesis], streams, resolveOptions(options, true));
}
