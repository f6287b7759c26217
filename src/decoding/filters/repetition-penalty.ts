import type { LogitFilter } from './logit-filter';

/**
 * Discourages tokens already in the decoder sequence: a positive score is divided by `penalty`,
 * a negative one multiplied, as in the CTRL paper and transformers.
 */
export class RepetitionPenaltyFilter implements LogitFilter {
  constructor(private readonly penalty: number) {}

  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void {
    sequences.forEach((sequence, row) => {
      for (const token of new Set(sequence)) {
        const index = row * vocab + token;
        const score = scores[index];
        scores[index] = score < 0 ? score * this.penalty : score / this.penalty;
      }
    });
  }
}
