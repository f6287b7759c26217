import { ban, type LogitFilter } from './logit-filter';

/** Bans EOS while the decoder sequence (start token included) is shorter than `minLength`. */
export class MinLengthFilter implements LogitFilter {
  constructor(
    private readonly minLength: number,
    private readonly eosTokenIds: readonly number[],
  ) {}

  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void {
    sequences.forEach((sequence, row) => {
      if (sequence.length >= this.minLength) return;
      for (const eos of this.eosTokenIds) ban(scores, row, vocab, eos);
    });
  }
}
