/** Outcome of one beam candidate at one step. The trace's beam tree is drawn from these records. */
export interface BeamCandidateRecord {
  /** Index in this step's list: alive beams first (0..beams-1), then finished, then pruned. */
  readonly beam: number;
  /** Alive beam of the previous step (0..beams-1) that this candidate extends. */
  readonly parent: number;
  readonly token: number;
  readonly cumulativeLogprob: number;
  readonly status: 'alive' | 'finished' | 'pruned';
}

/** The outcome of one decoding step. */
export interface DecoderStep {
  /** [rows] token appended to each row (pad for finished batch items). */
  readonly tokens: Int32Array;
  /** [rows] row of the previous step that each row continues; the KV cache is reordered by it. */
  readonly sourceRows: Int32Array;
  /** True when every batch item is finished and the loop can stop. */
  readonly done: boolean;
  /** [batch][candidates] what happened to the beams of each batch item (empty for finished items). */
  readonly records: readonly (readonly BeamCandidateRecord[])[];
}

/** A finished output sequence. */
export interface FinishedSequence {
  /** Generated tokens, start token excluded, EOS included when produced. */
  readonly tokens: readonly number[];
  readonly sumLogprob: number;
  readonly score: number;
  /** For each generated token, the `beam` index of its record at that step. */
  readonly beamPath: readonly number[];
}

/**
 * Chooses the next token of every row from filtered scores and keeps the finished sequences.
 * Rows are batch items × beams, beams of one item adjacent.
 */
export interface TokenDecoder {
  /** Whether `update` expects log-probabilities (beam search) or raw logits (greedy), as in transformers. */
  readonly scoresAreLogprobs: boolean;

  /**
   * Picks the next tokens. `scores` is [rows, vocab] after the logit filters; `sequences[row]` is the decoder
   * sequence so far (start token included).
   */
  update(scores: Float32Array, sequences: readonly (readonly number[])[]): DecoderStep;

  /** Returns each batch item's sequences, best first, at most `count` of them. */
  finalize(count: number): FinishedSequence[][];
}
