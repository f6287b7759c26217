import { test } from 'node:test';
import assert from 'node:assert/strict';

test('test runner loads TypeScript', () => {
  assert.equal(typeof 1, 'number');
});
