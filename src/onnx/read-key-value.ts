import { OnnxFormatError } from './errors';
import type { KeyValue } from './model-types';
import { expectWireType, forEachField, readSpan, readStringField, WireType, type Reader } from './wire';

const MESSAGE = 'StringStringEntryProto';

/** Reads one `StringStringEntryProto` field (metadata_props, external_data) whose tag was just read. */
export function readKeyValue(
  reader: Reader,
  parentMessage: string,
  field: number,
  wireType: number,
  tagStart: number,
): KeyValue {
  expectWireType(parentMessage, field, wireType, WireType.lengthDelimited, tagStart);
  const span = readSpan(reader, tagStart);
  let key = '';
  let value = '';
  forEachField(reader, span.end, MESSAGE, (field, fieldWireType, fieldTagStart) => {
    if (field === 1) key = readStringField(reader, MESSAGE, field, fieldWireType, fieldTagStart);
    else if (field === 2) value = readStringField(reader, MESSAGE, field, fieldWireType, fieldTagStart);
    else reader.skipType(fieldWireType);
  });
  return { key, value };
}

/** Parses a non-negative decimal integer stored as a string (external_data offset and length). */
export function parseNonNegativeInteger(text: string, what: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new OnnxFormatError(`Invalid ${what} "${text}": expected a non-negative integer below 2^53.`);
  }
  return value;
}
