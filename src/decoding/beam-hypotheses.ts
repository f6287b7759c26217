import type { DecodingOptions } from './options';
import type { SequenceRanker } from './ranker';
import type { FinishedSequence } from './token-decoder';

/** The best finished sequences of one batch item, at most `numBeams` of them. */
export class BeamHypotheses {
  private readonly items: FinishedSequence[] = [];
  private worstScore = Infinity;

  constructor(
    private readonly options: DecodingOptions,
    private readonly ranker: SequenceRanker,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** Adds a sequence unless the list is full of better ones; `tokens` are the generated tokens. */
  add(tokens: readonly number[], sumLogprob: number, beamPath: readonly number[]): void {
    const score = this.ranker.score(sumLogprob, tokens.length);
    if (this.items.length >= this.options.numBeams && score <= this.worstScore) return;

    this.items.push({ tokens, sumLogprob, score, beamPath });
    if (this.items.length > this.options.numBeams) {
      let worst = 0;
      for (let i = 1; i < this.items.length; i++) if (this.items[i].score < this.items[worst].score) worst = i;
      this.items.splice(worst, 1);
    }
    this.worstScore = Math.min(...this.items.map((item) => item.score));
  }

  /**
   * Returns whether no alive beam can beat the finished ones. `bestSumLogprob` is the best candidate's sum of
   * log-probabilities this step and `generatedLength` the length of sequences after this step.
   */
  isDone(bestSumLogprob: number, generatedLength: number): boolean {
    const { numBeams, earlyStopping, lengthPenalty, maxNewTokens } = this.options;
    if (this.items.length < numBeams) return false;
    if (earlyStopping === true) return true;

    // With a positive penalty a longer sequence scores higher, so 'never' bounds it at the maximum length.
    const length = earlyStopping === 'never' && lengthPenalty > 0 ? maxNewTokens : generatedLength;
    const highestAttainable = this.ranker.score(bestSumLogprob, length);
    return this.worstScore >= highestAttainable;
  }

  /** Returns the sequences, best first. */
  sorted(): FinishedSequence[] {
    return [...this.items].sort((a, b) => b.score - a.score);
  }
}
