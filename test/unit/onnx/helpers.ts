/** Shared helpers of the src/onnx unit tests. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { OnnxFormatError, readModel, type OnnxModel } from '../../../src/onnx';

export const CASES_DIR = 'test/fixtures/onnx-cases';

export function readCase(name: string): Buffer {
  return readFileSync(`${CASES_DIR}/${name}`);
}

/** Parses `bytes`, asserting that it either succeeds or throws OnnxFormatError; returns the model or the error. */
export function readCleanly(bytes: Uint8Array, context: string): OnnxModel | OnnxFormatError {
  try {
    return readModel(bytes);
  } catch (error) {
    assert.ok(error instanceof OnnxFormatError, `${context}: expected OnnxFormatError, got ${(error as Error)?.stack ?? String(error)}`);
    assert.ok(error.message.length > 0, `${context}: empty message`);
    return error;
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so failures replay exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
