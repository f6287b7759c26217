/**
 * Lazy `TensorProto` reader: keeps name, dims, data type and where the values are (inline payload
 * span or external file), and skips the values themselves.
 */
import { dataTypeByteSize, dataTypeName } from './data-types';
import { OnnxFormatError } from './errors';
import type { ExternalDataRef, KeyValue, PayloadField, TensorInfo } from './model-types';
import { parseNonNegativeInteger, readKeyValue } from './read-key-value';
import {
  FieldCursor,
  nextField,
  readInt32Field,
  readRepeatedInt64,
  readSpan,
  readStringField,
  WireType,
  type FieldSpan,
  type Reader,
} from './wire';

const MESSAGE = 'TensorProto';

/** TensorProto field numbers that carry values. */
const PAYLOAD_FIELDS: Readonly<Record<number, PayloadField>> = {
  4: 'float_data',
  5: 'int32_data',
  6: 'string_data',
  7: 'int64_data',
  9: 'raw_data',
  10: 'double_data',
  11: 'uint64_data',
};

const DATA_LOCATION_EXTERNAL = 1;

/** Reads a TensorProto field whose tag was just read, skipping its values. */
export function readTensorField(reader: Reader, tagStart: number): TensorInfo {
  const span = readSpan(reader, tagStart);
  return readTensor(reader, span);
}

/** Reads the TensorProto whose content is `span`; the reader must stand at `span.start`. */
export function readTensor(reader: Reader, span: FieldSpan): TensorInfo {
  let name = '';
  let dataType = 0;
  let docString = '';
  let dataLocation = 0;
  const dims: number[] = [];
  const externalEntries: KeyValue[] = [];
  let payloadField: PayloadField | null = null;
  let payloadStart = -1;
  let payloadBytes = 0;

  const cursor = new FieldCursor();
  while (nextField(reader, span.end, MESSAGE, cursor)) {
    const { field, wireType, tagStart } = cursor;
    switch (field) {
      case 1:
        readRepeatedInt64(reader, wireType, tagStart, 'tensor dimension', dims);
        break;
      case 2:
        dataType = readInt32Field(reader, MESSAGE, field, wireType, tagStart);
        break;
      case 8:
        name = readStringField(reader, MESSAGE, field, wireType, tagStart);
        break;
      case 12:
        docString = readStringField(reader, MESSAGE, field, wireType, tagStart);
        break;
      case 13:
        externalEntries.push(readKeyValue(reader, MESSAGE, field, wireType, tagStart));
        break;
      case 14:
        dataLocation = readInt32Field(reader, MESSAGE, field, wireType, tagStart);
        break;
      default: {
        const payload = PAYLOAD_FIELDS[field];
        if (payload === undefined) {
          reader.skipType(wireType);
          break;
        }
        if (payloadField !== null && payloadField !== payload) {
          throw new OnnxFormatError(
            `Invalid tensor "${name}": it has both ${payloadField} and ${payload}; a tensor stores its values in one field.`,
          );
        }
        payloadField = payload;
        if (wireType === WireType.lengthDelimited) {
          // Packed values, raw_data or one string_data entry: step over the bytes without reading them.
          const payloadSpan = readSpan(reader, tagStart);
          reader.pos = payloadSpan.end;
          if (payloadStart < 0) payloadStart = payloadSpan.start;
          payloadBytes += payloadSpan.end - payloadSpan.start;
        } else {
          // One unpacked element (proto2 encoding of a repeated scalar).
          const valueStart = reader.pos;
          reader.skipType(wireType);
          if (payloadStart < 0) payloadStart = valueStart;
          payloadBytes += reader.pos - valueStart;
        }
      }
    }
  }

  const elementCount = countElements(name, dims);
  const externalData = dataLocation === DATA_LOCATION_EXTERNAL ? parseExternalData(name, externalEntries) : null;
  const payload = payloadField === null ? null : { field: payloadField, byteLength: payloadBytes, start: payloadStart };
  if (payload?.field === 'raw_data') checkRawDataLength(name, dataType, dims, elementCount, payload.byteLength);

  return {
    name,
    dataType,
    dims,
    elementCount,
    byteSize: tensorByteSize(dataType, elementCount, payload?.field ?? null, payloadBytes, externalData),
    storage: externalData === null ? 'inline' : 'external',
    payload: externalData === null ? payload : null,
    externalData,
    docString,
    span,
  };
}

/** Multiplies the dims, rejecting negative dims and products beyond 2^53. */
function countElements(name: string, dims: readonly number[]): number {
  for (const dim of dims) {
    if (dim < 0) {
      throw new OnnxFormatError(`Invalid tensor "${name}": dimension ${dim} in dims [${dims.join(', ')}] is negative.`);
    }
  }
  if (dims.includes(0)) return 0;

  let count = 1;
  for (const dim of dims) {
    count *= dim;
    if (!Number.isSafeInteger(count)) {
      throw new OnnxFormatError(
        `Invalid tensor "${name}": dims [${dims.join(', ')}] give more than 2^53 elements.`,
      );
    }
  }
  return count;
}

/** Bytes that `elementCount` elements take in `raw_data`, or undefined for strings and unknown types. */
export function rawByteLength(dataType: number, elementCount: number): number | undefined {
  const size = dataTypeByteSize(dataType);
  return size === undefined ? undefined : Math.ceil(elementCount * size);
}

function checkRawDataLength(
  name: string,
  dataType: number,
  dims: readonly number[],
  elementCount: number,
  byteLength: number,
): void {
  const expected = rawByteLength(dataType, elementCount);
  if (expected !== undefined && expected !== byteLength) {
    throw new OnnxFormatError(
      `Invalid tensor "${name}": raw_data has ${byteLength} bytes but dims [${dims.join(', ')}] of ` +
        `${dataTypeName(dataType)} need ${expected}.`,
    );
  }
}

function tensorByteSize(
  dataType: number,
  elementCount: number,
  payloadField: PayloadField | null,
  payloadBytes: number,
  externalData: ExternalDataRef | null,
): number {
  if (externalData?.length != null) return externalData.length;
  if (payloadField === 'raw_data' || payloadField === 'string_data') return payloadBytes;
  return rawByteLength(dataType, elementCount) ?? payloadBytes;
}

function parseExternalData(name: string, entries: readonly KeyValue[]): ExternalDataRef {
  let location: string | null = null;
  let offset = 0;
  let length: number | null = null;
  let checksum: string | null = null;
  for (const { key, value } of entries) {
    if (key === 'location') location = value;
    else if (key === 'offset') offset = parseNonNegativeInteger(value, `external_data offset of tensor "${name}"`);
    else if (key === 'length') length = parseNonNegativeInteger(value, `external_data length of tensor "${name}"`);
    else if (key === 'checksum') checksum = value;
  }
  if (location === null || location === '') {
    throw new OnnxFormatError(
      `Invalid tensor "${name}": data_location is EXTERNAL but external_data has no "location" entry.`,
    );
  }
  return { location, offset, length, checksum };
}
