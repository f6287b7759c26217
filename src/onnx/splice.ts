/**
 * Inserts bytes inside nested length-delimited protobuf fields without decoding the rest of the
 * message: everything outside the insertions, unknown fields and weight payloads included, is copied
 * unchanged, and the length prefix of every enclosing field is rewritten. Varints are encoded with
 * protobufjs's `Writer`.
 */
import protobuf from 'protobufjs/minimal';

import { OnnxFormatError } from './errors';
import type { FieldSpan } from './wire';

/** Bytes to append at the end of one field's content. */
export interface Insertion {
  /** The field that receives the bytes; they go right before `field.end`. */
  readonly field: FieldSpan;
  readonly bytes: Uint8Array;
}

interface Frame {
  readonly span: FieldSpan;
  /** Content bytes added inside this field, insertions and grown length prefixes of inner fields. */
  added: number;
  newLength: Uint8Array;
}

/**
 * Returns a copy of `bytes` with every insertion applied and `suffix` appended. `enclosing` lists the
 * fields around the insertions whose lengths change, and the insertion targets are added to it. All
 * of them must nest properly, as the fields of one parsed message do.
 */
export function spliceFields(
  bytes: Uint8Array,
  insertions: readonly Insertion[],
  enclosing: readonly FieldSpan[],
  suffix: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const frames = collectFrames(insertions, enclosing);
  // Inner fields first, so each frame adds the final size of the fields it contains.
  frames.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
  for (const frame of frames) {
    for (const insertion of insertions) {
      if (insertion.field === frame.span || contains(frame.span, insertion.field)) frame.added += insertion.bytes.length;
    }
    for (const inner of frames) {
      if (inner !== frame && contains(frame.span, inner.span)) {
        frame.added += inner.newLength.length - (inner.span.start - inner.span.lengthStart);
      }
    }
    frame.newLength = encodeVarint(frame.span.end - frame.span.start + frame.added);
  }

  // Patches in file order: new length prefixes replace the old ones; insertions go at their field's end.
  // At one position the insertion into the innermost field comes first.
  const patches = [
    ...frames.map((frame) => ({ at: frame.span.lengthStart, skip: frame.span.start - frame.span.lengthStart, bytes: frame.newLength, depth: 0 })),
    ...insertions.map((insertion) => ({ at: insertion.field.end, skip: 0, bytes: insertion.bytes, depth: depthOf(insertion.field, frames) })),
  ].sort((a, b) => a.at - b.at || b.depth - a.depth);

  const growth = patches.reduce((sum, patch) => sum + patch.bytes.length - patch.skip, 0);
  const out = Buffer.allocUnsafe(bytes.length + growth + suffix.length);
  let read = 0;
  let write = 0;
  for (const patch of patches) {
    if (patch.at < read) throw new OnnxFormatError('Cannot splice the model: two edits overlap.');
    out.set(bytes.subarray(read, patch.at), write);
    write += patch.at - read;
    out.set(patch.bytes, write);
    write += patch.bytes.length;
    read = patch.at + patch.skip;
  }
  out.set(bytes.subarray(read), write);
  write += bytes.length - read;
  out.set(suffix, write);
  return out;
}

function collectFrames(insertions: readonly Insertion[], enclosing: readonly FieldSpan[]): Frame[] {
  const spans = new Set<FieldSpan>([...enclosing, ...insertions.map((insertion) => insertion.field)]);
  const frames = [...spans].map((span) => ({ span, added: 0, newLength: new Uint8Array(0) }));
  for (const a of frames) {
    for (const b of frames) {
      const disjoint = a.span.end <= b.span.tagStart || b.span.end <= a.span.tagStart;
      if (a !== b && !disjoint && !contains(a.span, b.span) && !contains(b.span, a.span)) {
        throw new OnnxFormatError('Cannot splice the model: two fields to edit overlap without nesting.');
      }
    }
  }
  return frames;
}

/** Returns whether `inner`, tag included, lies within the content of `outer`. */
function contains(outer: FieldSpan, inner: FieldSpan): boolean {
  return outer !== inner && outer.start <= inner.tagStart && inner.end <= outer.end;
}

function depthOf(span: FieldSpan, frames: readonly Frame[]): number {
  return frames.filter((frame) => contains(frame.span, span)).length;
}

function encodeVarint(value: number): Uint8Array {
  return protobuf.Writer.create().uint32(value).finish();
}
