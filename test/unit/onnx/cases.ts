/**
 * Regression list of model files: each entry names a file and either the summary fields it must
 * produce or the error it must raise. Paths are relative to the repository root. Node and parameter
 * counts were checked against python3-onnx 1.12 (onnx.load and a walk over all subgraphs).
 */

export interface ExpectedSummary {
  readonly irVersion: number;
  readonly role: string;
  readonly layers: number | null;
  readonly heads: number | null;
  readonly dModel: number | null;
  readonly vocabSize: number | null;
  readonly nodeCount: number;
  readonly subgraphCount: number;
  readonly parameterCount: number;
  readonly kvCacheInputs: number;
  readonly kvCacheOutputs: number;
  readonly attentionTensors: number;
  readonly ffnTensors: number;
  /** Text the reason must contain when attention is not available. */
  readonly attentionUnavailable?: string;
}

export interface ModelCase {
  readonly file: string;
  readonly summary?: ExpectedSummary;
  /** Pattern the OnnxFormatError message must match. */
  readonly error?: RegExp;
}

const CASES_DIR = 'test/fixtures/onnx-cases';
const TINY_DIR = 'test/fixtures/models/marian-tiny/onnx';

export const MODEL_CASES: readonly ModelCase[] = [
  {
    file: `${CASES_DIR}/encoder.onnx`,
    summary: {
      irVersion: 8, role: 'encoder', layers: 2, heads: 2, dModel: 8, vocabSize: 16, nodeCount: 77, subgraphCount: 0,
      parameterCount: 1348, kvCacheInputs: 0, kvCacheOutputs: 0, attentionTensors: 2, ffnTensors: 2,
    },
  },
  {
    file: `${CASES_DIR}/encoder-quantized.onnx`,
    summary: {
      irVersion: 8, role: 'encoder', layers: 2, heads: 2, dModel: 8, vocabSize: 16, nodeCount: 135, subgraphCount: 0,
      parameterCount: 1372, kvCacheInputs: 0, kvCacheOutputs: 0, attentionTensors: 2, ffnTensors: 2,
    },
  },
  {
    file: `${CASES_DIR}/decoder.onnx`,
    summary: {
      irVersion: 8, role: 'decoder', layers: 2, heads: 2, dModel: 8, vocabSize: 16, nodeCount: 127, subgraphCount: 0,
      parameterCount: 2096, kvCacheInputs: 0, kvCacheOutputs: 8, attentionTensors: 4, ffnTensors: 2,
    },
  },
  {
    file: `${CASES_DIR}/decoder-merged.onnx`,
    summary: {
      irVersion: 8, role: 'decoder-merged', layers: 2, heads: 2, dModel: 8, vocabSize: 16, nodeCount: 248, subgraphCount: 2,
      parameterCount: 2096, kvCacheInputs: 8, kvCacheOutputs: 8, attentionTensors: 8, ffnTensors: 4,
    },
  },
  {
    file: `${CASES_DIR}/fused-attention.onnx`,
    summary: {
      irVersion: 8, role: 'unknown', layers: null, heads: null, dModel: 8, vocabSize: null, nodeCount: 8, subgraphCount: 0,
      parameterCount: 216, kvCacheInputs: 0, kvCacheOutputs: 0, attentionTensors: 0, ffnTensors: 0,
      attentionUnavailable: 'com.microsoft.MultiHeadAttention',
    },
  },
  {
    file: `${TINY_DIR}/encoder_model.onnx`,
    summary: {
      irVersion: 7, role: 'encoder', layers: 2, heads: 4, dModel: 32, vocabSize: 257, nodeCount: 283, subgraphCount: 0,
      parameterCount: 29408, kvCacheInputs: 0, kvCacheOutputs: 0, attentionTensors: 2, ffnTensors: 2,
    },
  },
  {
    file: `${TINY_DIR}/decoder_model_merged.onnx`,
    summary: {
      irVersion: 7, role: 'decoder-merged', layers: 2, heads: 4, dModel: 32, vocabSize: 257, nodeCount: 1035, subgraphCount: 2,
      parameterCount: 46465, kvCacheInputs: 8, kvCacheOutputs: 8, attentionTensors: 8, ffnTensors: 4,
    },
  },
  { file: `${CASES_DIR}/bad/ir-version-99.onnx`, error: /Unsupported ONNX IR version 99/ },
  { file: `${CASES_DIR}/bad/dims-overflow.onnx`, error: /Invalid tensor "huge": dims \[1099511627776, 1048576\] give more than 2\^53 elements/ },
  { file: `${CASES_DIR}/bad/dims-negative.onnx`, error: /Invalid tensor "negative": dimension -1 in dims \[-1, 4\] is negative/ },
  { file: `${CASES_DIR}/bad/raw-data-short.onnx`, error: /raw_data has 8 bytes but dims \[3\] of float32 need 12/ },
  { file: `${CASES_DIR}/bad/tensor-proto.pb`, error: /Invalid ModelProto: field 2 at byte \d+ has wire type 0, expected 2/ },
  { file: `${CASES_DIR}/bad/no-graph.onnx`, error: /it has no graph/ },
  { file: `${CASES_DIR}/external-bad/parent-dir.onnx`, error: /Rejected external_data location "\.\.\/outside\.bin": it points outside the model folder/ },
  { file: `${CASES_DIR}/external-bad/absolute.onnx`, error: /Rejected external_data location "\/tmp\/seq2seq-lens-absolute\.bin": it is an absolute path/ },
];
