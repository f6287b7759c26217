/**
 * A change to next-token scores before a token is chosen.
 *
 * `scores` is [rows, vocab] row-major (rows = batch * beams), changed in place. `sequences[row]` contains the
 * decoder tokens so far, start token included, so `sequences[row].length` is the current decoder length.
 */
export interface LogitFilter {
  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void;
}

/** Sets `scores[row, token]` to -Infinity. */
export function ban(scores: Float32Array, row: number, vocab: number, token: number): void {
  scores[row * vocab + token] = -Infinity;
}
