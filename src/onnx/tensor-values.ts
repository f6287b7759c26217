/**
 * Decodes the values of one tensor on request, from its inline payload (re-read with protobufjs's
 * `Reader` over the tensor's own bytes) or from its external data file.
 */
import { DataType, dataTypeName } from './data-types';
import { OnnxFormatError } from './errors';
import { readExternalTensorBytes } from './external-data';
import type { TensorInfo } from './model-types';
import { rawByteLength } from './read-tensor';
import { createReader, expectWireType, forEachField, int64ToNumber, WireType, type Reader } from './wire';

/** The bytes a tensor refers to, and how to reach its external data. */
export interface TensorSource {
  /** The model bytes the tensor was read from. */
  readonly bytes: Uint8Array;
  /** Path of the model file; required for tensors stored as external data. */
  readonly modelPath?: string;
  /** Makes bytes [start, end) of `bytes` valid; set when `bytes` mirrors a file that was read sparsely. */
  readonly load?: (start: number, end: number) => void;
}

/**
 * Returns the tensor's values as doubles in row-major order (`length === tensor.elementCount`).
 * int64 and uint64 values beyond ±2^53 lose precision. Throws `OnnxFormatError` for string, complex
 * and 8-bit float tensors, and when the stored values do not match the dims.
 */
export function readTensorNumbers(tensor: TensorInfo, source: TensorSource): Float64Array {
  if (tensor.storage === 'external' && tensor.externalData !== null) {
    if (source.modelPath === undefined) {
      throw new OnnxFormatError(
        `Tensor "${tensor.name}" is stored in external file "${tensor.externalData.location}"; ` +
          'pass the model path to read it.',
      );
    }
    const expected = rawByteLength(tensor.dataType, tensor.elementCount);
    const raw = readExternalTensorBytes(source.modelPath, tensor.name, tensor.externalData, expected);
    return decodeRaw(tensor, raw);
  }
  if (tensor.elementCount === 0) return new Float64Array(0);
  source.load?.(tensor.span.start, tensor.span.end);
  if (tensor.payload === null) {
    throw new OnnxFormatError(`Tensor "${tensor.name}" has dims [${tensor.dims.join(', ')}] but no values.`);
  }
  if (tensor.payload.field === 'raw_data') {
    const start = tensor.payload.start;
    return decodeRaw(tensor, source.bytes.subarray(start, start + tensor.payload.byteLength));
  }
  return decodeTyped(tensor, source.bytes);
}

function unsupported(tensor: TensorInfo): OnnxFormatError {
  return new OnnxFormatError(
    `Tensor "${tensor.name}" has data type ${dataTypeName(tensor.dataType)}, which has no numeric values to decode.`,
  );
}

/** Decodes little-endian `raw_data` bytes. */
function decodeRaw(tensor: TensorInfo, raw: Uint8Array): Float64Array {
  const count = tensor.elementCount;
  const expected = rawByteLength(tensor.dataType, count);
  if (expected === undefined) throw unsupported(tensor);
  if (raw.byteLength !== expected) {
    throw new OnnxFormatError(
      `Tensor "${tensor.name}" has ${raw.byteLength} bytes of data but dims [${tensor.dims.join(', ')}] of ` +
        `${dataTypeName(tensor.dataType)} need ${expected}.`,
    );
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float64Array(count);
  switch (tensor.dataType) {
    case DataType.float32:
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case DataType.float64:
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      break;
    case DataType.float16:
      for (let i = 0; i < count; i++) out[i] = halfToNumber(view.getUint16(i * 2, true));
      break;
    case DataType.bfloat16:
      for (let i = 0; i < count; i++) out[i] = bfloat16ToNumber(view.getUint16(i * 2, true));
      break;
    case DataType.int8:
      for (let i = 0; i < count; i++) out[i] = view.getInt8(i);
      break;
    case DataType.uint8:
    case DataType.bool:
      for (let i = 0; i < count; i++) out[i] = view.getUint8(i);
      break;
    case DataType.int16:
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, true);
      break;
    case DataType.uint16:
      for (let i = 0; i < count; i++) out[i] = view.getUint16(i * 2, true);
      break;
    case DataType.int32:
      for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, true);
      break;
    case DataType.uint32:
      for (let i = 0; i < count; i++) out[i] = view.getUint32(i * 4, true);
      break;
    case DataType.int64:
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(i * 8, true));
      break;
    case DataType.uint64:
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigUint64(i * 8, true));
      break;
    default:
      throw unsupported(tensor);
  }
  return out;
}

/** TensorProto field that stores each data type when `raw_data` is not used (see onnx.proto). */
function typedFieldFor(dataType: number): number | undefined {
  switch (dataType) {
    case DataType.float32:
      return 4;
    case DataType.int8:
    case DataType.uint8:
    case DataType.int16:
    case DataType.uint16:
    case DataType.int32:
    case DataType.bool:
    case DataType.float16:
    case DataType.bfloat16:
      return 5;
    case DataType.int64:
      return 7;
    case DataType.float64:
      return 10;
    case DataType.uint32:
    case DataType.uint64:
      return 11;
    default:
      return undefined;
  }
}

/** Decodes values stored in float_data, int32_data, int64_data, double_data or uint64_data. */
function decodeTyped(tensor: TensorInfo, bytes: Uint8Array): Float64Array {
  const field = typedFieldFor(tensor.dataType);
  if (field === undefined) throw unsupported(tensor);
  const reader = createReader(bytes);
  reader.pos = tensor.span.start;
  const values: number[] = [];

  forEachField(reader, tensor.span.end, 'TensorProto', (current, wireType, tagStart) => {
    if (current !== field) {
      reader.skipType(wireType);
      return;
    }
    if (wireType !== WireType.lengthDelimited) {
      expectWireType('TensorProto', field, wireType, unpackedWireType(field), tagStart);
      values.push(readTypedValue(reader, field));
      return;
    }
    const end = reader.size() + reader.pos;
    while (reader.pos < end) values.push(readTypedValue(reader, field));
    if (reader.pos !== end) {
      throw new OnnxFormatError(`Tensor "${tensor.name}": packed values at byte ${tagStart} overrun their length.`);
    }
  });

  if (values.length !== tensor.elementCount) {
    throw new OnnxFormatError(
      `Tensor "${tensor.name}" stores ${values.length} values but dims [${tensor.dims.join(', ')}] need ` +
        `${tensor.elementCount}.`,
    );
  }
  const out = Float64Array.from(values);
  // float16 and bfloat16 values sit in int32_data as their 16-bit patterns.
  if (tensor.dataType === DataType.float16) {
    for (let i = 0; i < out.length; i++) out[i] = halfToNumber(out[i] & 0xffff);
  } else if (tensor.dataType === DataType.bfloat16) {
    for (let i = 0; i < out.length; i++) out[i] = bfloat16ToNumber(out[i] & 0xffff);
  }
  return out;
}

function unpackedWireType(field: number): number {
  if (field === 4) return WireType.fixed32;
  if (field === 10) return WireType.fixed64;
  return WireType.varint;
}

function readTypedValue(reader: Reader, field: number): number {
  switch (field) {
    case 4:
      return reader.float();
    case 5:
      return reader.int32();
    case 10:
      return reader.double();
    case 7:
    case 11:
      return int64ToNumber(field === 7 ? reader.int64() : reader.uint64());
    default:
      throw new OnnxFormatError(`TensorProto field ${field} contains no numeric values.`);
  }
}

/** Converts IEEE 754 half-precision bits to a number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const bfloatView = new DataView(new ArrayBuffer(4));

/** Converts bfloat16 bits (the high half of a float32) to a number. */
export function bfloat16ToNumber(bits: number): number {
  bfloatView.setUint32(0, bits << 16);
  return bfloatView.getFloat32(0);
}
