import assert from 'node:assert/strict';
import { test } from 'node:test';

import { addGraphOutputs, locateTensors, OnnxFormatError, summarizeModel } from '../../../src/onnx';
import { readCase, readCleanly, seededRandom } from './helpers';

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;

const randomIndex = (length: number, random: () => number): number => Math.floor(random() * length);

const MUTATIONS: readonly Mutation[] = [
  // Overwrite one byte.
  (bytes, random) => {
    const copy = Uint8Array.from(bytes);
    copy[randomIndex(copy.length, random)] = Math.floor(random() * 256);
    return copy;
  },
  // Flip one bit.
  (bytes, random) => {
    const copy = Uint8Array.from(bytes);
    copy[randomIndex(copy.length, random)] ^= 1 << Math.floor(random() * 8);
    return copy;
  },
  // Set a byte to a varint-heavy value (continuation bit or 0x7f).
  (bytes, random) => {
    const copy = Uint8Array.from(bytes);
    copy[randomIndex(copy.length, random)] = random() < 0.5 ? 0xff : 0x7f;
    return copy;
  },
  // Delete a short range.
  (bytes, random) => {
    const start = randomIndex(bytes.length, random);
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 16));
    return Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
  },
  // Insert random bytes.
  (bytes, random) => {
    const at = randomIndex(bytes.length, random);
    const inserted = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256));
    return Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
  },
  // Duplicate a range in place, which repeats fields and breaks length prefixes.
  (bytes, random) => {
    const start = randomIndex(bytes.length, random);
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 64));
    return Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)]);
  },
  // Truncate.
  (bytes, random) => bytes.subarray(0, randomIndex(bytes.length, random)),
];

/** Mutates `source` `count` times and checks that every reader entry point ends cleanly. */
function fuzz(source: Uint8Array, seed: number, count: number): { parsed: number; rejected: number } {
  const random = seededRandom(seed);
  let parsed = 0;
  let rejected = 0;
  for (let trial = 0; trial < count; trial++) {
    let bytes = source;
    const steps = 1 + Math.floor(random() * 3);
    for (let step = 0; step < steps; step++) bytes = MUTATIONS[randomIndex(MUTATIONS.length, random)](bytes, random);

    const context = `seed ${seed} trial ${trial}`;
    const model = readCleanly(bytes, context);
    if (model instanceof OnnxFormatError) {
      rejected += 1;
      continue;
    }
    parsed += 1;
    try {
      summarizeModel(model, { bytes });
      addGraphOutputs(bytes, locateTensors(model).tensors, model);
    } catch (error) {
      assert.ok(error instanceof OnnxFormatError, `${context}: ${(error as Error)?.stack ?? String(error)}`);
    }
  }
  return { parsed, rejected };
}

test('fuzzed encoder ends cleanly', () => {
  const result = fuzz(readCase('encoder.onnx'), 20261204, 2000);
  // Both outcomes must occur, or the mutations are not exercising the reader.
  assert.ok(result.parsed > 100, `only ${result.parsed} mutants parsed`);
  assert.ok(result.rejected > 100, `only ${result.rejected} mutants rejected`);
});

test('fuzzed merged decoder ends cleanly', () => {
  const result = fuzz(readCase('decoder-merged.onnx'), 42, 500);
  assert.ok(result.parsed > 20, `only ${result.parsed} mutants parsed`);
  assert.ok(result.rejected > 20, `only ${result.rejected} mutants rejected`);
});
