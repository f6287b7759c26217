/**
 * Lazy ONNX reading, model summary, attention and feed-forward location, and graph instrumentation.
 * Nothing here imports `vscode`.
 */
export { OnnxFormatError } from './errors';
export { dataTypeName } from './data-types';
export type {
  Dim,
  ExternalDataRef,
  KeyValue,
  OnnxAttribute,
  OnnxGraph,
  OnnxModel,
  OnnxNode,
  OpsetImport,
  TensorInfo,
  TypeInfo,
  ValueInfo,
} from './model-types';
export { readModel, MIN_IR_VERSION, MAX_IR_VERSION } from './read-model';
export { openModelFile, readModelFile, type ModelFile, type OpenedModelFile } from './model-file';
export { resolveExternalDataPath } from './external-data';
export { readTensorNumbers, type TensorSource } from './tensor-values';
export { computeStatistics, findTensor, tensorStatistics, type TensorStatistics } from './tensor-stats';
export { detectModelRole, type ModelRole } from './model-role';
export { summarizeModel, type OnnxModelSummary, type SummaryOptions } from './summary';
export type { Seq2SeqSummary } from './seq2seq';
export { locateTensors, type LocatedTensor, type LocateResult, type IfBranchStep } from './locate';
export { addGraphOutputs, type CaptureOutput, type InstrumentResult } from './instrument';
export { captureOutputName, CAPTURE_OUTPUT_PREFIX } from './output-names';
