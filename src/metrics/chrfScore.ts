/** chrF from n-gram statistics, with sacreBLEU 2.x's averaging and its optional eps smoothing. */

/** N-gram counts of one order for one segment or a whole corpus. */
export interface NgramStatistics {
  /** N-grams in the hypothesis. */
  readonly hypothesis: number;
  /** N-grams in the reference. */
  readonly reference: number;
  /** Hypothesis n-grams found in the reference, clipped to the reference counts. */
  readonly matches: number;
}

// The stand-in that sacreBLEU uses for a precision, recall or F-score that is undefined.
const EPSILON = 1e-16;

/**
 * Computes the chrF score (0–100) from statistics ordered as character orders then word orders,
 * as sacreBLEU 2.x's `CHRF._compute_f_score` does.
 *
 * By default only the orders where both hypothesis and reference have n-grams count: their
 * precisions and recalls are averaged first, and one F-beta score is taken of the two averages.
 * With `epsSmoothing`, an F-beta score is taken per order, with 1e-16 for the undefined ones, and
 * those are averaged over all orders. sacreBLEU offers this mode to match the chrF++.py script.
 */
export function scoreChrfStatistics(statistics: readonly NgramStatistics[], beta: number, epsSmoothing: boolean): number {
  const factor = beta ** 2;

  let fScoreSum = 0;
  let precisionSum = 0;
  let recallSum = 0;
  let effectiveOrder = 0;
  for (const { hypothesis, reference, matches } of statistics) {
    const precision = hypothesis > 0 ? matches / hypothesis : EPSILON;
    const recall = reference > 0 ? matches / reference : EPSILON;
    const denominator = factor * precision + recall;
    fScoreSum += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : EPSILON;

    if (hypothesis > 0 && reference > 0) {
      precisionSum += precision;
      recallSum += recall;
      effectiveOrder += 1;
    }
  }

  if (epsSmoothing) {
    return (100 * fScoreSum) / statistics.length;
  }
  if (effectiveOrder === 0) {
    return 0;
  }
  const precision = precisionSum / effectiveOrder;
  const recall = recallSum / effectiveOrder;
  if (precision + recall === 0) {
    return 0;
  }
  const fScore = ((1 + factor) * precision * recall) / (factor * precision + recall);
  return 100 * fScore;
}
