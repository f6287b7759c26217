/**
 * Seq2seq facts of one exported model file: its role, layer and head counts, model width, vocabulary
 * and KV-cache inputs and outputs. Each number comes from the cheapest source that has it: declared
 * input and output shapes first, then weights and attention reshape constants.
 */
import { forEachGraph } from './graph-walk';
import { GraphScope } from './graph-scope';
import type { LocateResult } from './locate';
import type { OnnxGraph, OnnxModel, TypeInfo } from './model-types';
import { detectModelRole, PAST_INPUT_PATTERN, PRESENT_OUTPUT_PATTERN, type ModelRole } from './model-role';
import { readTensorNumbers, type TensorSource } from './tensor-values';

export interface Seq2SeqSummary {
  readonly role: ModelRole;
  /** Number of layers in this file's stack, or null when nothing shows it. */
  readonly layers: number | null;
  readonly heads: number | null;
  readonly dModel: number | null;
  readonly vocabSize: number | null;
  /** Main-graph inputs `past_key_values.N.*`: [batch, heads, past_seq, head_dim]. */
  readonly kvCacheInputs: readonly string[];
  /** Main-graph outputs `present.N.*`: [batch, heads, seq, head_dim]. */
  readonly kvCacheOutputs: readonly string[];
}

/** Derives the seq2seq summary of `model`; `located` is the locator's result for the same model. */
export function summarizeSeq2Seq(model: OnnxModel, located: LocateResult, source: TensorSource): Seq2SeqSummary {
  const graph = model.graph;
  const kvCacheInputs = graph.inputs.map((value) => value.name).filter((name) => PAST_INPUT_PATTERN.test(name));
  const kvCacheOutputs = graph.outputs.map((value) => value.name).filter((name) => PRESENT_OUTPUT_PATTERN.test(name));
  const embedding = findTokenEmbedding(graph);
  const dModel = lastDimOf(graph, ['last_hidden_state', 'encoder_hidden_states']) ?? embedding?.dims[1] ?? null;

  return {
    role: detectModelRole(graph),
    layers: countLayers(kvCacheInputs, kvCacheOutputs, located),
    heads: headsFromCache(graph, kvCacheInputs, kvCacheOutputs) ?? headsFromReshapes(model, dModel, source),
    dModel,
    vocabSize: lastDimOf(graph, ['logits']) ?? embedding?.dims[0] ?? null,
    kvCacheInputs,
    kvCacheOutputs,
  };
}

function countLayers(inputs: readonly string[], outputs: readonly string[], located: LocateResult): number | null {
  const cacheLayers = new Set<number>();
  for (const name of inputs) cacheLayers.add(Number(PAST_INPUT_PATTERN.exec(name)?.[1]));
  for (const name of outputs) cacheLayers.add(Number(PRESENT_OUTPUT_PATTERN.exec(name)?.[1]));
  if (cacheLayers.size > 0) return cacheLayers.size;

  const attentionLayers = new Set<number>();
  for (const tensor of located.tensors) if (tensor.role === 'attention') attentionLayers.add(tensor.layer);
  return attentionLayers.size > 0 ? attentionLayers.size : null;
}

/** Reads heads from the cache shapes [batch, heads, seq, head_dim] when dim 1 is a fixed number. */
function headsFromCache(graph: OnnxGraph, inputs: readonly string[], outputs: readonly string[]): number | null {
  const values = [...graph.inputs.filter((value) => inputs.includes(value.name)), ...graph.outputs.filter((value) => outputs.includes(value.name))];
  for (const value of values) {
    const shape = tensorShape(value.type);
    if (shape?.length === 4 && typeof shape[1] === 'number' && shape[1] > 0) return shape[1];
  }
  return null;
}

/**
 * Reads heads from the Reshape that splits d_model into heads: its target shape ends in
 * [heads, head_dim] with heads × head_dim = d_model. The shape is a constant or a Concat of pieces.
 */
function headsFromReshapes(model: OnnxModel, dModel: number | null, source: TensorSource): number | null {
  if (dModel === null) return null;
  let heads: number | null = null;
  const visit = (scope: GraphScope): void => {
    for (const node of scope.graph.nodes) {
      if (heads !== null) return;
      if (node.opType !== 'Reshape' || node.inputs[1] === undefined) continue;
      const shape = shapeValues(scope, node.inputs[1], source);
      if (shape === null || shape.length < 4) continue;
      const [h, headDim] = shape.slice(-2);
      if (h !== null && headDim !== null && h > 1 && headDim > 0 && h * headDim === dModel) heads = h;
    }
  };
  const root = new GraphScope(model.graph, null, []);
  visit(root);
  forEachGraph(model.graph, (graph, depth) => {
    if (depth > 0) visit(new GraphScope(graph, root, []));
  });
  return heads;
}

/** Returns the values of a small constant shape tensor, or of a Concat of such pieces (null where unknown). */
function shapeValues(scope: GraphScope, name: string, source: TensorSource): (number | null)[] | null {
  const constant = smallConstant(scope, name, source);
  if (constant !== null) return constant;
  const producer = scope.producerOf(name);
  if (producer?.opType !== 'Concat') return null;
  return producer.inputs.flatMap((input) => smallConstant(scope, input, source) ?? [null]);
}

function smallConstant(scope: GraphScope, name: string, source: TensorSource): number[] | null {
  const tensor =
    scope.initializer(name) ??
    scope.constantNode(name)?.attributes.find((attribute) => attribute.name === 'value')?.tensor;
  if (tensor === undefined || tensor.elementCount > 8 || tensor.storage === 'external') return null;
  try {
    return Array.from(readTensorNumbers(tensor, source));
  } catch {
    return null;
  }
}

/** Finds the token embedding table: a 2-D initializer gathered by a graph input ([vocab, d_model]). */
function findTokenEmbedding(graph: OnnxGraph): { dims: readonly number[] } | null {
  const inputs = new Set(graph.inputs.map((value) => value.name));
  let found: { dims: readonly number[] } | null = null;
  forEachGraph(graph, (current) => {
    for (const node of current.nodes) {
      if (found !== null || node.opType !== 'Gather') continue;
      const [table, indices] = node.inputs;
      if (indices === undefined || !inputs.has(indices)) continue;
      const tensor = graph.initializers.find((candidate) => candidate.name === table) ??
        current.initializers.find((candidate) => candidate.name === table);
      if (tensor?.dims.length === 2) found = tensor;
    }
  });
  return found;
}

function lastDimOf(graph: OnnxGraph, names: readonly string[]): number | null {
  for (const value of [...graph.inputs, ...graph.outputs]) {
    if (!names.includes(value.name)) continue;
    const last = tensorShape(value.type)?.at(-1);
    if (typeof last === 'number' && last > 0) return last;
  }
  return null;
}

function tensorShape(type: TypeInfo | null): readonly (number | string | null)[] | null {
  return type?.kind === 'tensor' ? type.shape : null;
}
