import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadModel } from '../../../src/extension/inspector/loadModel';
import { LocalModelSource } from '../../../src/extension/inspector/modelSource';
import { MemoryModelSource } from './memorySource';

const FIXTURES = 'test/fixtures';
const MERGED = `${FIXTURES}/models/marian-tiny/onnx/decoder_model_merged.onnx`;
const scratch = mkdtempSync(join(tmpdir(), 'lens-inspector-load-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, bytes: Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

/** Deterministic bytes (a linear congruential generator), so a failure replays exactly. */
function pseudoRandomBytes(count: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const merged = readFileSync(MERGED);

/** Files the editor must reject with a message, never a crash: path → pattern of the message. */
const BAD_FILES: readonly (readonly [string, () => string, RegExp])[] = [
  ['empty file', () => scratchFile('empty.onnx', new Uint8Array(0)), /the input is empty \(0 bytes\)/],
  ['truncated file', () => scratchFile('truncated.onnx', merged.subarray(0, 5000)), /Truncated data: a field at byte 11 declares 377522 bytes but only 4985 remain/],
  ['random bytes', () => scratchFile('random.onnx', pseudoRandomBytes(4096, 7)), /Invalid|not an ONNX/],
  ['IR version 99', () => `${FIXTURES}/onnx-cases/bad/ir-version-99.onnx`, /Unsupported ONNX IR version 99/],
  ['no graph', () => `${FIXTURES}/onnx-cases/bad/no-graph.onnx`, /has no graph|ir_version is missing/],
  ['external data in parent folder', () => `${FIXTURES}/onnx-cases/external-bad/parent-dir.onnx`, /points outside/],
  ['external data at absolute path', () => `${FIXTURES}/onnx-cases/external-bad/absolute.onnx`, /absolute path/],
  [
    'directory named like a model',
    () => {
      const path = join(scratch, 'folder.onnx');
      mkdirSync(path, { recursive: true });
      return path;
    },
    /is a directory/,
  ],
];

for (const [name, makePath, pattern] of BAD_FILES) {
  test(`load rejects ${name}`, async () => {
    const result = await loadModel(new LocalModelSource(makePath()));
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.match(result.message, pattern);
  });
}

test('load rejects every truncation of a small model', async () => {
  const bytes = readFileSync(`${FIXTURES}/onnx-cases/plain.onnx`);
  for (let length = 1; length < bytes.byteLength; length++) {
    const result = await loadModel(new MemoryModelSource('plain.onnx', bytes.subarray(0, length)));
    // A cut between top-level fields can still parse; anything else must be a clean rejection.
    if (!result.ok) assert.ok(result.message.length > 0, `length ${length}`);
  }
});

test('load rejects bad bytes without a path', async () => {
  const empty = await loadModel(new MemoryModelSource('empty.onnx', new Uint8Array(0)));
  assert.ok(!empty.ok);
  assert.match(empty.message, /the input is empty/);
  const outside = await loadModel(new MemoryModelSource('parent-dir.onnx', readFileSync(`${FIXTURES}/onnx-cases/external-bad/parent-dir.onnx`)));
  assert.ok(!outside.ok);
  assert.match(outside.message, /points outside the model folder/);
});

test('local and remote loads agree', async () => {
  const local = await loadModel(new LocalModelSource(MERGED));
  const remote = await loadModel(new MemoryModelSource('decoder_model_merged.onnx', merged));
  assert.ok(local.ok);
  assert.ok(remote.ok);
  assert.deepEqual(remote.view, local.view);
  assert.equal(local.stamp.size, 377541);
});

test('load keeps the file stamp', async () => {
  const source = new MemoryModelSource('decoder_model_merged.onnx', merged, {}, 42);
  const result = await loadModel(source);
  assert.ok(result.ok);
  assert.deepEqual(result.stamp, { size: merged.byteLength, mtime: 42 });
});
