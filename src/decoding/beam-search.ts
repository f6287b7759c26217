import { BeamHypotheses } from './beam-hypotheses';
import { DecodingError } from './errors';
import { topK } from './math';
import type { DecodingOptions } from './options';
import type { SequenceRanker } from './ranker';
import type { BeamCandidateRecord, DecoderStep, FinishedSequence, TokenDecoder } from './token-decoder';

interface Candidate {
  readonly beam: number;
  readonly token: number;
  readonly sumLogprob: number;
}

/**
 * Beam search as in transformers' BeamSearchScorer: per batch item, the 2 × beams best continuations of all
 * beams are ranked; EOS continuations among the first `beams` become hypotheses, the first `beams` others
 * become the next beams. All beams run as rows of one batch.
 */
export class BeamSearchDecoder implements TokenDecoder {
  readonly scoresAreLogprobs = true;

  private readonly beams: number;
  private readonly hypotheses: BeamHypotheses[];
  private readonly done: boolean[];
  /** [rows] sum of log-probabilities of each row's sequence. */
  private beamScores: Float64Array;
  /** [rows] generated tokens of each row. */
  private generated: number[][];
  /** [rows] beam index (in each step's records) of every generated token of each row. */
  private paths: number[][];

  constructor(
    private readonly batch: number,
    private readonly vocab: number,
    private readonly options: DecodingOptions,
    ranker: SequenceRanker,
  ) {
    this.beams = options.numBeams;
    const rows = batch * this.beams;
    this.hypotheses = Array.from({ length: batch }, () => new BeamHypotheses(options, ranker));
    this.done = new Array<boolean>(batch).fill(false);

    // All beams start from the same start token: only the first may be extended at the first step.
    this.beamScores = new Float64Array(rows).fill(-1e9);
    for (let item = 0; item < batch; item++) this.beamScores[item * this.beams] = 0;
    this.generated = Array.from({ length: rows }, () => []);
    this.paths = Array.from({ length: rows }, () => []);
  }

  update(scores: Float32Array): DecoderStep {
    const rows = this.batch * this.beams;
    const tokens = new Int32Array(rows);
    const sourceRows = new Int32Array(rows);
    const nextScores = new Float64Array(rows);
    const nextGenerated: number[][] = new Array(rows);
    const nextPaths: number[][] = new Array(rows);
    const records: BeamCandidateRecord[][] = [];

    for (let item = 0; item < this.batch; item++) {
      const first = item * this.beams;
      if (this.done[item]) {
        for (let beam = 0; beam < this.beams; beam++) {
          const row = first + beam;
          tokens[row] = this.options.padTokenId;
          sourceRows[row] = row;
          nextScores[row] = this.beamScores[row];
          nextGenerated[row] = this.generated[row];
          nextPaths[row] = this.paths[row];
        }
        records.push([]);
        continue;
      }

      const candidates = this.rankCandidates(scores, item);
      const itemRecords: BeamCandidateRecord[] = [];
      const finished: Candidate[] = [];
      let alive = 0;

      for (let rank = 0; rank < candidates.length; rank++) {
        const candidate = candidates[rank];
        const parentRow = first + candidate.beam;

        if (alive === this.beams) {
          itemRecords.push(this.record(-1, candidate, 'pruned'));
          continue;
        }
        if (this.options.eosTokenIds.includes(candidate.token)) {
          // An EOS ranked below the kept beams could only win through the length penalty: skipped as in transformers.
          if (rank >= this.beams) {
            itemRecords.push(this.record(-1, candidate, 'pruned'));
            continue;
          }
          finished.push(candidate);
          continue;
        }

        const row = first + alive;
        tokens[row] = candidate.token;
        sourceRows[row] = parentRow;
        nextScores[row] = candidate.sumLogprob;
        nextGenerated[row] = [...this.generated[parentRow], candidate.token];
        nextPaths[row] = [...this.paths[parentRow], alive];
        itemRecords.push(this.record(alive, candidate, 'alive'));
        alive++;
      }
      if (alive < this.beams) {
        throw new DecodingError(`Beam search kept ${alive} of ${this.beams} beams: too many EOS candidates. Lower num_beams.`);
      }

      // Finished candidates are numbered after the alive beams, in rank order.
      finished.forEach((candidate, index) => {
        const beam = this.beams + index;
        const parentRow = first + candidate.beam;
        this.hypotheses[item].add(
          [...this.generated[parentRow], candidate.token],
          candidate.sumLogprob,
          [...this.paths[parentRow], beam],
        );
        itemRecords.push(this.record(beam, candidate, 'finished'));
      });
      let nextBeam = this.beams + finished.length;
      const ordered = itemRecords
        .filter((record) => record.status !== 'pruned')
        .concat(itemRecords.filter((record) => record.status === 'pruned').map((record) => ({ ...record, beam: nextBeam++ })));
      records.push(ordered.sort((a, b) => a.beam - b.beam));

      const generatedLength = this.generated[first].length + 1;
      this.done[item] = this.hypotheses[item].isDone(candidates[0].sumLogprob, generatedLength);
    }

    this.beamScores = nextScores;
    this.generated = nextGenerated;
    this.paths = nextPaths;
    return { tokens, sourceRows, done: this.done.every(Boolean), records };
  }

  finalize(count: number): FinishedSequence[][] {
    return this.hypotheses.map((hypotheses, item) => {
      if (!this.done[item]) {
        // Out of steps: the alive beams compete with the finished hypotheses as they are.
        for (let beam = 0; beam < this.beams; beam++) {
          const row = item * this.beams + beam;
          hypotheses.add(this.generated[row], this.beamScores[row], this.paths[row]);
        }
      }
      return hypotheses.sorted().slice(0, count);
    });
  }

  /** Returns the 2 × beams best (beam, token) continuations of one batch item, best first. */
  private rankCandidates(scores: Float32Array, item: number): Candidate[] {
    const perBeam = 2 * this.beams;
    const all: Candidate[] = [];
    for (let beam = 0; beam < this.beams; beam++) {
      const row = item * this.beams + beam;
      for (const [token, logprob] of topK(scores, row * this.vocab, this.vocab, perBeam)) {
        all.push({ beam, token, sumLogprob: this.beamScores[row] + logprob });
      }
    }
    // Stable sort keeps beam order, then token order, for equal scores.
    all.sort((a, b) => b.sumLogprob - a.sumLogprob);
    return all.slice(0, perBeam);
  }

  private record(beam: number, candidate: Candidate, status: BeamCandidateRecord['status']): BeamCandidateRecord {
    return { beam, parent: candidate.beam, token: candidate.token, cumulativeLogprob: candidate.sumLogprob, status };
  }
}
