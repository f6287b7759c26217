/**
 * Finds attention probabilities by structure: a Softmax fed (possibly through a mask Add, a scale Mul
 * or Div, a Cast or a Where) by a MatMul whose second input is a transposed key. Quantized graphs
 * keep the Softmax in float, with MatMulInteger and DynamicQuantizeLinear around it.
 */
import type { GraphScope } from './graph-scope';
import type { OnnxNode } from './model-types';

/** One Softmax whose input is query-key scores, with the MatMul that computed them. */
export interface AttentionMatch {
  readonly softmax: OnnxNode;
  readonly scores: OnnxNode;
  /** Name of the key operand of the scores MatMul: [.., head_dim, src] after the transpose. */
  readonly keyInput: string;
}

/** Ops between the scores MatMul and the Softmax: mask Add/Sub/Where, scale Mul/Div, casts. */
const SCORE_PASS_OPS = new Set(['Add', 'Sub', 'Mul', 'Div', 'Cast', 'Where', 'Reshape', 'Identity', 'Clip']);
/** Ops between a Transpose and the key operand: cache Concat, reshapes, casts, quantization. */
const KEY_PASS_OPS = new Set([
  'Reshape',
  'Cast',
  'Identity',
  'Concat',
  'DynamicQuantizeLinear',
  'QuantizeLinear',
  'DequantizeLinear',
  'Unsqueeze',
  'Squeeze',
]);
const SCORE_MATMUL_OPS = new Set(['MatMul', 'MatMulInteger', 'FusedMatMul']);
const MAX_SCORE_DEPTH = 8;
const MAX_KEY_DEPTH = 6;

/** Returns the attention Softmax nodes of `scope`'s own graph with their scores MatMul. */
export function findAttentionSoftmaxes(scope: GraphScope): AttentionMatch[] {
  const matches: AttentionMatch[] = [];
  for (const node of scope.graph.nodes) {
    if (node.opType !== 'Softmax' || !isDefaultDomain(node.domain) || node.inputs[0] === undefined) continue;
    const scores = findScoresMatMul(scope, node.inputs[0], 0);
    if (scores !== undefined) matches.push({ softmax: node, scores: scores.node, keyInput: scores.keyInput });
  }
  return matches;
}

export function isDefaultDomain(domain: string): boolean {
  return domain === '' || domain === 'ai.onnx';
}

function findScoresMatMul(
  scope: GraphScope,
  value: string,
  depth: number,
): { node: OnnxNode; keyInput: string } | undefined {
  const producer = scope.producerOf(value);
  if (producer === undefined || depth > MAX_SCORE_DEPTH) return undefined;

  if (SCORE_MATMUL_OPS.has(producer.opType)) {
    const key = producer.inputs[1];
    if (key !== undefined && isTransposedKey(scope, producer, key)) return { node: producer, keyInput: key };
    return undefined;
  }
  if (!SCORE_PASS_OPS.has(producer.opType)) return undefined;
  // Follow every non-constant operand: the scores may be either side of the mask Add or the scale Mul.
  for (const input of producer.inputs) {
    if (input === '' || scope.isConstant(input)) continue;
    const found = findScoresMatMul(scope, input, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isTransposedKey(scope: GraphScope, matmul: OnnxNode, key: string): boolean {
  if (scope.isConstant(key)) return false;
  if (matmul.opType === 'FusedMatMul') {
    const transB = matmul.attributes.find((attribute) => attribute.name === 'transB')?.int ?? 0;
    if (transB === 1) return true;
  }
  return reachesTranspose(scope, key, 0);
}

function reachesTranspose(scope: GraphScope, value: string, depth: number): boolean {
  const producer = scope.producerOf(value);
  if (producer === undefined || depth > MAX_KEY_DEPTH) return false;
  if (producer.opType === 'Transpose') return true;
  if (!KEY_PASS_OPS.has(producer.opType)) return false;
  const candidates = producer.opType === 'Concat' ? producer.inputs : producer.inputs.slice(0, 1);
  return candidates.some((input) => input !== '' && reachesTranspose(scope, input, depth + 1));
}

/** Fused attention operators that compute the probabilities internally. */
const FUSED_ATTENTION_OPS = new Set([
  'Attention',
  'MultiHeadAttention',
  'GroupQueryAttention',
  'DecoderMaskedMultiHeadAttention',
  'DecoderMaskedSelfAttention',
  'PackedAttention',
  'PackedMultiHeadAttention',
  'QAttention',
  'SparseAttention',
]);

/** Returns the fused attention nodes of `scope`'s own graph. */
export function findFusedAttention(scope: GraphScope): OnnxNode[] {
  return scope.graph.nodes.filter((node) => FUSED_ATTENTION_OPS.has(node.opType));
}

/**
 * Returns the graph inputs (of this or an enclosing scope) that `value` depends on. The search visits
 * each node at most once, so it is linear in the graph size.
 */
export function ancestorInputs(scope: GraphScope, value: string): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>([value]);
  const queue = [value];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    const producer = scope.producerOf(current);
    if (producer === undefined) {
      if (scope.isGraphInput(current)) found.add(current);
      continue;
    }
    for (const input of producer.inputs) {
      if (input !== '' && !seen.has(input)) {
        seen.add(input);
        queue.push(input);
      }
    }
  }
  return found;
}
