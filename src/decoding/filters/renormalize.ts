import { logSoftmaxInto } from '../math';
import type { LogitFilter } from './logit-filter';

/** Turns each row back into log-probabilities after the other filters banned tokens (`renormalize_logits`). */
export class RenormalizeFilter implements LogitFilter {
  apply(scores: Float32Array, sequences: readonly (readonly number[])[], vocab: number): void {
    for (let row = 0; row < sequences.length; row++) logSoftmaxInto(scores, scores, row * vocab, vocab);
  }
}
