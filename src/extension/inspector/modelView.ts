/**
 * Builds the model editor's view from the lazily read model and its `src/onnx` summary. No `vscode` import.
 */
import type { OnnxModel, OnnxModelSummary, TensorSource } from '../../onnx';
import type {
  DomainOpsView,
  FolderModelSummary,
  GraphView,
  InitializerView,
  ModelView,
  Seq2SeqView,
} from '../../protocol/inspector-messages';
import { ExtensionError } from '../errors';
import { buildGraphViews } from './graphViews';

/** Groups the summary's operator counts by domain, the domain with the most nodes first. */
export function groupOperators(summary: OnnxModelSummary): DomainOpsView[] {
  const domains = new Map<string, { nodeCount: number; ops: { opType: string; count: number }[] }>();
  for (const entry of summary.operators) {
    const domain = domains.get(entry.domain) ?? { nodeCount: 0, ops: [] };
    domain.nodeCount += entry.count;
    domain.ops.push({ opType: entry.opType, count: entry.count });
    domains.set(entry.domain, domain);
  }
  return [...domains]
    .map(([domain, value]) => ({ domain, nodeCount: value.nodeCount, ops: value.ops }))
    .sort((a, b) => b.nodeCount - a.nodeCount || a.domain.localeCompare(b.domain));
}

/** Returns the seq2seq part of the view: the summary's facts and whether capture can run. */
export function seq2seqView(summary: OnnxModelSummary): Seq2SeqView {
  const { seq2seq, capture } = summary;
  return {
    role: seq2seq.role,
    layers: seq2seq.layers,
    heads: seq2seq.heads,
    dModel: seq2seq.dModel,
    vocabSize: seq2seq.vocabSize,
    kvCacheInputs: seq2seq.kvCacheInputs,
    kvCacheOutputs: seq2seq.kvCacheOutputs,
    attention: { tensorCount: capture.attentionTensors, unavailableReason: capture.attentionUnavailable },
    ffn: { tensorCount: capture.ffnTensors, unavailableReason: capture.ffnUnavailable },
  };
}

/**
 * Pairs each initializer row with the graph that owns it. The summary lists initializers graph by graph
 * in the same depth-first order as `graphs`, so each graph takes the next `initializerCount` rows.
 */
function initializerViews(summary: OnnxModelSummary, graphs: readonly GraphView[]): InitializerView[] {
  const owners = graphs.flatMap((graph) => new Array<string>(graph.initializerCount).fill(graph.id));
  if (owners.length !== summary.initializers.length) {
    throw new ExtensionError(`Initializer count mismatch: the graphs hold ${owners.length}, the summary lists ${summary.initializers.length}.`);
  }
  return summary.initializers.map((row, index) => ({
    name: row.name,
    dtype: row.dataType,
    shape: row.shape,
    elementCount: row.elementCount,
    byteCount: row.bytes,
    storage: row.storage,
    location: row.location ?? null,
    graphId: owners[index],
  }));
}

/** Returns the short form of the summary that the folder view lists for each file. */
export function folderModelSummary(summary: OnnxModelSummary): FolderModelSummary {
  return {
    irVersion: summary.irVersion,
    opsetImports: summary.opsetImports,
    producerName: summary.producerName,
    producerVersion: summary.producerVersion,
    nodeCount: summary.nodeCount,
    subgraphCount: summary.subgraphCount,
    parameterCount: summary.parameterCount,
    parameterBytes: summary.parameterBytes,
    inputs: summary.inputs,
    outputs: summary.outputs,
    seq2seq: seq2seqView(summary),
  };
}

/**
 * Builds the full view of one model file. `source` contains the bytes `model` was read from, which give
 * the values of small constant tensors; the view keeps no reference to them.
 */
export function buildModelView(fileName: string, model: OnnxModel, summary: OnnxModelSummary, source: TensorSource): ModelView {
  const graphs = buildGraphViews(model.graph, source);
  return {
    fileName,
    fileSize: summary.fileSize,
    irVersion: summary.irVersion,
    opsetImports: summary.opsetImports,
    producerName: summary.producerName,
    producerVersion: summary.producerVersion,
    domain: summary.domain,
    modelVersion: summary.modelVersion,
    docString: summary.docString,
    metadataProps: summary.metadata,
    externalDataFiles: summary.externalFiles.map((file) => ({
      location: file.location,
      tensorCount: file.tensorCount,
      byteCount: file.bytes,
      exists: file.exists,
    })),
    inputs: summary.inputs,
    outputs: summary.outputs,
    opHistogram: groupOperators(summary),
    nodeCount: summary.nodeCount,
    subgraphCount: summary.subgraphCount,
    parameters: {
      elementCount: summary.parameterCount,
      byteCount: summary.parameterBytes,
      byDtype: summary.parametersByDataType.map((total) => ({
        dtype: total.dataType,
        tensorCount: summary.initializers.filter((row) => row.dataType === total.dataType).length,
        elementCount: total.parameters,
        byteCount: total.bytes,
      })),
    },
    initializers: initializerViews(summary, graphs),
    graphs,
    seq2seq: seq2seqView(summary),
    functionCount: summary.functionCount,
    warnings: summary.warnings,
  };
}
