/**
 * Trace of one generation: what the model saw, attended to and chose at every step.
 *
 * The extension host records it (src/capture) and the webview and the CLI read it, so this file is the
 * single definition of the format. It imports nothing, which keeps it usable from the browser bundle.
 *
 * Float data is stored as `Float32Array` with its shape next to it (row-major). `traceToJson` and
 * `traceFromJson` convert typed arrays to and from base64 so a trace can be written as a JSON file.
 * Over `postMessage` typed arrays are structured-cloned as they are.
 */

/** Version of this format. Readers reject traces with another major version. */
export const TRACE_FORMAT_VERSION = 1;

/** A dense float tensor. `data.length` equals the product of `shape`. */
export interface FloatTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A dense int32 tensor, used for neuron indices. */
export interface IntTensor {
  readonly shape: readonly number[];
  readonly data: Int32Array;
}

/** One token of the source or target with the tokenizer's piece for display. */
export interface TokenInfo {
  readonly id: number;
  /** The token's piece as the tokenizer stores it (e.g. "▁Hello"); display code inserts it as text only. */
  readonly piece: string;
}

/** Model facts the views need to label axes. */
export interface ModelSummary {
  /** Folder name or user-facing id. */
  readonly id: string;
  readonly modelType: string;
  readonly encoderLayers: number;
  readonly decoderLayers: number;
  readonly encoderHeads: number;
  readonly decoderHeads: number;
  readonly dModel: number;
  readonly ffnDim: number;
  readonly vocabSize: number;
  /** Decoder files used, e.g. "decoder_model_merged.onnx". */
  readonly decoderLayout: string;
  readonly precision: string;
}

/** Attention probabilities of one layer. */
export interface LayerAttention {
  readonly layer: number;
  /** [heads, tgt, src] where each row sums to 1. */
  readonly probs: FloatTensor;
}

/** Feed-forward activations of one layer (the input of the second projection, after the activation). */
export interface LayerActivations {
  readonly layer: number;
  /** [tokens] L2 norm of each token's activation vector, for the layer × token heatmap. */
  readonly norm: FloatTensor;
  /** [tokens, n] indices of the n neurons with the largest absolute value, largest first. */
  readonly topIndices: IntTensor;
  /** [tokens, n] the values of those neurons. */
  readonly topValues: FloatTensor;
  /** [tokens, ffnDim] the whole vectors, only when requested (`fullActivations`). */
  readonly full?: FloatTensor;
}

/** Attention or activations of one kind: either recorded or the reason they are missing. */
export type Captured<T> =
  | { readonly available: true; readonly layers: readonly T[] }
  | { readonly available: false; readonly reason: string };

/** A candidate token at one step with its probability after all logit filters. */
export interface Candidate {
  readonly id: number;
  readonly piece: string;
  readonly prob: number;
  readonly logprob: number;
}

export type BeamStatus = 'alive' | 'finished' | 'pruned';

/** One beam after a step: the token it appended and where it came from. */
export interface BeamRecord {
  /** Position of this beam in the step's beam list. */
  readonly beam: number;
  /** Index of the beam in the previous step that this one extends (-1 at the first step). */
  readonly parent: number;
  readonly token: TokenInfo;
  /** Sum of log-probabilities of the tokens so far. */
  readonly cumulativeLogprob: number;
  /**
   * 'alive' beams continue; 'finished' ones ended with EOS and were kept as hypotheses; 'pruned' ones were
   * candidates that ranked below the kept beams (recorded so the beam tree can show them).
   */
  readonly status: BeamStatus;
}

/** Everything recorded at one decoding step. */
export interface StepRecord {
  readonly step: number;
  /** Top-k candidates of each beam that was alive before the step, in beam order: [beamsBefore][k]. */
  readonly candidates: readonly (readonly Candidate[])[];
  /** Beams after the step: alive ones first, then finished and pruned ones. */
  readonly beams: readonly BeamRecord[];
  /**
   * Decoder self-attention per layer for the alive beams before the step: probs [beams, heads, 1, step + 1]
   * (the new position attending to the prefix, start token included).
   */
  readonly decoderSelfAttention?: Captured<LayerAttention>;
  /** Cross-attention per layer for the alive beams before the step: probs [beams, heads, 1, src]. */
  readonly crossAttention?: Captured<LayerAttention>;
  /** Decoder FFN activations per layer for the alive beams before the step: [beams, ...]. */
  readonly ffn?: Captured<LayerActivations>;
}

/** A finished sequence with its scores. */
export interface Hypothesis {
  /** Generated tokens without the decoder start token, EOS included when produced. */
  readonly tokens: readonly TokenInfo[];
  readonly text: string;
  readonly sumLogprob: number;
  readonly avgLogprob: number;
  /** Score used for ranking (sum logprob / length ^ length_penalty for beam search). */
  readonly score: number;
  /** For each generated token, the beam index it came from at that step, to follow it in `steps`. */
  readonly beamPath: readonly number[];
}

/**
 * Attention and activations of the best hypothesis gathered over all steps, so views can draw full
 * target × source matrices without walking the beam records.
 */
export interface FinalView {
  /** Decoder input tokens: the start token followed by the generated tokens but the last. */
  readonly decoderInput: readonly TokenInfo[];
  /** Per layer, probs [heads, tgt, tgt] (upper triangle is zero). */
  readonly decoderSelfAttention: Captured<LayerAttention>;
  /** Per layer, probs [heads, tgt, src]. */
  readonly crossAttention: Captured<LayerAttention>;
  /** Per layer, activations over the target positions. */
  readonly ffn: Captured<LayerActivations>;
}

export interface TraceOptions {
  readonly numBeams: number;
  readonly maxNewTokens: number;
  readonly lengthPenalty: number;
  readonly topK: number;
  readonly topNeurons: number;
  readonly fullActivations: boolean;
}

/** A whole recorded generation for one source segment. */
export interface Trace {
  readonly version: typeof TRACE_FORMAT_VERSION;
  readonly createdAt: string;
  readonly model: ModelSummary;
  readonly options: TraceOptions;
  readonly source: { readonly text: string; readonly tokens: readonly TokenInfo[] };
  /** Encoder self-attention per layer, probs [heads, src, src]. */
  readonly encoderSelfAttention: Captured<LayerAttention>;
  /** Encoder FFN activations per layer over the source tokens. */
  readonly encoderFfn: Captured<LayerActivations>;
  readonly steps: readonly StepRecord[];
  /** Final hypotheses, best first. */
  readonly hypotheses: readonly Hypothesis[];
  readonly final: FinalView;
}

// ---------------------------------------------------------------------------------------------------
// JSON form: typed arrays become { "$f32": base64 } / { "$i32": base64 }.

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function encodeValue(value: unknown): JsonValue {
  if (value instanceof Float32Array) {
    return { $f32: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (value instanceof Int32Array) {
    return { $i32: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = encodeValue(item);
    }
    return out;
  }
  return value as JsonValue;
}

function decodeValue(value: JsonValue): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    if (typeof value.$f32 === 'string') {
      const bytes = base64ToBytes(value.$f32);
      return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    }
    if (typeof value.$i32 === 'string') {
      const bytes = base64ToBytes(value.$i32);
      return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    }
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value)) out[key] = decodeValue(item);
    return out;
  }
  return value;
}

/** Serializes a trace to a JSON string with typed arrays as base64. */
export function traceToJson(trace: Trace): string {
  return JSON.stringify(encodeValue(trace));
}

/** Parses a trace written by `traceToJson`; throws an Error naming the version when it is not supported. */
export function traceFromJson(text: string): Trace {
  const value = decodeValue(JSON.parse(text) as JsonValue) as { version?: unknown };
  if (value === null || typeof value !== 'object' || value.version !== TRACE_FORMAT_VERSION) {
    throw new Error(
      `Unsupported trace version ${JSON.stringify(value?.version)}: this build reads version ${TRACE_FORMAT_VERSION}.`,
    );
  }
  return value as Trace;
}
