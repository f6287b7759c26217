/** A float tensor returned by the model besides the logits (e.g. attention probabilities for capture). */
export interface ExtraTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/** Named extra outputs of one model call. Empty unless capture asked for them. */
export type ExtraOutputs = ReadonlyMap<string, ExtraTensor>;

/** The padded source batch. */
export interface EncoderInput {
  /** [batch, srcLen] token ids, right-padded. */
  readonly inputIds: readonly (readonly number[])[];
  /** [batch, srcLen] 1 for tokens, 0 for padding. */
  readonly attentionMask: readonly (readonly number[])[];
}

/**
 * The model as the decoding loop uses it. One instance serves one run: it keeps the encoder output and the
 * KV cache of that run, and `dispose` releases them.
 */
export interface Inference {
  /**
   * Runs the encoder on the source batch and repeats its output `beams` times per item, so that the decoder
   * batch is [batch * beams] rows with the beams of one item adjacent.
   */
  encode(input: EncoderInput, beams: number): Promise<ExtraOutputs>;

  /**
   * Returns the next-token logits [rows, vocab] for the decoder sequences (start token included, all of the
   * same length), reading only the last token of each row when a KV cache contains the rest.
   */
  logits(sequences: readonly (readonly number[])[]): Promise<{ logits: Float32Array; extras: ExtraOutputs }>;

  /** Reorders the KV cache rows: new row i continues old row `sourceRows[i]`. */
  reorder(sourceRows: Int32Array): void;

  /** Releases the run's tensors. Safe to call twice. */
  dispose(): void;
}
