import assert from 'node:assert/strict';

/** Asserts that two scores agree to within 1e-9, which absorbs rounding in the last bits. */
export function assertClose(actual: number, expected: number, tolerance = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
}
