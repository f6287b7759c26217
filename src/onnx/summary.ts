/**
 * `summarizeModel`: everything the inspector shows about one ONNX file, computed from the lazily read
 * model without decoding any weight payload.
 */
import { statSync } from 'node:fs';

import { dataTypeName } from './data-types';
import { checkExternalLocationText, resolveExternalDataPath } from './external-data';
import { forEachGraph, nodeSubgraphs } from './graph-walk';
import { locateTensors } from './locate';
import type { Dim, KeyValue, OnnxModel, OpsetImport, TensorInfo, TypeInfo, ValueInfo } from './model-types';
import { summarizeSeq2Seq, type Seq2SeqSummary } from './seq2seq';

/** A graph input or output. */
export interface ValueSummary {
  readonly name: string;
  /** Type as ONNX writes it, e.g. `tensor(float32)`, `seq(tensor(int64))`. */
  readonly type: string;
  /** Dimensions; null when the model declares no shape. */
  readonly shape: readonly Dim[] | null;
}

/** Count of one operator type. */
export interface OperatorCount {
  /** Operator domain, with `ai.onnx` for the default domain. */
  readonly domain: string;
  readonly opType: string;
  readonly count: number;
}

/** Parameter totals of one data type. */
export interface DataTypeTotal {
  readonly dataType: string;
  readonly parameters: number;
  readonly bytes: number;
}

/** One row of the initializer table. */
export interface InitializerRow {
  readonly name: string;
  readonly dataType: string;
  readonly shape: readonly number[];
  readonly elementCount: number;
  readonly bytes: number;
  readonly storage: 'inline' | 'external';
  /** External data file, relative to the model folder. */
  readonly location?: string;
}

/** One external data file and the tensors stored in it. */
export interface ExternalFileSummary {
  readonly location: string;
  readonly tensorCount: number;
  /** Bytes the tensors take in the file. */
  readonly bytes: number;
  /** Whether the file exists; null when the model was read without a path. */
  readonly exists: boolean | null;
  readonly fileSize: number | null;
}

export interface OnnxModelSummary {
  readonly path: string | null;
  readonly fileSize: number;
  readonly irVersion: number;
  readonly opsetImports: readonly OpsetImport[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly metadata: readonly KeyValue[];
  readonly graphName: string;
  readonly inputs: readonly ValueSummary[];
  readonly outputs: readonly ValueSummary[];
  /** Nodes in all graphs, subgraphs included. */
  readonly nodeCount: number;
  readonly mainGraphNodeCount: number;
  /** Graphs held by node attributes (If branches, Loop and Scan bodies). */
  readonly subgraphCount: number;
  readonly functionCount: number;
  /** Operator histogram over all graphs, sorted by count (descending), then domain and name. */
  readonly operators: readonly OperatorCount[];
  readonly parameterCount: number;
  readonly parameterBytes: number;
  readonly parametersByDataType: readonly DataTypeTotal[];
  /** Initializers of all graphs in file order. */
  readonly initializers: readonly InitializerRow[];
  readonly externalFiles: readonly ExternalFileSummary[];
  readonly seq2seq: Seq2SeqSummary;
  /** Attention and feed-forward tensors the capture feature can record, or the reason it cannot. */
  readonly capture: {
    readonly attentionTensors: number;
    readonly ffnTensors: number;
    readonly attentionUnavailable: string | null;
    readonly ffnUnavailable: string | null;
  };
  /** Problems that do not stop the summary, such as a missing external data file. */
  readonly warnings: readonly string[];
}

export interface SummaryOptions {
  /** The bytes `model` was read from; used to decode small shape constants. */
  readonly bytes: Uint8Array;
  /** Path of the model file, needed to check external data files. */
  readonly path?: string;
  /** Makes bytes [start, end) valid when `bytes` mirrors a file that was read sparsely. */
  readonly load?: (start: number, end: number) => void;
}

/** Builds the inspector summary of `model`. Throws `OnnxFormatError` for unsafe external data locations. */
export function summarizeModel(model: OnnxModel, options: SummaryOptions): OnnxModelSummary {
  const located = locateTensors(model);
  const initializers: TensorInfo[] = [];
  let nodeCount = 0;
  let subgraphCount = 0;
  const operatorCounts = new Map<string, OperatorCount>();
  forEachGraph(model.graph, (graph) => {
    initializers.push(...graph.initializers);
    nodeCount += graph.nodes.length;
    for (const node of graph.nodes) {
      subgraphCount += nodeSubgraphs(node).length;
      const domain = node.domain === '' ? 'ai.onnx' : node.domain;
      const key = `${domain}\u0000${node.opType}`;
      const count = operatorCounts.get(key)?.count ?? 0;
      operatorCounts.set(key, { domain, opType: node.opType, count: count + 1 });
    }
  });
  const warnings: string[] = [];

  return {
    path: options.path ?? null,
    fileSize: model.byteLength,
    irVersion: model.irVersion,
    opsetImports: model.opsetImports.map((opset) => ({ domain: opset.domain === '' ? 'ai.onnx' : opset.domain, version: opset.version })),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    domain: model.domain,
    modelVersion: model.modelVersion,
    docString: model.docString,
    metadata: model.metadataProps,
    graphName: model.graph.name,
    inputs: model.graph.inputs.map(summarizeValue),
    outputs: model.graph.outputs.map(summarizeValue),
    nodeCount,
    mainGraphNodeCount: model.graph.nodes.length,
    subgraphCount,
    functionCount: model.functions.length,
    operators: [...operatorCounts.values()].sort(
      (a, b) => b.count - a.count || a.domain.localeCompare(b.domain) || a.opType.localeCompare(b.opType),
    ),
    parameterCount: initializers.reduce((sum, tensor) => sum + tensor.elementCount, 0),
    parameterBytes: initializers.reduce((sum, tensor) => sum + tensor.byteSize, 0),
    parametersByDataType: totalsByDataType(initializers),
    initializers: initializers.map(initializerRow),
    externalFiles: summarizeExternalFiles(initializers, options.path, warnings),
    seq2seq: summarizeSeq2Seq(model, located, { bytes: options.bytes, modelPath: options.path, load: options.load }),
    capture: {
      attentionTensors: located.tensors.filter((tensor) => tensor.role === 'attention').length,
      ffnTensors: located.tensors.filter((tensor) => tensor.role === 'ffn').length,
      attentionUnavailable: located.attentionUnavailable,
      ffnUnavailable: located.ffnUnavailable,
    },
    warnings,
  };
}

function summarizeValue(value: ValueInfo): ValueSummary {
  const type = value.type;
  return {
    name: value.name,
    type: formatType(type),
    shape: type?.kind === 'tensor' || type?.kind === 'sparse_tensor' ? type.shape : null,
  };
}

/** Formats a type the way ONNX tools print it, with this project's data type names. */
export function formatType(type: TypeInfo | null): string {
  if (type === null) return 'unknown';
  switch (type.kind) {
    case 'tensor':
      return `tensor(${dataTypeName(type.elemType)})`;
    case 'sparse_tensor':
      return `sparse_tensor(${dataTypeName(type.elemType)})`;
    case 'sequence':
      return `seq(${formatType(type.elem)})`;
    case 'optional':
      return `optional(${formatType(type.elem)})`;
    case 'map':
      return `map(${dataTypeName(type.keyType)}, ${formatType(type.value)})`;
    default:
      return type.kind;
  }
}

function totalsByDataType(initializers: readonly TensorInfo[]): DataTypeTotal[] {
  const totals = new Map<string, { parameters: number; bytes: number }>();
  for (const tensor of initializers) {
    const name = dataTypeName(tensor.dataType);
    const total = totals.get(name) ?? { parameters: 0, bytes: 0 };
    total.parameters += tensor.elementCount;
    total.bytes += tensor.byteSize;
    totals.set(name, total);
  }
  return [...totals].map(([dataType, total]) => ({ dataType, ...total })).sort((a, b) => b.bytes - a.bytes);
}

function initializerRow(tensor: TensorInfo): InitializerRow {
  const row = {
    name: tensor.name,
    dataType: dataTypeName(tensor.dataType),
    shape: tensor.dims,
    elementCount: tensor.elementCount,
    bytes: tensor.byteSize,
    storage: tensor.storage,
  };
  return tensor.externalData === null ? row : { ...row, location: tensor.externalData.location };
}

function summarizeExternalFiles(
  initializers: readonly TensorInfo[],
  modelPath: string | undefined,
  warnings: string[],
): ExternalFileSummary[] {
  const files = new Map<string, { tensorCount: number; bytes: number; end: number }>();
  for (const tensor of initializers) {
    const ref = tensor.externalData;
    if (ref === null) continue;
    const file = files.get(ref.location) ?? { tensorCount: 0, bytes: 0, end: 0 };
    file.tensorCount += 1;
    file.bytes += tensor.byteSize;
    file.end = Math.max(file.end, ref.offset + tensor.byteSize);
    files.set(ref.location, file);
  }

  return [...files].map(([location, file]) => {
    if (modelPath === undefined) {
      checkExternalLocationText(location);
      return { location, ...pick(file), exists: null, fileSize: null };
    }
    const path = resolveExternalDataPath(modelPath, location);
    let fileSize: number | null = null;
    try {
      fileSize = statSync(path).size;
    } catch {
      warnings.push(`External data file "${location}" was not found next to the model.`);
    }
    if (fileSize !== null && fileSize < file.end) {
      warnings.push(`External data file "${location}" has ${fileSize} bytes, but its tensors need ${file.end}.`);
    }
    return { location, ...pick(file), exists: fileSize !== null, fileSize };
  });
}

function pick(file: { tensorCount: number; bytes: number }): { tensorCount: number; bytes: number } {
  return { tensorCount: file.tensorCount, bytes: file.bytes };
}
