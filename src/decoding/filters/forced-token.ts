import type { LogitFilter } from './logit-filter';

/** Leaves only `token` possible when the decoder sequence has length `atLength` (start token included). */
export class ForcedTokenFilter implements LogitFilter {
  constructor(
    private readonly token: number,
    private readonly atLength: number,
  ) {}

  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void {
    sequences.forEach((sequence, row) => {
      if (sequence.length !== this.atLength) return;
      const offset = row * vocab;
      scores.fill(-Infinity, offset, offset + vocab);
      scores[offset + this.token] = 0;
    });
  }
}
