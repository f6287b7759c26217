import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ExtensionError } from '../../../src/extension/errors';
import { loadModel, type LoadedModel } from '../../../src/extension/inspector/loadModel';
import { LocalModelSource } from '../../../src/extension/inspector/modelSource';
import { computeTensorStats, rebaseTensor } from '../../../src/extension/inspector/tensorStats';
import { findTensor, OnnxFormatError, readModel, tensorStatistics } from '../../../src/onnx';
import { MemoryModelSource } from './memorySource';

const MERGED = 'test/fixtures/models/marian-tiny/onnx/decoder_model_merged.onnx';
const EXTERNAL = 'test/fixtures/onnx-cases/external';
const scratch = mkdtempSync(join(tmpdir(), 'lens-inspector-stats-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function load(source: LocalModelSource | MemoryModelSource): Promise<LoadedModel> {
  const result = await loadModel(source);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result;
}

test('stats equal full-file stats for every initializer', async () => {
  const bytes = readFileSync(MERGED);
  const full = readModel(bytes);
  const source = new LocalModelSource(MERGED);
  const loaded = await load(source);
  assert.equal(loaded.view.initializers.length, 56);
  for (const row of loaded.view.initializers) {
    const { elapsedMs, ...stats } = await computeTensorStats(loaded, source, row.name);
    assert.deepEqual(stats, tensorStatistics(full, { bytes }, row.name), row.name);
    assert.ok(elapsedMs >= 0);
  }
});

test('stats of a Constant value inside an If branch', async () => {
  const bytes = readFileSync(MERGED);
  const source = new LocalModelSource(MERGED);
  const loaded = await load(source);
  const branch = loaded.view.graphs.find((graph) => graph.id === 'main/0.then_branch');
  const constant = branch?.nodes.find((node) => node.opType === 'Constant' && node.attributes[0].value.startsWith('float32[] ='));
  assert.ok(constant);
  const stats = await computeTensorStats(loaded, source, constant.outputs[0]);
  assert.equal(stats.elementCount, 1);
  assert.equal(stats.min, tensorStatistics(readModel(bytes), { bytes }, constant.outputs[0]).min);
  assert.equal(stats.min, stats.max);
});

test('rebased tensor decodes from its own bytes', () => {
  const bytes = readFileSync(MERGED);
  const tensor = findTensor(readModel(bytes).graph, 'model.shared.weight');
  assert.ok(tensor);
  const rebased = rebaseTensor(tensor, tensor.span.start);
  assert.equal(rebased.span.start, 0);
  assert.equal(rebased.span.end, tensor.span.end - tensor.span.start);
  assert.equal(rebased.payload?.start, (tensor.payload?.start ?? 0) - tensor.span.start);
  assert.equal(rebased.payload?.byteLength, 32896);
});

test('stats of external data, local and remote', async () => {
  const local = new LocalModelSource(join(EXTERNAL, 'model.onnx'));
  const localStats = await computeTensorStats(await load(local), local, 'external_weight');

  const weights = readFileSync(join(EXTERNAL, 'weights.bin'));
  const remote = new MemoryModelSource('model.onnx', readFileSync(join(EXTERNAL, 'model.onnx')), { 'weights.bin': weights });
  const remoteLoaded = await load(remote);
  assert.deepEqual(remoteLoaded.view.externalDataFiles, [{ location: 'weights.bin', tensorCount: 1, byteCount: 24, exists: null }]);
  const remoteStats = await computeTensorStats(remoteLoaded, remote, 'external_weight');
  assert.deepEqual(remote.externalReads, ['weights.bin@16+24']);

  const expected = Array.from(new Float32Array(weights.buffer.slice(weights.byteOffset + 16, weights.byteOffset + 40)));
  const mean = expected.reduce((sum, value) => sum + value, 0) / expected.length;
  for (const stats of [localStats, remoteStats]) {
    assert.equal(stats.elementCount, 6);
    assert.equal(stats.min, Math.min(...expected));
    assert.equal(stats.max, Math.max(...expected));
    assert.ok(Math.abs((stats.mean as number) - mean) < 1e-12);
  }
  assert.deepEqual({ ...localStats, elapsedMs: 0 }, { ...remoteStats, elapsedMs: 0 });
});

test('stats reject a file changed on disk', async () => {
  const path = join(scratch, 'merged.onnx');
  copyFileSync(MERGED, path);
  const source = new LocalModelSource(path);
  const loaded = await load(source);
  utimesSync(path, new Date(), new Date(Date.now() + 60_000));
  await assert.rejects(computeTensorStats(loaded, source, 'final_logits_bias'), (error: unknown) => {
    assert.ok(error instanceof ExtensionError);
    assert.equal(error.message, '"merged.onnx" changed on disk since it was opened. Reopen it to compute statistics.');
    return true;
  });
});

test('stats reject an unknown tensor', async () => {
  const source = new LocalModelSource(MERGED);
  const loaded = await load(source);
  await assert.rejects(computeTensorStats(loaded, source, 'no.such.tensor'), (error: unknown) => {
    assert.ok(error instanceof OnnxFormatError);
    assert.equal(error.message, 'Tensor "no.such.tensor" not found: no initializer or Constant value has that name.');
    return true;
  });
});
