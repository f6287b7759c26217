import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { onnx } from 'onnx-proto';

import { findTensor, OnnxFormatError, openModelFile, readModelFile, readTensorNumbers, summarizeModel, tensorStatistics } from '../../../src/onnx';
import { CASES_DIR, readCase } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'lens-open-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const FIXTURES = [
  ...readdirSync(CASES_DIR).filter((name) => name.endsWith('.onnx')).map((name) => join(CASES_DIR, name)),
  `${CASES_DIR}/external/model.onnx`,
  'test/fixtures/models/marian-tiny/onnx/encoder_model.onnx',
  'test/fixtures/models/marian-tiny/onnx/decoder_model_merged.onnx',
];

test('lazy open equals full read', async () => {
  for (const path of FIXTURES) {
    const full = await readModelFile(path);
    const lazy = await openModelFile(path);
    assert.deepEqual(lazy.model, full.model, path);
    assert.deepEqual(
      summarizeModel(lazy.model, { bytes: lazy.source.bytes, path, load: lazy.source.load }),
      summarizeModel(full.model, { bytes: full.bytes, path }),
      path,
    );
  }
});

test('lazy open skips weight payloads', async () => {
  // 4 MiB of float32 weights behind a small graph: the lazy reader must read far less than the file.
  const weights = Float32Array.from({ length: 1 << 20 }, (_, i) => (i % 7) - 3);
  const bytes = onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'big',
      initializer: [{ name: 'w', dataType: 1, dims: [1024, 1024], rawData: new Uint8Array(weights.buffer) }],
      node: [{ opType: 'Identity', input: ['w'], output: ['y'] }],
      output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
    },
  }).finish();
  const path = join(scratch, 'big.onnx');
  writeFileSync(path, bytes);

  const opened = await openModelFile(path);
  assert.equal(opened.fileSize, bytes.length);
  assert.ok(opened.bytesRead <= 64 * 1024, `read ${opened.bytesRead} bytes`);
  const stats = tensorStatistics(opened.model, opened.source, 'w');
  assert.equal(stats.min, -3);
  assert.equal(stats.max, 3);
  assert.equal(stats.elementCount, 1 << 20);
  const tensor = findTensor(opened.model.graph, 'w');
  assert.ok(tensor);
  assert.deepEqual(Array.from(readTensorNumbers(tensor, opened.source).subarray(0, 8)), [-3, -2, -1, 0, 1, 2, 3, -3]);
});

test('lazy open matches full read on truncation', async () => {
  for (const name of ['plain.onnx', 'dtypes.onnx']) {
    const bytes = readCase(name);
    for (let length = 1; length < bytes.length; length++) {
      const path = join(scratch, `cut-${name}`);
      writeFileSync(path, bytes.subarray(0, length));
      const full = await readModelFile(path).then((file) => file.model, (error: unknown) => error);
      const lazy = await openModelFile(path).then((file) => file.model, (error: unknown) => error);
      if (full instanceof Error) {
        assert.ok(full instanceof OnnxFormatError, `${name} cut at ${length}: ${String(full)}`);
        assert.ok(lazy instanceof OnnxFormatError, `${name} cut at ${length}: lazy open gave ${String(lazy)}`);
      } else {
        assert.deepEqual(lazy, full, `${name} cut at ${length}`);
      }
    }
  }
});
