/** N-gram counting shared by BLEU (word n-grams) and chrF (character and word n-grams). */

/** Count of each n-gram of one order, keyed by the n-gram's units joined with a separator. */
export type NgramCounts = Map<string, number>;

/**
 * Counts the n-grams of one order in a sequence of units (characters or tokens).
 * The separator must not occur inside a unit, so that different n-grams never share a key.
 */
export function countNgrams(units: readonly string[], order: number, separator: string): NgramCounts {
  const counts: NgramCounts = new Map();
  for (let start = 0; start + order <= units.length; start++) {
    const key = units.slice(start, start + order).join(separator);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Sums the counts of all n-grams. */
export function totalCount(counts: NgramCounts): number {
  let total = 0;
  for (const count of counts.values()) {
    total += count;
  }
  return total;
}

/** Counts hypothesis n-grams found in the reference, each clipped to its count in the reference. */
export function countClippedMatches(hypothesis: NgramCounts, reference: NgramCounts): number {
  let matches = 0;
  for (const [ngram, count] of hypothesis) {
    const referenceCount = reference.get(ngram);
    if (referenceCount !== undefined) {
      matches += Math.min(count, referenceCount);
    }
  }
  return matches;
}
