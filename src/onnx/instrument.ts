/**
 * Adds located tensors as graph outputs so ONNX Runtime returns them, keeping the original bytes.
 *
 * Main-graph tensors: a serialized `ModelProto { graph { node: [Identity…], output: [...] } }` is
 * appended to the file. Protobuf merges a repeated singular message field into the first, so the
 * graph gains one Identity node and one output per tensor (ONNX Runtime 1.31 accepts this).
 *
 * Tensors inside the branches of an If node in the main graph (merged decoders) are threaded out.
 * The tensor becomes an output of its branch, and its counterpart with the same label becomes an
 * output of the other branch. The If node gets a matching output, which is added to the main graph.
 * The If node's bytes are edited in place by `spliceFields`, so the rest of the file is copied unchanged.
 */
import onnxProto, { type onnx as OnnxProto } from 'onnx-proto';

import { OnnxFormatError } from './errors';
import { locateTensors, type LocatedTensor } from './locate';
import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode } from './model-types';
import { CAPTURE_OUTPUT_PREFIX, captureOutputName, uniqueName } from './output-names';
import { readModel } from './read-model';
import { spliceFields, type Insertion } from './splice';
import type { FieldSpan } from './wire';

// onnx-proto is CommonJS without named-export hints, so ES module importers only see its default export.
const { onnx } = onnxProto;

/** One added graph output and where its values come from. */
export interface CaptureOutput {
  /** Graph output name, see output-names.ts. */
  readonly outputName: string;
  readonly role: LocatedTensor['role'];
  readonly stack: LocatedTensor['stack'];
  readonly kind: LocatedTensor['kind'];
  readonly layer: number;
  /** The captured tensor names: one for the main graph, the then and else tensors for an If. */
  readonly sourceTensors: readonly string[];
}

export interface InstrumentResult {
  /** The instrumented model; the input bytes are not modified. */
  readonly bytes: Uint8Array;
  readonly outputs: readonly CaptureOutput[];
  /** Requested tensors that could not be added, with the reason. */
  readonly skipped: readonly { readonly tensor: LocatedTensor; readonly reason: string }[];
}

/**
 * Returns new model bytes in which every tensor in `tensors` is a graph output. `model` may pass the
 * already parsed `bytes` to skip parsing them again. Throws `OnnxFormatError` when the model already
 * has outputs with the `lens.` prefix.
 */
export function addGraphOutputs(
  bytes: Uint8Array,
  tensors: readonly LocatedTensor[],
  model: OnnxModel = readModel(bytes),
): InstrumentResult {
  checkNotInstrumented(model.graph);
  const taken = new Set<string>();
  const outputs: CaptureOutput[] = [];
  const skipped: { tensor: LocatedTensor; reason: string }[] = [];
  const identities: OnnxProto.INodeProto[] = [];
  const graphOutputs: OnnxProto.IValueInfoProto[] = [];
  const ifThreads = new Map<number, IfThread[]>();
  const counterparts = new LabelIndex(tensors.some((tensor) => tensor.insideIf) ? locateTensors(model).tensors : []);
  const threadedLabels = new Set<string>();

  for (const tensor of tensors) {
    const path = tensor.insideIf ?? [];
    if (path.length === 0) {
      const outputName = uniqueName(captureOutputName(tensor), taken);
      identities.push({ opType: 'Identity', name: `lens/${outputName}`, input: [tensor.tensorName], output: [outputName] });
      graphOutputs.push(valueInfo(outputName, tensor.elemType));
      outputs.push(describe(outputName, tensor, [tensor.tensorName]));
      continue;
    }
    if (path.length > 1) {
      skipped.push({ tensor, reason: 'The tensor is inside nested If nodes; only one If level can be threaded out.' });
      continue;
    }

    const step = path[0];
    const labelKey = `${step.nodeIndex}|${labelOf(tensor)}`;
    if (threadedLabels.has(labelKey)) continue;
    const otherBranch = step.branch === 'then' ? 'else' : 'then';
    const partner = counterparts.find(tensor, step.nodeIndex, otherBranch);
    if (partner === undefined) {
      skipped.push({ tensor, reason: `The ${otherBranch} branch of If node "${step.ifNode}" has no tensor with the same label.` });
      continue;
    }
    threadedLabels.add(labelKey);
    const outputName = uniqueName(captureOutputName(tensor), taken);
    const [thenTensor, elseTensor] = step.branch === 'then' ? [tensor, partner] : [partner, tensor];
    const threads = ifThreads.get(step.nodeIndex) ?? [];
    threads.push({ outputName, thenTensor, elseTensor });
    ifThreads.set(step.nodeIndex, threads);
    graphOutputs.push(valueInfo(outputName, tensor.elemType));
    outputs.push(describe(outputName, tensor, [thenTensor.tensorName, elseTensor.tensorName]));
  }

  const suffix =
    graphOutputs.length === 0
      ? new Uint8Array(0)
      : onnx.ModelProto.encode({ graph: { node: identities, output: graphOutputs } }).finish();
  const insertions: Insertion[] = [];
  const enclosing: FieldSpan[] = [];
  for (const [nodeIndex, threads] of ifThreads) {
    threadIfOutputs(model.graph, model.graph.nodes[nodeIndex], threads, insertions, enclosing);
  }
  const result = insertions.length === 0 ? concat(bytes, suffix) : spliceFields(bytes, insertions, enclosing, suffix);
  return { bytes: result, outputs, skipped };
}

interface IfThread {
  readonly outputName: string;
  readonly thenTensor: LocatedTensor;
  readonly elseTensor: LocatedTensor;
}

/** Plans the edits that add `threads` as outputs of both branches and of the If node itself. */
function threadIfOutputs(
  graph: OnnxGraph,
  node: OnnxNode,
  threads: readonly IfThread[],
  insertions: Insertion[],
  enclosing: FieldSpan[],
): void {
  const graphSpan = graph.spans.find((span) => span.start <= node.span.tagStart && node.span.end <= span.end);
  if (graphSpan === undefined) throw new OnnxFormatError(`If node "${node.name}" lies outside the graph it was read from.`);
  enclosing.push(graphSpan, node.span);

  for (const branch of ['then', 'else'] as const) {
    const attribute = branchAttribute(node, branch);
    const lastOccurrence = attribute.graph.spans[attribute.graph.spans.length - 1];
    const branchOutputs = threads.map((thread) => {
      const tensor = branch === 'then' ? thread.thenTensor : thread.elseTensor;
      return valueInfo(tensor.tensorName, tensor.elemType);
    });
    enclosing.push(attribute.span);
    insertions.push({ field: lastOccurrence, bytes: onnx.GraphProto.encode({ output: branchOutputs }).finish() });
  }
  const nodeOutputs = threads.map((thread) => thread.outputName);
  insertions.push({ field: node.span, bytes: onnx.NodeProto.encode({ output: nodeOutputs }).finish() });
}

function branchAttribute(node: OnnxNode, branch: 'then' | 'else'): OnnxAttribute & { graph: OnnxGraph } {
  const attribute = node.attributes.find((candidate) => candidate.name === `${branch}_branch`);
  if (attribute?.graph === undefined) {
    throw new OnnxFormatError(`If node "${node.name}" has no ${branch}_branch graph.`);
  }
  return attribute as OnnxAttribute & { graph: OnnxGraph };
}

function checkNotInstrumented(graph: OnnxGraph): void {
  const existing = graph.outputs.find((output) => output.name.startsWith(CAPTURE_OUTPUT_PREFIX));
  if (existing !== undefined) {
    throw new OnnxFormatError(
      `The model already has output "${existing.name}"; instrument the original model bytes instead.`,
    );
  }
}

function labelOf(tensor: LocatedTensor): string {
  return `${tensor.role}|${tensor.stack}|${tensor.kind}|${tensor.layer}`;
}

/** Located tensors inside If branches, indexed by If node, branch and label. */
class LabelIndex {
  private readonly byKey = new Map<string, LocatedTensor>();

  constructor(tensors: readonly LocatedTensor[]) {
    for (const tensor of tensors) {
      const step = tensor.insideIf?.length === 1 ? tensor.insideIf[0] : undefined;
      if (step === undefined) continue;
      const key = `${step.nodeIndex}|${step.branch}|${labelOf(tensor)}`;
      if (!this.byKey.has(key)) this.byKey.set(key, tensor);
    }
  }

  find(tensor: LocatedTensor, nodeIndex: number, branch: 'then' | 'else'): LocatedTensor | undefined {
    return this.byKey.get(`${nodeIndex}|${branch}|${labelOf(tensor)}`);
  }
}

function valueInfo(name: string, elemType: number): OnnxProto.IValueInfoProto {
  return { name, type: { tensorType: { elemType } } };
}

function describe(outputName: string, tensor: LocatedTensor, sourceTensors: string[]): CaptureOutput {
  return { outputName, role: tensor.role, stack: tensor.stack, kind: tensor.kind, layer: tensor.layer, sourceTensors };
}

function concat(bytes: Uint8Array, suffix: Uint8Array): Uint8Array {
  const out = Buffer.allocUnsafe(bytes.length + suffix.length);
  out.set(bytes, 0);
  out.set(suffix, bytes.length);
  return out;
}
