import type { EncoderInput, ExtraOutputs } from './inference';
import type { DecoderStep, FinishedSequence } from './token-decoder';

/**
 * Receives what happens during a run; the capture recorder implements it. Every method is optional and
 * must not change its arguments.
 */
export interface DecodingObserver {
  onEncoded?(input: EncoderInput, extras: ExtraOutputs): void;

  /**
   * Called once per step before the next sequences are built. `scores` is [rows, vocab] after the filters
   * (log-probabilities for beam search, logits for greedy); `sequences` are the rows before the step.
   */
  onStep?(
    step: number,
    sequences: readonly (readonly number[])[],
    scores: Float32Array,
    result: DecoderStep,
    extras: ExtraOutputs,
  ): void;

  onFinished?(results: readonly (readonly FinishedSequence[])[]): void;
}
