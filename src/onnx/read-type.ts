/** Readers for `ValueInfoProto` and the `TypeProto` inside it. */
import { OnnxFormatError } from './errors';
import type { Dim, TypeInfo, ValueInfo } from './model-types';
import {
  expectWireType,
  forEachField,
  readInt32Field,
  readSafeInt64,
  readSpan,
  readStringField,
  WireType,
  type Reader,
} from './wire';

/** Deepest nesting of sequence, map and optional types accepted; deeper input is rejected, not recursed. */
const MAX_TYPE_DEPTH = 32;

/** Reads a ValueInfoProto field whose tag was just read. */
export function readValueInfoField(
  reader: Reader,
  parentMessage: string,
  field: number,
  wireType: number,
  tagStart: number,
): ValueInfo {
  expectWireType(parentMessage, field, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  let name = '';
  let type: TypeInfo | null = null;
  let docString = '';
  forEachField(reader, span.end, 'ValueInfoProto', (innerField, innerWireType, innerTagStart) => {
    if (innerField === 1) name = readStringField(reader, 'ValueInfoProto', innerField, innerWireType, innerTagStart);
    else if (innerField === 2) type = readTypeField(reader, 'ValueInfoProto', innerField, innerWireType, innerTagStart, 0);
    else if (innerField === 3) docString = readStringField(reader, 'ValueInfoProto', innerField, innerWireType, innerTagStart);
    else reader.skipType(innerWireType);
  });
  return { name, type, docString };
}

/** Reads a TypeProto field whose tag was just read. */
export function readTypeField(
  reader: Reader,
  parentMessage: string,
  field: number,
  wireType: number,
  tagStart: number,
  depth: number,
): TypeInfo {
  expectWireType(parentMessage, field, wireType, WireType.lengthDelimited, tagStart);
  if (depth > MAX_TYPE_DEPTH) {
    throw new OnnxFormatError(`Unsupported TypeProto at byte ${tagStart}: nested deeper than ${MAX_TYPE_DEPTH} levels.`);
  }
  const span = readSpan(reader, tagStart);
  let type: TypeInfo = { kind: 'unknown' };
  forEachField(reader, span.end, 'TypeProto', (innerField, innerWireType, innerTagStart) => {
    switch (innerField) {
      case 1:
        type = readTensorType(reader, 'tensor', innerField, innerWireType, innerTagStart);
        break;
      case 8:
        type = readTensorType(reader, 'sparse_tensor', innerField, innerWireType, innerTagStart);
        break;
      case 4:
      case 9:
        type = {
          kind: innerField === 4 ? 'sequence' : 'optional',
          elem: readElementType(reader, innerField, innerWireType, innerTagStart, depth),
        };
        break;
      case 5:
        type = readMapType(reader, innerField, innerWireType, innerTagStart, depth);
        break;
      case 7:
        reader.skipType(innerWireType);
        type = { kind: 'opaque' };
        break;
      default:
        reader.skipType(innerWireType);
    }
  });
  return type;
}

/** Reads `TypeProto.Tensor` or `TypeProto.SparseTensor`: elem_type (1) and shape (2). */
function readTensorType(
  reader: Reader,
  kind: 'tensor' | 'sparse_tensor',
  field: number,
  wireType: number,
  tagStart: number,
): TypeInfo {
  const message = 'TypeProto.Tensor';
  expectWireType('TypeProto', field, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  let elemType = 0;
  let shape: Dim[] | null = null;
  forEachField(reader, span.end, message, (innerField, innerWireType, innerTagStart) => {
    if (innerField === 1) elemType = readInt32Field(reader, message, innerField, innerWireType, innerTagStart);
    else if (innerField === 2) shape = readShape(reader, innerWireType, innerTagStart, shape ?? []);
    else reader.skipType(innerWireType);
  });
  return { kind, elemType, shape };
}

/** Reads `TensorShapeProto`, appending to `dims` so repeated occurrences merge as protobuf requires. */
function readShape(reader: Reader, wireType: number, tagStart: number, dims: Dim[]): Dim[] {
  expectWireType('TypeProto.Tensor', 2, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  forEachField(reader, span.end, 'TensorShapeProto', (field, dimWireType, dimTagStart) => {
    if (field !== 1) {
      reader.skipType(dimWireType);
      return;
    }
    expectWireType('TensorShapeProto', field, dimWireType, WireType.lengthDelimited, dimTagStart);
    const dimSpan = readSpan(reader, dimTagStart);
    let dim: Dim = null;
    forEachField(reader, dimSpan.end, 'TensorShapeProto.Dimension', (dimField, valueWireType, valueTagStart) => {
      if (dimField === 1) {
        expectWireType('TensorShapeProto.Dimension', dimField, valueWireType, WireType.varint, valueTagStart);
        dim = readSafeInt64(reader, 'dim_value');
      } else if (dimField === 2) {
        dim = readStringField(reader, 'TensorShapeProto.Dimension', dimField, valueWireType, valueTagStart);
      } else {
        reader.skipType(valueWireType);
      }
    });
    dims.push(dim);
  });
  return dims;
}

/** Reads `TypeProto.Sequence` or `TypeProto.Optional`, whose only field is elem_type (1). */
function readElementType(
  reader: Reader,
  field: number,
  wireType: number,
  tagStart: number,
  depth: number,
): TypeInfo | null {
  const message = field === 4 ? 'TypeProto.Sequence' : 'TypeProto.Optional';
  expectWireType('TypeProto', field, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  let elem: TypeInfo | null = null;
  forEachField(reader, span.end, message, (innerField, innerWireType, innerTagStart) => {
    if (innerField === 1) elem = readTypeField(reader, message, innerField, innerWireType, innerTagStart, depth + 1);
    else reader.skipType(innerWireType);
  });
  return elem;
}

/** Reads `TypeProto.Map`: key_type (1) and value_type (2). */
function readMapType(reader: Reader, field: number, wireType: number, tagStart: number, depth: number): TypeInfo {
  const message = 'TypeProto.Map';
  expectWireType('TypeProto', field, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  let keyType = 0;
  let value: TypeInfo | null = null;
  forEachField(reader, span.end, message, (innerField, innerWireType, innerTagStart) => {
    if (innerField === 1) keyType = readInt32Field(reader, message, innerField, innerWireType, innerTagStart);
    else if (innerField === 2) value = readTypeField(reader, message, innerField, innerWireType, innerTagStart, depth + 1);
    else reader.skipType(innerWireType);
  });
  return { kind: 'map', keyType, value };
}
