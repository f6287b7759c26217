/** Turns a hypothesis' sum of log-probabilities and length into the score used to rank hypotheses. */
export interface SequenceRanker {
  score(sumLogprob: number, length: number): number;
}

/**
 * Hugging Face's length normalisation: sum logprob / length ^ alpha, where `length` counts the generated
 * tokens (EOS included, start token excluded). alpha > 0 favours longer outputs, alpha < 0 shorter ones.
 */
export class LengthPenaltyRanker implements SequenceRanker {
  constructor(private readonly alpha: number) {}

  score(sumLogprob: number, length: number): number {
    return sumLogprob / Math.pow(length, this.alpha);
  }
}
