/**
 * The lazily read ONNX model: every field an inspector shows, with weight payloads left in the
 * original bytes and referenced by offset.
 */
import type { FieldSpan } from './wire';

/** One `opset_import` entry; the empty domain is the default `ai.onnx` domain. */
export interface OpsetImport {
  readonly domain: string;
  readonly version: number;
}

/** One `StringStringEntryProto`. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** A dimension: a fixed size, a symbolic name (`dim_param`), or null when neither is set. */
export type Dim = number | string | null;

/** A `TypeProto`, reduced to what the summary and the instrumentation need. */
export type TypeInfo =
  | { readonly kind: 'tensor' | 'sparse_tensor'; readonly elemType: number; readonly shape: readonly Dim[] | null }
  | { readonly kind: 'sequence' | 'optional'; readonly elem: TypeInfo | null }
  | { readonly kind: 'map'; readonly keyType: number; readonly value: TypeInfo | null }
  | { readonly kind: 'opaque' | 'unknown' };

/** A graph input, output or `value_info` entry. */
export interface ValueInfo {
  readonly name: string;
  readonly type: TypeInfo | null;
  readonly docString: string;
}

/** Location of a tensor's inline values inside the model bytes. */
export interface TensorPayload {
  /** The TensorProto field that carries the values. */
  readonly field: PayloadField;
  /** Total bytes of that field's content, summed over its occurrences. */
  readonly byteLength: number;
  /** Offset of the first content byte of the first occurrence. */
  readonly start: number;
}

export type PayloadField =
  | 'raw_data'
  | 'float_data'
  | 'int32_data'
  | 'string_data'
  | 'int64_data'
  | 'double_data'
  | 'uint64_data';

/** A tensor's `external_data` entries, parsed. */
export interface ExternalDataRef {
  /** Path of the data file relative to the model's folder, as written in the model. */
  readonly location: string;
  readonly offset: number;
  /** Byte length, or null when the model leaves it to the end of the file. */
  readonly length: number | null;
  readonly checksum: string | null;
}

/** A `TensorProto` without its values. */
export interface TensorInfo {
  readonly name: string;
  readonly dataType: number;
  readonly dims: readonly number[];
  /** Product of `dims` (1 for a scalar). */
  readonly elementCount: number;
  /** Bytes the values take: the payload size, or elementCount × element size for typed fields. */
  readonly byteSize: number;
  readonly storage: 'inline' | 'external';
  readonly payload: TensorPayload | null;
  readonly externalData: ExternalDataRef | null;
  readonly docString: string;
  /** The TensorProto message, so one tensor's values can be decoded on request. */
  readonly span: FieldSpan;
}

/** One `AttributeProto`; only the value field that matches `type` is set. */
export interface OnnxAttribute {
  readonly name: string;
  /** `AttributeProto.AttributeType` code. */
  readonly type: number;
  readonly refAttrName: string;
  readonly float?: number;
  /** NOTE: int64 values beyond ±2^53 (such as INT64_MAX in Slice ends) are rounded to the nearest double. */
  readonly int?: number;
  readonly string?: string;
  readonly tensor?: TensorInfo;
  readonly graph?: OnnxGraph;
  readonly floats?: readonly number[];
  readonly ints?: readonly number[];
  readonly strings?: readonly string[];
  readonly tensors?: readonly TensorInfo[];
  readonly graphs?: readonly OnnxGraph[];
  readonly span: FieldSpan;
}

/** One `NodeProto`. */
export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  /** Operator domain; the empty string is `ai.onnx`. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: readonly OnnxAttribute[];
  readonly docString: string;
  readonly span: FieldSpan;
}

/** One `GraphProto`, the main graph or a subgraph of an If, Loop or Scan node. */
export interface OnnxGraph {
  readonly name: string;
  readonly docString: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly TensorInfo[];
  readonly sparseInitializerCount: number;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly valueInfo: readonly ValueInfo[];
  /**
   * Spans of every occurrence of this graph's field. Protobuf merges repeated occurrences of a singular
   * message field, so a graph whose outputs were appended later has two or more.
   */
  readonly spans: readonly FieldSpan[];
}

/** A `FunctionProto`, reduced to its identity and size. */
export interface OnnxFunction {
  readonly name: string;
  readonly domain: string;
  readonly nodeCount: number;
}

/** A `ModelProto` read without its weight payloads. */
export interface OnnxModel {
  /** Size of the model bytes. */
  readonly byteLength: number;
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly opsetImports: readonly OpsetImport[];
  readonly metadataProps: readonly KeyValue[];
  readonly functions: readonly OnnxFunction[];
  readonly graph: OnnxGraph;
}
