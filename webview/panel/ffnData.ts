/** Feed-forward activations of the trace: norm matrices and top neurons per token. */
import type { Captured, LayerActivations, Trace } from '../../src/protocol/trace';
import { TraceViewError } from './errors';
import { sourceAxis, targetAxis, type Axis, type Side } from './tokens';

export interface FfnSource {
  readonly side: Side;
  readonly captured: Captured<LayerActivations>;
  readonly tokens: Axis;
}

/** Returns the encoder activations (over source tokens) and the decoder ones (over generation steps). */
export function ffnSources(trace: Trace): readonly [FfnSource, FfnSource] {
  const decoderTokens = trace.final.ffn.available ? targetAxis(trace) : { labels: [], keys: [] };
  return [
    { side: 'src', captured: trace.encoderFfn, tokens: sourceAxis(trace) },
    { side: 'tgt', captured: trace.final.ffn, tokens: decoderTokens },
  ];
}

function sameShape(actual: readonly number[], expected: readonly number[]): boolean {
  return actual.length === expected.length && actual.every((size, i) => size === expected[i]);
}

/** Throws TraceViewError unless the layer's tensors fit `tokens` tokens: norm [tokens], top [tokens, n]. */
export function checkActivationShape(layer: LayerActivations, tokens: number, side: Side): void {
  const n = layer.topIndices.shape[1];
  const problems = [
    sameShape(layer.norm.shape, [tokens]) && layer.norm.data.length === tokens ? '' : `norm [${layer.norm.shape.join(', ')}]`,
    sameShape(layer.topIndices.shape, [tokens, n]) && layer.topIndices.data.length === tokens * n ? '' : `topIndices [${layer.topIndices.shape.join(', ')}]`,
    sameShape(layer.topValues.shape, [tokens, n]) && layer.topValues.data.length === tokens * n ? '' : `topValues [${layer.topValues.shape.join(', ')}]`,
  ].filter((problem) => problem !== '');
  if (problems.length > 0) {
    const sideName = side === 'src' ? 'encoder' : 'decoder';
    throw new TraceViewError(
      `${sideName} feed-forward layer ${layer.layer} has ${problems.join(' and ')}, but there are ${tokens} tokens: norm must be [${tokens}] and the top tensors [${tokens}, n].`,
    );
  }
}

/** Returns the norms of all layers as a matrix: [layers, tokens]. Shapes must have been checked. */
export function normMatrix(layers: readonly LayerActivations[], tokens: number): Float32Array {
  const matrix = new Float32Array(layers.length * tokens);
  layers.forEach((layer, i) => matrix.set(layer.norm.data.subarray(0, tokens), i * tokens));
  return matrix;
}

export interface Neuron {
  readonly index: number;
  readonly value: number;
}

/** Returns the recorded top neurons of one token, largest absolute value first. */
export function topNeurons(layer: LayerActivations, token: number): Neuron[] {
  const n = layer.topIndices.shape[1];
  const neurons: Neuron[] = [];
  for (let i = 0; i < n; i++) {
    neurons.push({ index: layer.topIndices.data[token * n + i], value: layer.topValues.data[token * n + i] });
  }
  return neurons;
}
