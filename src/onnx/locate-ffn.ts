/**
 * Finds feed-forward activations: the input of the second feed-forward projection (fc2, T5's wo),
 * which is the output of the activation between the two projections. Recognised activations: Relu,
 * Gelu and its com.microsoft forms, QuickGelu, GELU spelled Div/Erf/Add/Mul/Mul (or with Tanh), and
 * swish spelled Sigmoid + Mul.
 */
import type { GraphScope } from './graph-scope';
import type { OnnxNode } from './model-types';

/** One feed-forward block: the activation node and the projection that consumes its output. */
export interface FeedForwardMatch {
  readonly activation: OnnxNode;
  /** The activation output, i.e. the input of the second projection: [batch, seq, ffn_dim]. */
  readonly tensorName: string;
  readonly projection: OnnxNode;
}

const ACTIVATION_OPS = new Set(['Relu', 'Gelu', 'FastGelu', 'BiasGelu', 'QuickGelu', 'Silu', 'Swish']);
const PROJECTION_OPS = new Set(['MatMul', 'MatMulInteger', 'FusedMatMul', 'Gemm']);
/** Ops between the activation and the second projection: casts, dropout, dynamic quantization. */
const ACTIVATION_PASS_OPS = new Set(['Cast', 'Identity', 'Dropout', 'DynamicQuantizeLinear', 'QuantizeLinear', 'Reshape']);
/** Ops between the first projection and the activation: bias Add, dequantization Mul and Cast. */
const PROJECTION_PASS_OPS = new Set(['Add', 'Mul', 'Cast', 'Identity', 'Reshape']);
const MAX_PASS_DEPTH = 3;

/** Returns the feed-forward activations of `scope`'s own graph, one per second projection. */
export function findFeedForwardActivations(scope: GraphScope): FeedForwardMatch[] {
  const matches: FeedForwardMatch[] = [];
  for (const node of scope.graph.nodes) {
    if (!PROJECTION_OPS.has(node.opType)) continue;
    const [input, weight] = node.inputs;
    if (input === undefined || weight === undefined || !isWeight(scope, weight)) continue;
    const activation = findActivation(scope, input, 0);
    if (activation === undefined) continue;
    const source = activation.inputs[0];
    if (source === undefined || !comesFromProjection(scope, source, 0)) continue;
    matches.push({ activation, tensorName: activation.outputs[0], projection: node });
  }
  return matches;
}

/** Returns whether `name` is a weight: a constant, or a constant behind DequantizeLinear, Cast or Transpose. */
function isWeight(scope: GraphScope, name: string): boolean {
  if (scope.isConstant(name)) return true;
  const producer = scope.producerOf(name);
  if (producer === undefined) return false;
  if (!['DequantizeLinear', 'Cast', 'Transpose'].includes(producer.opType)) return false;
  return producer.inputs[0] !== undefined && scope.isConstant(producer.inputs[0]);
}

function findActivation(scope: GraphScope, value: string, depth: number): OnnxNode | undefined {
  const producer = scope.producerOf(value);
  if (producer === undefined) return undefined;
  if (isActivation(scope, producer)) return producer;
  if (depth >= MAX_PASS_DEPTH || !ACTIVATION_PASS_OPS.has(producer.opType)) return undefined;
  const input = producer.inputs[0];
  return input === undefined ? undefined : findActivation(scope, input, depth + 1);
}

function isActivation(scope: GraphScope, node: OnnxNode): boolean {
  if (ACTIVATION_OPS.has(node.opType)) return true;
  if (node.opType !== 'Mul') return false;
  return isSwish(scope, node) || hasAncestorOp(scope, node, ['Erf', 'Tanh'], 3);
}

/** Mul(x, Sigmoid(x)) in either operand order. */
function isSwish(scope: GraphScope, mul: OnnxNode): boolean {
  const [a, b] = mul.inputs;
  const sigmoidOf = (value: string | undefined): string | undefined => {
    const producer = value === undefined ? undefined : scope.producerOf(value);
    return producer?.opType === 'Sigmoid' ? producer.inputs[0] : undefined;
  };
  return (a !== undefined && sigmoidOf(b) === a) || (b !== undefined && sigmoidOf(a) === b);
}

/** Returns whether one of `ops` produces an input of `node` within `depth` steps back. */
function hasAncestorOp(scope: GraphScope, node: OnnxNode, ops: readonly string[], depth: number): boolean {
  if (depth === 0) return false;
  return node.inputs.some((input) => {
    const producer = input === '' ? undefined : scope.producerOf(input);
    if (producer === undefined) return false;
    return ops.includes(producer.opType) || hasAncestorOp(scope, producer, ops, depth - 1);
  });
}

/** Returns whether `value` is the output of a projection by a weight (fc1), through bias Add or dequantization. */
function comesFromProjection(scope: GraphScope, value: string, depth: number): boolean {
  const producer = scope.producerOf(value);
  if (producer === undefined) return false;
  if (PROJECTION_OPS.has(producer.opType)) {
    return producer.inputs.slice(1, 2).some((weight) => isWeight(scope, weight));
  }
  if (depth >= MAX_PASS_DEPTH + 1 || !PROJECTION_PASS_OPS.has(producer.opType)) return false;
  return producer.inputs.some(
    (input) => input !== '' && !scope.isConstant(input) && comesFromProjection(scope, input, depth + 1),
  );
}
