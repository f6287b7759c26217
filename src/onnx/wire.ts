/**
 * Helpers that drive protobufjs's `Reader` over ONNX messages.
 *
 * The lazy reader walks a message field by field: it reads the tag, dispatches on the field number and
 * skips what it does not need with `Reader.skipType`, so weight payloads are never copied or decoded.
 * Every check here throws `OnnxFormatError` with the byte offset of the problem.
 */
import protobuf from 'protobufjs/minimal';

import { OnnxFormatError } from './errors';

export type Reader = protobuf.Reader;

/** Protobuf wire types used by onnx.proto. */
export const WireType = {
  varint: 0,
  fixed64: 1,
  lengthDelimited: 2,
  fixed32: 5,
} as const;

/** Byte range of one length-delimited field occurrence inside the model bytes. */
export interface FieldSpan {
  /** Offset of the field's tag. */
  readonly tagStart: number;
  /** Offset of the length varint that follows the tag. */
  readonly lengthStart: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset just past the last content byte. */
  readonly end: number;
}

/** Creates a reader over `bytes` without copying them. */
export function createReader(bytes: Uint8Array): Reader {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return protobuf.Reader.create(buffer);
}

/**
 * Calls `onField` for every field of the message that ends at `end`. The callback must consume the
 * field's value (or call `reader.skipType(wireType)`); the loop checks that no field overruns `end`.
 */
export function forEachField(
  reader: Reader,
  end: number,
  messageName: string,
  onField: (field: number, wireType: number, tagStart: number) => void,
): void {
  while (reader.pos < end) {
    const tagStart = reader.pos;
    const tag = reader.tag();
    const field = tag >>> 3;
    if (field === 0) {
      throw new OnnxFormatError(`Invalid ${messageName}: field number 0 at byte ${tagStart}.`);
    }
    onField(field, tag & 7, tagStart);
    if (reader.pos > end) {
      throw new OnnxFormatError(
        `Invalid ${messageName}: field ${field} at byte ${tagStart} runs past the message end at byte ${end}.`,
      );
    }
  }
}

/** Position of the loop in `nextField`: the last field's number, wire type and tag offset. */
export class FieldCursor {
  field = 0;
  wireType = 0;
  tagStart = 0;
}

/**
 * Reads the next tag of the message that ends at `end` into `cursor` and returns true, or returns
 * false at the end of the message. The loop form of `forEachField`, for the readers that run once per
 * node, attribute and tensor, where a callback per message costs measurable time on large graphs.
 */
export function nextField(reader: Reader, end: number, messageName: string, cursor: FieldCursor): boolean {
  if (reader.pos >= end) {
    if (reader.pos > end) {
      throw new OnnxFormatError(
        `Invalid ${messageName}: field ${cursor.field} at byte ${cursor.tagStart} runs past the message end at byte ${end}.`,
      );
    }
    return false;
  }
  cursor.tagStart = reader.pos;
  const tag = reader.tag();
  cursor.field = tag >>> 3;
  cursor.wireType = tag & 7;
  if (cursor.field === 0) {
    throw new OnnxFormatError(`Invalid ${messageName}: field number 0 at byte ${cursor.tagStart}.`);
  }
  return true;
}

/** Throws unless a known field arrived with the wire type that onnx.proto gives it. */
export function expectWireType(
  messageName: string,
  field: number,
  wireType: number,
  expected: number,
  tagStart: number,
): void {
  if (wireType !== expected) {
    throw new OnnxFormatError(
      `Invalid ${messageName}: field ${field} at byte ${tagStart} has wire type ${wireType}, expected ${expected}.`,
    );
  }
}

/** Reads the length prefix of a length-delimited field and returns the span of its content. */
export function readSpan(reader: Reader, tagStart: number): FieldSpan {
  const lengthStart = reader.pos;
  const length = reader.size();
  const start = reader.pos;
  const end = start + length;
  if (end > reader.len) {
    throw new OnnxFormatError(
      `Truncated data: a field at byte ${tagStart} declares ${length} bytes but only ${reader.len - start} remain.`,
    );
  }
  return { tagStart, lengthStart, start, end };
}

/** A 64-bit value as protobufjs returns it: a `Long` when long.js is installed, else a number. */
type Int64 = number | { toNumber(): number; toString(): string };

/** Converts a protobufjs 64-bit value to the nearest double. */
export function int64ToNumber(value: unknown): number {
  const int64 = value as Int64;
  return typeof int64 === 'number' ? int64 : int64.toNumber();
}

/** Reads an int64 varint and returns it as a number, or throws when it is not a safe integer. */
export function readSafeInt64(reader: Reader, what: string): number {
  const value = reader.int64() as unknown as Int64;
  const number = int64ToNumber(value);
  if (!Number.isSafeInteger(number)) {
    throw new OnnxFormatError(`Unsupported ${what} ${value.toString()}: it is outside the safe integer range ±2^53.`);
  }
  return number;
}

/**
 * Reads a repeated int64 field that may be packed (one length-delimited run) or not (one varint per
 * occurrence), appending to `values`.
 */
export function readRepeatedInt64(
  reader: Reader,
  wireType: number,
  tagStart: number,
  what: string,
  values: number[],
): void {
  if (wireType === WireType.varint) {
    values.push(readSafeInt64(reader, what));
    return;
  }
  if (wireType !== WireType.lengthDelimited) {
    throw new OnnxFormatError(`Invalid ${what} at byte ${tagStart}: wire type ${wireType}, expected 0 or 2.`);
  }
  const span = readSpan(reader, tagStart);
  while (reader.pos < span.end) values.push(readSafeInt64(reader, what));
  if (reader.pos !== span.end) {
    throw new OnnxFormatError(`Invalid ${what} at byte ${tagStart}: the packed values overrun their length.`);
  }
}

/** Reads a length-delimited string field after checking its wire type. */
export function readStringField(
  reader: Reader,
  messageName: string,
  field: number,
  wireType: number,
  tagStart: number,
): string {
  expectWireType(messageName, field, wireType, WireType.lengthDelimited, tagStart);
  return reader.string();
}

/** Reads a varint field as a 32-bit signed integer (enums and int32 fields) after checking its wire type. */
export function readInt32Field(
  reader: Reader,
  messageName: string,
  field: number,
  wireType: number,
  tagStart: number,
): number {
  expectWireType(messageName, field, wireType, WireType.varint, tagStart);
  return reader.int32();
}
