/** Checks a corpus of hypotheses and reference streams, and regroups the references per hypothesis. */
import { MetricsError } from './errors';

/**
 * Returns, for each hypothesis, its non-empty references.
 *
 * `references[k][i]` is the k-th reference for hypothesis i, as in sacreBLEU: each reference stream
 * has one entry per hypothesis. As in sacreBLEU 2.x, an empty string marks a missing reference, so
 * hypotheses may have different numbers of references, but each needs at least one.
 */
export function referencesPerHypothesis(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
): string[][] {
  if (!Array.isArray(hypotheses) || hypotheses.length === 0) {
    throw new MetricsError('No hypotheses: pass a non-empty array of hypothesis strings.');
  }
  hypotheses.forEach((hypothesis, index) => {
    if (typeof hypothesis !== 'string') {
      throw new MetricsError(`Hypothesis ${index} is ${String(hypothesis)}, not a string.`);
    }
  });
  if (!Array.isArray(references) || references.length === 0) {
    throw new MetricsError('No references: pass at least one reference stream (an array of strings).');
  }

  references.forEach((stream, streamIndex) => {
    if (!Array.isArray(stream)) {
      throw new MetricsError(
        `Reference stream ${streamIndex} is not an array: pass references as an array of streams, each an array of strings.`,
      );
    }
    if (stream.length !== hypotheses.length) {
      throw new MetricsError(
        `Reference stream ${streamIndex} has ${stream.length} segments but there are ${hypotheses.length} hypotheses: ` +
          'each stream needs one reference per hypothesis.',
      );
    }
  });

  return hypotheses.map((_, index) => {
    const found: string[] = [];
    references.forEach((stream, streamIndex) => {
      const reference = stream[index];
      if (typeof reference !== 'string') {
        throw new MetricsError(`Reference ${streamIndex} of hypothesis ${index} is ${String(reference)}, not a string.`);
      }
      if (reference !== '') {
        found.push(reference);
      }
    });
    if (found.length === 0) {
      throw new MetricsError(`Hypothesis ${index} has no reference: all of its references are empty strings.`);
    }
    return found;
  });
}
