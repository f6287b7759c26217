/**
 * Entry point of the lazy reader: parses a `ModelProto` from bytes without decoding weight payloads,
 * and turns every malformed input into an `OnnxFormatError`.
 */
import { OnnxFormatError } from './errors';
import type { KeyValue, OnnxFunction, OnnxGraph, OnnxModel, OpsetImport } from './model-types';
import { createGraph, readGraphField } from './read-graph';
import { readKeyValue } from './read-key-value';
import {
  createReader,
  expectWireType,
  forEachField,
  readSafeInt64,
  readSpan,
  readStringField,
  WireType,
  type Reader,
} from './wire';

/** IR versions accepted: 3 (ONNX 1.0, the oldest ONNX Runtime loads) to 11 (ONNX 1.18). */
export const MIN_IR_VERSION = 3;
export const MAX_IR_VERSION = 11;

const MESSAGE = 'ModelProto';

/**
 * Parses a `ModelProto` from `bytes`, keeping weight payloads as offsets into `bytes`.
 * Throws `OnnxFormatError` for empty, truncated, non-model or unsupported input.
 */
export function readModel(bytes: Uint8Array): OnnxModel {
  if (bytes.byteLength === 0) {
    throw new OnnxFormatError('Invalid ONNX model: the input is empty (0 bytes).');
  }
  const reader = createReader(bytes);
  try {
    return readModelFields(reader, bytes.byteLength);
  } catch (error) {
    throw toFormatError(error, reader);
  }
}

function readModelFields(reader: Reader, byteLength: number): OnnxModel {
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  let domain = '';
  let modelVersion = 0;
  let docString = '';
  let graph: OnnxGraph | null = null;
  const opsetImports: OpsetImport[] = [];
  const metadataProps: KeyValue[] = [];
  const functions: OnnxFunction[] = [];

  forEachField(reader, byteLength, MESSAGE, (field, wireType, tagStart) => {
    switch (field) {
      case 1:
        expectWireType(MESSAGE, field, wireType, WireType.varint, tagStart);
        irVersion = readSafeInt64(reader, 'ir_version');
        break;
      case 2:
        producerName = readStringField(reader, MESSAGE, field, wireType, tagStart);
        break;
      case 3:
        producerVersion = readStringField(reader, MESSAGE, field, wireType, tagStart);
        break;
      case 4:
        domain = readStringField(reader, MESSAGE, field, wireType, tagStart);
        break;
      case 5:
        expectWireType(MESSAGE, field, wireType, WireType.varint, tagStart);
        modelVersion = readSafeInt64(reader, 'model_version');
        break;
      case 6:
        docString = readStringField(reader, MESSAGE, field, wireType, tagStart);
        break;
      case 7:
        graph ??= createGraph();
        readGraphField(reader, MESSAGE, field, wireType, tagStart, graph, 0);
        break;
      case 8:
        opsetImports.push(readOpsetImport(reader, field, wireType, tagStart));
        break;
      case 14:
        metadataProps.push(readKeyValue(reader, MESSAGE, field, wireType, tagStart));
        break;
      case 25:
        functions.push(readFunctionSummary(reader, field, wireType, tagStart));
        break;
      default:
        reader.skipType(wireType);
    }
  });

  if (irVersion === 0) {
    throw new OnnxFormatError('Invalid ONNX model: ir_version is missing, so the input is not an ONNX ModelProto.');
  }
  if (irVersion < MIN_IR_VERSION || irVersion > MAX_IR_VERSION) {
    throw new OnnxFormatError(
      `Unsupported ONNX IR version ${irVersion}: this reader accepts ${MIN_IR_VERSION} to ${MAX_IR_VERSION}. ` +
        'Re-export the model with a supported ONNX version.',
    );
  }
  if (graph === null) {
    throw new OnnxFormatError('Invalid ONNX model: it has no graph.');
  }
  return {
    byteLength,
    irVersion,
    producerName,
    producerVersion,
    domain,
    modelVersion,
    docString,
    opsetImports,
    metadataProps,
    functions,
    graph,
  };
}

function readOpsetImport(reader: Reader, field: number, wireType: number, tagStart: number): OpsetImport {
  const message = 'OperatorSetIdProto';
  expectWireType(MESSAGE, field, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  let domain = '';
  let version = 0;
  forEachField(reader, span.end, message, (innerField, innerWireType, innerTagStart) => {
    if (innerField === 1) {
      domain = readStringField(reader, message, innerField, innerWireType, innerTagStart);
    } else if (innerField === 2) {
      expectWireType(message, innerField, innerWireType, WireType.varint, innerTagStart);
      version = readSafeInt64(reader, 'opset version');
    } else {
      reader.skipType(innerWireType);
    }
  });
  return { domain, version };
}

/** Reads a FunctionProto's name (1), domain (10) and node count (7 repeated) without reading its nodes. */
function readFunctionSummary(reader: Reader, field: number, wireType: number, tagStart: number): OnnxFunction {
  const message = 'FunctionProto';
  expectWireType(MESSAGE, field, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  let name = '';
  let domain = '';
  let nodeCount = 0;
  forEachField(reader, span.end, message, (innerField, innerWireType, innerTagStart) => {
    if (innerField === 1) name = readStringField(reader, message, innerField, innerWireType, innerTagStart);
    else if (innerField === 10) domain = readStringField(reader, message, innerField, innerWireType, innerTagStart);
    else {
      if (innerField === 7) nodeCount += 1;
      reader.skipType(innerWireType);
    }
  });
  return { name, domain, nodeCount };
}

/**
 * Wraps the errors protobufjs throws on malformed bytes (RangeError for reads past the end, Error for
 * bad wire types, tags and varints) into `OnnxFormatError`. Other errors are bugs and pass through.
 */
function toFormatError(error: unknown, reader: Reader): unknown {
  if (error instanceof OnnxFormatError) return error;
  if (error instanceof RangeError || (error instanceof Error && error.constructor === Error)) {
    return new OnnxFormatError(
      `Invalid ONNX model: ${error.message} (near byte ${reader.pos} of ${reader.len}). ` +
        'The file is truncated or is not an ONNX model.',
    );
  }
  return error;
}
