import { ban, type LogitFilter } from './logit-filter';

/** Bans a fixed set of tokens at every step. */
export class SuppressTokensFilter implements LogitFilter {
  constructor(private readonly tokens: readonly number[]) {}

  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void {
    for (let row = 0; row < sequences.length; row++) {
      for (const token of this.tokens) ban(scores, row, vocab, token);
    }
  }
}
