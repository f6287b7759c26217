import { topK } from '../decoding/math';

/**
 * Returns the `k` most probable tokens of one row of scores after softmax, as [id, probability, log-probability],
 * most probable first. Banned tokens (-Infinity) get probability 0.
 */
export function softmaxTopK(scores: Float32Array, offset: number, size: number, k: number): Array<[number, number, number]> {
  let max = -Infinity;
  for (let i = offset; i < offset + size; i++) if (scores[i] > max) max = scores[i];
  let sum = 0;
  for (let i = offset; i < offset + size; i++) sum += Math.exp(scores[i] - max);
  const logSum = max + Math.log(sum);

  return topK(scores, offset, size, k).map(([id, score]) => [id, Math.exp(score - logSum), score - logSum]);
}
