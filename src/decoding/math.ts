/** Writes log-softmax of `input[offset, offset + size)` into `output` at the same offsets. */
export function logSoftmaxInto(input: Float32Array, output: Float32Array, offset: number, size: number): void {
  let max = -Infinity;
  for (let i = offset; i < offset + size; i++) if (input[i] > max) max = input[i];

  if (max === -Infinity) {
    output.fill(-Infinity, offset, offset + size);
    return;
  }
  let sum = 0;
  for (let i = offset; i < offset + size; i++) sum += Math.exp(input[i] - max);
  const logSum = max + Math.log(sum);
  for (let i = offset; i < offset + size; i++) output[i] = input[i] - logSum;
}

/** Replaces every row of `scores` ([rows, vocab]) by its log-softmax, in place, and returns it. */
export function logSoftmaxRowsInPlace(scores: Float32Array, vocab: number): Float32Array {
  for (let offset = 0; offset < scores.length; offset += vocab) logSoftmaxInto(scores, scores, offset, vocab);
  return scores;
}

/** log(sum(exp(values[offset, offset + size)))), computed stably; -Infinity when every value is -Infinity. */
export function logSumExp(values: Float32Array, offset: number, size: number): number {
  let max = -Infinity;
  for (let i = offset; i < offset + size; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;

  let sum = 0;
  for (let i = offset; i < offset + size; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** Index of the largest value in `values[offset, offset + size)`, relative to `offset`; the first one wins ties. */
export function argmax(values: Float32Array, offset: number, size: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < size; i++) {
    const value = values[offset + i];
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  return best;
}

/**
 * Returns the `k` largest values of `values[offset, offset + size)` as [index relative to offset, value] pairs,
 * largest first; equal values keep index order.
 */
export function topK(values: Float32Array, offset: number, size: number, k: number): Array<[number, number]> {
  const best: Array<[number, number]> = [];
  for (let i = 0; i < size; i++) {
    const value = values[offset + i];
    if (best.length === k && value <= best[k - 1][1]) continue;

    let position = best.length;
    while (position > 0 && best[position - 1][1] < value) position--;
    best.splice(position, 0, [i, value]);
    if (best.length > k) best.pop();
  }
  return best;
}
