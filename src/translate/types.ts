/**
 * Public surface of the translation pipeline used by the CLI and the extension host.
 * Text in, translations (and traces when capture is on) out; no `vscode` import.
 */
import type { Trace } from '../protocol/trace';

/** Options a caller may override; everything else comes from the model's generation_config.json. */
export interface GenerationOverrides {
  readonly numBeams?: number;
  readonly maxNewTokens?: number;
  readonly minLength?: number;
  readonly lengthPenalty?: number;
  readonly earlyStopping?: boolean | 'never';
  readonly numReturnSequences?: number;
  readonly noRepeatNgramSize?: number;
  readonly repetitionPenalty?: number;
}

/** Capture settings of a run. Absent or `false`: nothing is recorded and no extra output is fetched. */
export interface CaptureRequest {
  /** Candidates recorded per beam and step. */
  readonly topK: number;
  /** Neurons recorded per token and layer. */
  readonly topNeurons: number;
  /** Also keep whole FFN activation vectors (large). */
  readonly fullActivations: boolean;
}

export interface LoadOptions {
  /** Precision suffix: 'fp32' (files without suffix), 'quantized', 'int8', 'uint8', 'fp16', 'q4', … */
  readonly precision?: string;
  /** Decoder files to use; default: merged if present, else split pair, else decoder_model.onnx alone. */
  readonly decoderLayout?: 'merged' | 'split' | 'no-cache';
}

export interface TranslateRequest {
  /** Source segments, translated as one batch; results come back in the same order. */
  readonly texts: readonly string[];
  readonly options?: GenerationOverrides;
  readonly capture?: CaptureRequest | false;
  /** Aborting rejects the run with `DecodingCancelledError` after freeing its tensors. */
  readonly signal?: AbortSignal;
}

export interface Hypothesis {
  readonly text: string;
  /** Generated token ids without the decoder start token. */
  readonly tokenIds: readonly number[];
  readonly sumLogprob: number;
  readonly avgLogprob: number;
  readonly score: number;
}

export interface TranslationResult {
  /** Best hypothesis text. */
  readonly text: string;
  readonly tokenIds: readonly number[];
  readonly sumLogprob: number;
  readonly avgLogprob: number;
  /** All returned hypotheses, best first (length = numReturnSequences). */
  readonly nBest: readonly Hypothesis[];
  /** Present when capture was requested. */
  readonly trace?: Trace;
}

export interface RunStats {
  readonly segments: number;
  readonly steps: number;
  readonly generatedTokens: number;
  readonly encodeMs: number;
  readonly decodeMs: number;
  readonly totalMs: number;
  /** Time spent inside ONNX Runtime's `run` calls (encoder and decoder). */
  readonly ortMs: number;
}

export interface TranslateResponse {
  readonly results: readonly TranslationResult[];
  readonly stats: RunStats;
}
