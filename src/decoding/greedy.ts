import { argmax, logSumExp } from './math';
import type { BeamCandidateRecord, DecoderStep, FinishedSequence, TokenDecoder } from './token-decoder';

/** Takes the highest-scoring token of each row; a row stops at EOS and then receives pad tokens. */
export class GreedyDecoder implements TokenDecoder {
  readonly scoresAreLogprobs = false;

  private readonly generated: number[][];
  private readonly sumLogprobs: Float64Array;
  private readonly finished: boolean[];

  constructor(
    private readonly batch: number,
    private readonly vocab: number,
    private readonly eosTokenIds: readonly number[],
    private readonly padTokenId: number,
  ) {
    this.generated = Array.from({ length: batch }, () => []);
    this.sumLogprobs = new Float64Array(batch);
    this.finished = new Array<boolean>(batch).fill(false);
  }

  update(scores: Float32Array): DecoderStep {
    const tokens = new Int32Array(this.batch);
    const sourceRows = Int32Array.from({ length: this.batch }, (_, row) => row);
    const records: BeamCandidateRecord[][] = [];

    for (let row = 0; row < this.batch; row++) {
      if (this.finished[row]) {
        tokens[row] = this.padTokenId;
        records.push([]);
        continue;
      }

      const offset = row * this.vocab;
      const token = argmax(scores, offset, this.vocab);
      this.sumLogprobs[row] += scores[offset + token] - logSumExp(scores, offset, this.vocab);
      this.generated[row].push(token);
      tokens[row] = token;

      const isEos = this.eosTokenIds.includes(token);
      if (isEos) this.finished[row] = true;
      records.push([{ beam: 0, parent: 0, token, cumulativeLogprob: this.sumLogprobs[row], status: isEos ? 'finished' : 'alive' }]);
    }

    return { tokens, sourceRows, done: this.finished.every(Boolean), records };
  }

  finalize(): FinishedSequence[][] {
    return this.generated.map((tokens, row) => [
      { tokens, sumLogprob: this.sumLogprobs[row], score: this.sumLogprobs[row], beamPath: tokens.map(() => 0) },
    ]);
  }
}
