/** Groups segments into batches for translation. */
import { TextError } from './errors';

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new TextError(`Invalid ${name} ${String(value)}: expected an integer of at least 1.`);
  }
}

/**
 * Groups consecutive segments into batches of at most `maxBatch` segments and `maxChars`
 * characters (Unicode code points) each. Concatenating the batches gives the segments in order.
 *
 * NOTE: a segment longer than `maxChars` gets a batch of its own, so that limit can be exceeded.
 */
export function batchSegments<T extends { readonly text: string }>(
  segments: readonly T[],
  maxBatch: number,
  maxChars: number,
): T[][] {
  requirePositiveInteger('maxBatch', maxBatch);
  requirePositiveInteger('maxChars', maxChars);

  const batches: T[][] = [];
  let current: T[] = [];
  let currentChars = 0;
  for (const segment of segments) {
    const length = Array.from(segment.text).length;
    if (current.length > 0 && (current.length >= maxBatch || currentChars + length > maxChars)) {
      batches.push(current);
      current = [];
      currentChars = 0;
    }
    current.push(segment);
    currentChars += length;
  }
  if (current.length > 0) {
    batches.push(current);
  }
  return batches;
}
