/** Attention matrices of the trace, per kind, layer and head (or the mean over heads). */
import type { Captured, LayerAttention, Trace } from '../../src/protocol/trace';
import { TraceViewError } from './errors';
import { decoderInputAxis, sourceAxis, targetAxis, type Axis } from './tokens';

export type AttentionKind = 'encoder' | 'decoder' | 'cross';

export const ATTENTION_KINDS: readonly AttentionKind[] = ['encoder', 'decoder', 'cross'];

/** A head index, or the mean over all heads. */
export type HeadChoice = number | 'mean';

export interface AttentionSource {
  readonly captured: Captured<LayerAttention>;
  /** Query tokens. */
  readonly rows: Axis;
  /** Key tokens. */
  readonly cols: Axis;
}

/** Returns the recorded layers of one kind with the tokens along both axes. */
export function attentionSource(trace: Trace, kind: AttentionKind): AttentionSource {
  switch (kind) {
    case 'encoder':
      return { captured: trace.encoderSelfAttention, rows: sourceAxis(trace), cols: sourceAxis(trace) };
    case 'decoder':
      return { captured: trace.final.decoderSelfAttention, rows: targetAxis(trace), cols: decoderInputAxis(trace) };
    case 'cross':
      return { captured: trace.final.crossAttention, rows: targetAxis(trace), cols: sourceAxis(trace) };
  }
}

/**
 * Checks that `layer.probs` is [heads, rows, cols] with matching data length and returns the head count.
 * Throws TraceViewError naming the layer and both shapes otherwise.
 */
export function checkAttentionShape(layer: LayerAttention, rows: number, cols: number, kind: AttentionKind): number {
  const shape = layer.probs.shape;
  const heads = shape[0];
  const expectedLength = heads * rows * cols;
  if (shape.length !== 3 || shape[1] !== rows || shape[2] !== cols || layer.probs.data.length !== expectedLength) {
    throw new TraceViewError(
      `${kind} attention of layer ${layer.layer} has shape [${shape.join(', ')}] and ${layer.probs.data.length} values, but the tokens need [heads, ${rows}, ${cols}].`,
    );
  }
  return heads;
}

/** Returns one head's matrix, or the mean over heads: [rows, cols]. The shape must have been checked. */
export function headMatrix(layer: LayerAttention, head: HeadChoice): Float32Array {
  const [heads, rows, cols] = layer.probs.shape;
  const size = rows * cols;
  if (head !== 'mean') return layer.probs.data.subarray(head * size, (head + 1) * size);

  const mean = new Float32Array(size);
  for (let h = 0; h < heads; h++) {
    const offset = h * size;
    for (let i = 0; i < size; i++) mean[i] += layer.probs.data[offset + i];
  }
  for (let i = 0; i < size; i++) mean[i] /= heads;
  return mean;
}

/** Returns the smallest finite value of a matrix, or 0 when there is none. */
export function minValue(values: ArrayLike<number>): number {
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]) && values[i] < min) min = values[i];
  }
  return min === Infinity ? 0 : min;
}

/** Returns the largest finite value of a matrix, or 0 when there is none. */
export function maxValue(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]) && values[i] > max) max = values[i];
  }
  return max;
}
