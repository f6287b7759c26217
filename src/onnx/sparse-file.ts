/**
 * Opens an .onnx file without reading its weights. The file is mirrored into a zero-filled buffer of
 * the file's size. Only the bytes the lazy reader needs (message headers, nodes, names, shapes) are
 * read into it, and weight payloads stay unread until a tensor's values are requested.
 *
 * NOTE: Node allocates large zero-filled buffers with calloc, so untouched pages of the mirror take
 * no resident memory on Linux; peak memory follows the bytes actually read (see bench/onnx-summary).
 */
import { closeSync, openSync, readSync } from 'node:fs';

import protobuf from 'protobufjs/minimal';

import { OnnxFormatError } from './errors';
import { WireType } from './wire';

/** Read granularity: every read loads whole blocks, so neighbouring small fields share one read. */
const BLOCK_SIZE = 16 * 1024;
/** Maximum bytes of a field header read at once: a tag (up to 5 bytes) and a varint or length. */
const HEADER_WINDOW = 16;
/** Nodes larger than this are walked field by field, in case their attributes hold large tensors. */
const LARGE_NODE_BYTES = 4096;
const MAX_DEPTH = 64;

type MessageKind = 'model' | 'graph' | 'node' | 'attribute' | 'tensor';
type FieldAction = MessageKind | 'read' | 'skip';

/**
 * Returns the walker's action for a length-delimited field: descend into it, read it, or skip it.
 * The `skip` fields are the ones the lazy reader skips too, so it never reads an unloaded byte.
 */
function actionFor(kind: MessageKind, field: number, length: number): FieldAction {
  switch (kind) {
    case 'model':
      if (field === 7) return 'graph';
      return field === 20 ? 'skip' : 'read';
    case 'graph':
      if (field === 1) return length > LARGE_NODE_BYTES ? 'node' : 'read';
      if (field === 5) return 'tensor';
      return field === 15 ? 'skip' : 'read';
    case 'node':
      return field === 5 ? 'attribute' : 'read';
    case 'attribute':
      if (field === 5 || field === 10) return 'tensor';
      if (field === 6 || field === 11) return 'graph';
      return field === 22 || field === 23 ? 'skip' : 'read';
    case 'tensor':
      return [4, 5, 6, 7, 9, 10, 11].includes(field) ? 'skip' : 'read';
  }
}

/** A zero-filled mirror of a file whose blocks are read on demand. */
export class SparseFile {
  readonly bytes: Buffer;
  private readonly loaded: Uint8Array;
  /** Bytes read from disk so far. */
  bytesRead = 0;

  constructor(
    readonly path: string,
    size: number,
  ) {
    this.bytes = Buffer.alloc(size);
    this.loaded = new Uint8Array(Math.ceil(size / BLOCK_SIZE));
  }

  /** Makes bytes [start, end) valid, reading the missing blocks. Opens the file when `fd` is not given. */
  load(start: number, end: number, fd?: number): void {
    const first = Math.floor(Math.max(0, start) / BLOCK_SIZE);
    const last = Math.ceil(Math.min(end, this.bytes.length) / BLOCK_SIZE);
    let block = first;
    while (block < last) {
      if (this.loaded[block] === 1) {
        block += 1;
        continue;
      }
      let runEnd = block;
      while (runEnd < last && this.loaded[runEnd] === 0) runEnd += 1;
      this.readBlocks(block, runEnd, fd);
      block = runEnd;
    }
  }

  private readBlocks(first: number, end: number, fd: number | undefined): void {
    const own = fd === undefined ? openSync(this.path, 'r') : fd;
    try {
      const offset = first * BLOCK_SIZE;
      const length = Math.min(end * BLOCK_SIZE, this.bytes.length) - offset;
      let done = 0;
      while (done < length) {
        const read = readSync(own, this.bytes, offset + done, length - done, offset + done);
        if (read === 0) throw new OnnxFormatError(`"${this.path}" shrank while it was being read.`, this.path);
        done += read;
      }
      this.loaded.fill(1, first, end);
      this.bytesRead += length;
    } finally {
      if (fd === undefined) closeSync(own);
    }
  }
}

/**
 * Mirrors `path` into a `SparseFile` holding every byte the lazy reader reads, and none of the weight
 * payloads. Throws `OnnxFormatError` for truncated or malformed framing.
 */
export function loadModelSkeleton(path: string, size: number): SparseFile {
  const file = new SparseFile(path, size);
  const fd = openSync(path, 'r');
  try {
    const reader = protobuf.Reader.create(file.bytes);
    walk(file, fd, reader, 0, size, 'model', 0);
  } catch (error) {
    if (error instanceof OnnxFormatError) throw error;
    if (error instanceof RangeError || (error instanceof Error && error.constructor === Error)) {
      throw new OnnxFormatError(`Invalid ONNX model: ${error.message}. The file is truncated or is not an ONNX model.`);
    }
    throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

function walk(file: SparseFile, fd: number, reader: protobuf.Reader, start: number, end: number, kind: MessageKind, depth: number): void {
  if (depth > MAX_DEPTH) {
    throw new OnnxFormatError(`Unsupported model: messages nested deeper than ${MAX_DEPTH} levels.`);
  }
  let position = start;
  while (position < end) {
    file.load(position, position + HEADER_WINDOW, fd);
    reader.pos = position;
    const tag = reader.tag();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 0) throw new OnnxFormatError(`Invalid ONNX model: field number 0 at byte ${position}.`);

    if (wireType === WireType.lengthDelimited) {
      const length = reader.size();
      const contentStart = reader.pos;
      const contentEnd = contentStart + length;
      if (contentEnd > end) {
        throw new OnnxFormatError(
          `Truncated data: a field at byte ${position} declares ${length} bytes but only ${end - contentStart} remain.`,
        );
      }
      const action = actionFor(kind, field, length);
      if (action === 'read') file.load(contentStart, contentEnd, fd);
      else if (action !== 'skip') walk(file, fd, reader, contentStart, contentEnd, action, depth + 1);
      position = contentEnd;
    } else {
      if (wireType !== WireType.varint && wireType !== WireType.fixed64 && wireType !== WireType.fixed32) {
        throw new OnnxFormatError(`Invalid ONNX model: wire type ${wireType} at byte ${position} is not used by onnx.proto.`);
      }
      reader.skipType(wireType);
      file.load(position, reader.pos, fd);
      position = reader.pos;
    }
    if (position > end) {
      throw new OnnxFormatError(`Truncated data: the field at byte ${position} runs past its message.`);
    }
  }
}
