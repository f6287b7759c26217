/** BLEU from its sufficient statistics, with sacreBLEU 2.x's smoothing methods and effective order. */

/** Smoothing for n-gram orders with no match, named as in sacreBLEU (Chen and Cherry, 2014). */
export type BleuSmoothMethod = 'none' | 'floor' | 'add-k' | 'exp';

/** Sufficient statistics of BLEU, summed over the segments of a corpus. */
export interface BleuStatistics {
  /** Hypothesis length in tokens. */
  readonly sysLen: number;
  /** Length in tokens of the reference closest in length to each hypothesis. */
  readonly refLen: number;
  /** Clipped n-gram matches for n = 1 … max order. */
  readonly counts: readonly number[];
  /** Hypothesis n-grams for n = 1 … max order. */
  readonly totals: readonly number[];
}

/** A BLEU score with the statistics behind it; fields are named after sacreBLEU's `BLEUScore`. */
export interface BleuScore extends BleuStatistics {
  /** BLEU on a 0–100 scale. */
  readonly score: number;
  /** Smoothed n-gram precisions on a 0–100 scale; 0 for orders left out. */
  readonly precisions: readonly number[];
  /** Brevity penalty, exp(1 - refLen / sysLen) when the hypothesis is shorter, else 1. */
  readonly bp: number;
}

export interface BleuScoring {
  readonly smoothMethod: BleuSmoothMethod;
  /** The floor for 'floor', k for 'add-k'; unused by 'none' and 'exp'. */
  readonly smoothValue: number;
  /**
   * When true, the geometric mean stops before the first order that has no hypothesis n-gram, as for
   * short sentences. When false, such an order counts as a zero precision, so the score is 0.
   */
  readonly effectiveOrder: boolean;
}

// sacreBLEU takes the logarithm of a zero precision as this constant, so the score becomes 0.
const LOG_OF_ZERO = -9999999999;

/** Computes BLEU from corpus statistics the way sacreBLEU 2.x's `BLEU.compute_bleu` does. */
export function scoreBleuStatistics(statistics: BleuStatistics, scoring: BleuScoring): BleuScore {
  const { sysLen, refLen, counts, totals } = statistics;
  const maxOrder = counts.length;

  let bp = 1;
  if (sysLen < refLen) {
    bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
  }

  const precisions: number[] = new Array<number>(maxOrder).fill(0);
  if (counts.every((count) => count === 0)) {
    return { score: 0, precisions, bp, sysLen, refLen, counts, totals };
  }

  // 'exp' halves the pseudo-precision at each further order without a match: 1/2, 1/4, … of 1/total.
  let expDivisor = 1;
  let usedOrders = maxOrder;
  for (let index = 0; index < maxOrder; index++) {
    let matched = counts[index];
    let total = totals[index];
    // NOTE: sacreBLEU returns these add-k counts in its score object, but this one returns the raw counts.
    if (scoring.smoothMethod === 'add-k' && index > 0) {
      matched += scoring.smoothValue;
      total += scoring.smoothValue;
    }
    if (total === 0) {
      break;
    }
    if (scoring.effectiveOrder) {
      usedOrders = index + 1;
    }

    if (matched > 0) {
      precisions[index] = (100 * matched) / total;
    } else if (scoring.smoothMethod === 'exp') {
      expDivisor *= 2;
      precisions[index] = 100 / (expDivisor * total);
    } else if (scoring.smoothMethod === 'floor') {
      precisions[index] = (100 * scoring.smoothValue) / total;
    }
  }

  let logSum = 0;
  for (const precision of precisions.slice(0, usedOrders)) {
    logSum += precision === 0 ? LOG_OF_ZERO : Math.log(precision);
  }
  const score = bp * Math.exp(logSum / usedOrders);
  return { score, precisions, bp, sysLen, refLen, counts, totals };
}
