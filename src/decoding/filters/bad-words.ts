import { ban, type LogitFilter } from './logit-filter';

/** Bans single tokens always, and the last token of a longer bad sequence when the sequence's prefix was just generated. */
export class BadWordsFilter implements LogitFilter {
  constructor(private readonly badWordsIds: readonly (readonly number[])[]) {}

  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void {
    sequences.forEach((sequence, row) => {
      for (const bad of this.badWordsIds) {
        const prefixLength = bad.length - 1;
        if (prefixLength > sequence.length) continue;

        let matches = true;
        for (let i = 0; i < prefixLength; i++) {
          if (sequence[sequence.length - prefixLength + i] !== bad[i]) {
            matches = false;
            break;
          }
        }
        if (matches) ban(scores, row, vocab, bad[bad.length - 1]);
      }
    });
  }
}
