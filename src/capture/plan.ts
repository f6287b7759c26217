/** Location of a captured tensor in the model. */
export interface CaptureTarget {
  /** Graph output name under which the tensor is fetched. */
  readonly outputName: string;
  readonly stack: 'encoder' | 'decoder';
  /** 'self' or 'cross' attention probabilities, or 'ffn' activations (input of the second FFN projection). */
  readonly kind: 'self' | 'cross' | 'ffn';
  readonly layer: number;
}

/** Tensors that can be captured from a loaded model, per graph, and the reason a kind is missing. */
export interface CapturePlan {
  readonly encoder: readonly CaptureTarget[];
  /** First-step decoder (or the merged decoder, whose branches expose the same names). */
  readonly decoder: readonly CaptureTarget[];
  /** With-past decoder of the split layout. */
  readonly withPast: readonly CaptureTarget[];
  /** Reasons by capture kind key ('encoder.self', 'decoder.self', 'decoder.cross', 'encoder.ffn', 'decoder.ffn'). */
  readonly unavailable: Readonly<Record<string, string>>;
}

export type CaptureKey = 'encoder.self' | 'encoder.ffn' | 'decoder.self' | 'decoder.cross' | 'decoder.ffn';

export function captureKey(target: CaptureTarget): CaptureKey {
  return `${target.stack}.${target.kind}` as CaptureKey;
}

export const EMPTY_PLAN: CapturePlan = {
  encoder: [],
  decoder: [],
  withPast: [],
  unavailable: {},
};
