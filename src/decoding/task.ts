import { BeamSearchDecoder } from './beam-search';
import { DecodingCancelledError, DecodingError } from './errors';
import { buildLogitFilters, type LogitFilter } from './filters';
import { GreedyDecoder } from './greedy';
import type { EncoderInput, Inference } from './inference';
import { logSoftmaxRowsInPlace } from './math';
import type { DecodingObserver } from './observer';
import type { DecodingOptions } from './options';
import { LengthPenaltyRanker } from './ranker';
import type { FinishedSequence, TokenDecoder } from './token-decoder';

/** One decoded output with its scores. */
export interface DecodedSequence {
  /** Generated tokens, start token excluded, EOS included when produced. */
  readonly tokens: readonly number[];
  readonly sumLogprob: number;
  /** `sumLogprob` divided by the number of generated tokens. */
  readonly avgLogprob: number;
  /** Ranking score (sum logprob / length ^ length_penalty for beam search, sum logprob for greedy). */
  readonly score: number;
  readonly beamPath: readonly number[];
}

/** Pads source sequences on the right into one batch with its attention mask. */
export function padBatch(sources: readonly (readonly number[])[], padTokenId: number): EncoderInput {
  const length = Math.max(...sources.map((source) => source.length));
  return {
    inputIds: sources.map((source) => [...source, ...new Array<number>(length - source.length).fill(padTokenId)]),
    attentionMask: sources.map((source) => [...new Array<number>(source.length).fill(1), ...new Array<number>(length - source.length).fill(0)]),
  };
}

/**
 * One decoding run over a batch of source sequences: encode, then loop (logits → filters → token decoder →
 * KV cache reorder) until every item is finished or `maxNewTokens` is reached.
 */
export class DecodingTask {
  private readonly filters: LogitFilter[];

  constructor(
    private readonly inference: Inference,
    private readonly options: DecodingOptions,
    private readonly vocab: number,
    private readonly observer: DecodingObserver = {},
  ) {
    // Logit filters in the order transformers applies them.
    this.filters = buildLogitFilters(options);
  }

  /**
   * Decodes `sources` (token ids, EOS included as the tokenizer adds it) and returns, per source in input order,
   * up to `numReturnSequences` sequences, best first. Rejects with `DecodingCancelledError` when `signal` fires;
   * the inference's tensors are released in every case.
   */
  async run(sources: readonly (readonly number[])[], signal?: AbortSignal): Promise<DecodedSequence[][]> {
    if (sources.length === 0) return [];
    const empty = sources.findIndex((source) => source.length === 0);
    if (empty >= 0) throw new DecodingError(`Source ${empty} has no tokens: pass non-empty text.`);

    const { numBeams, decoderStartTokenId, numReturnSequences } = this.options;
    const batch = sources.length;
    const decoder = this.createDecoder(batch);

    try {
      this.checkCancelled(signal);
      const input = padBatch(sources, this.options.padTokenId);
      const encoderExtras = await this.inference.encode(input, numBeams);
      this.observer.onEncoded?.(input, encoderExtras);

      let sequences: number[][] = Array.from({ length: batch * numBeams }, () => [decoderStartTokenId]);
      for (let step = 0; step < this.options.maxNewTokens; step++) {
        this.checkCancelled(signal);

        // [rows, vocab] next-token logits, then the scores the decoder ranks. The logits array belongs to
        // this step, so the filters and the log-softmax change it in place.
        const { logits, extras } = await this.inference.logits(sequences);
        this.checkShape(logits, sequences.length);
        const scores = decoder.scoresAreLogprobs ? logSoftmaxRowsInPlace(logits, this.vocab) : logits;
        for (const filter of this.filters) filter.apply(scores, sequences, this.vocab);

        const result = decoder.update(scores, sequences);
        this.observer.onStep?.(step, sequences, scores, result, extras);

        sequences = sequences.map((_, row) => [...sequences[result.sourceRows[row]], result.tokens[row]]);
        if (!isIdentity(result.sourceRows)) this.inference.reorder(result.sourceRows);
        if (result.done) break;
      }

      const finished = decoder.finalize(numReturnSequences);
      this.observer.onFinished?.(finished);
      return finished.map((item) => item.map(toDecoded));
    } finally {
      this.inference.dispose();
    }
  }

  private createDecoder(batch: number): TokenDecoder {
    const { numBeams, eosTokenIds, padTokenId, lengthPenalty } = this.options;
    if (numBeams === 1) return new GreedyDecoder(batch, this.vocab, eosTokenIds, padTokenId);
    return new BeamSearchDecoder(batch, this.vocab, this.options, new LengthPenaltyRanker(lengthPenalty));
  }

  private checkCancelled(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new DecodingCancelledError();
  }

  private checkShape(logits: Float32Array, rows: number): void {
    if (logits.length !== rows * this.vocab) {
      throw new DecodingError(`Model returned ${logits.length} logits for ${rows} rows: expected ${rows} × vocab ${this.vocab}.`);
    }
  }
}

function isIdentity(rows: Int32Array): boolean {
  return rows.every((source, row) => source === row);
}

function toDecoded(sequence: FinishedSequence): DecodedSequence {
  return {
    tokens: sequence.tokens,
    sumLogprob: sequence.sumLogprob,
    avgLogprob: sequence.tokens.length > 0 ? sequence.sumLogprob / sequence.tokens.length : 0,
    score: sequence.score,
    beamPath: sequence.beamPath,
  };
}
