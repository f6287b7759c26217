import { ban, type LogitFilter } from './logit-filter';

/** Bans every token that would complete an n-gram already present in the decoder sequence. */
export class NoRepeatNgramFilter implements LogitFilter {
  constructor(private readonly size: number) {}

  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void {
    const n = this.size;
    sequences.forEach((sequence, row) => {
      if (sequence.length + 1 < n) return;

      // The last n-1 tokens form the prefix that the next token would extend.
      const prefix = sequence.slice(sequence.length - n + 1).join(',');
      for (let start = 0; start + n <= sequence.length; start++) {
        if (sequence.slice(start, start + n - 1).join(',') === prefix) ban(scores, row, vocab, sequence[start + n - 1]);
      }
    });
  }
}
