import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { onnx } from 'onnx-proto';

import {
  OnnxFormatError,
  readModel,
  readModelFile,
  readTensorNumbers,
  resolveExternalDataPath,
  tensorStatistics,
  findTensor,
} from '../../../src/onnx';
import { CASES_DIR, readCase, readCleanly, seededRandom } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'lens-onnx-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('reader keeps model fields', () => {
  const model = readModel(readCase('encoder.onnx'));
  assert.equal(model.irVersion, 8);
  assert.equal(model.producerName, 'seq2seq-lens-tests');
  assert.equal(model.producerVersion, '1');
  assert.equal(model.docString, 'Test model written by make_cases.py');
  assert.deepEqual(model.opsetImports, [{ domain: '', version: 17 }]);
  assert.deepEqual(model.metadataProps, [{ key: 'case', value: 'tiny_encoder' }]);
  assert.equal(model.graph.name, 'tiny_encoder');
  assert.deepEqual(
    model.graph.inputs.map((value) => [value.name, value.type]),
    [
      ['input_ids', { kind: 'tensor', elemType: 7, shape: ['batch_size', 'encoder_sequence_length'] }],
      ['attention_mask', { kind: 'tensor', elemType: 7, shape: ['batch_size', 'encoder_sequence_length'] }],
    ],
  );
  const softmax = model.graph.nodes.find((node) => node.name === '/layers.0/self_attn/Softmax');
  assert.ok(softmax);
  assert.equal(softmax.opType, 'Softmax');
  assert.deepEqual(softmax.outputs, ['/layers.0/self_attn/Softmax_output_0']);
  assert.deepEqual(softmax.attributes.map((attribute) => [attribute.name, attribute.int]), [['axis', -1]]);
});

test('reader skips payloads but records them', () => {
  const bytes = readCase('dtypes.onnx');
  const model = readModel(bytes);
  const raw = findTensor(model.graph, 'raw_float32');
  assert.ok(raw);
  assert.deepEqual(raw.dims, [2, 3]);
  assert.equal(raw.elementCount, 6);
  assert.equal(raw.byteSize, 24);
  assert.equal(raw.payload?.field, 'raw_data');
  assert.equal(raw.payload?.byteLength, 24);
  const payload = bytes.subarray(raw.payload.start, raw.payload.start + 24);
  assert.deepEqual(Array.from(new Float32Array(payload.buffer.slice(payload.byteOffset, payload.byteOffset + 24))), [1, 0, -2, 3, 0, 4]);
});

test('tensor values in every payload field', () => {
  const bytes = readCase('dtypes.onnx');
  const model = readModel(bytes);
  const values = (name: string): number[] => {
    const tensor = findTensor(model.graph, name);
    assert.ok(tensor, name);
    return Array.from(readTensorNumbers(tensor, { bytes }));
  };
  assert.deepEqual(values('raw_float32'), [1, 0, -2, 3, 0, 4]);
  assert.deepEqual(values('float_data_f32'), [0.5, -1.5, 0, 3]);
  assert.deepEqual(values('int64_data'), [-5, 0, 7]);
  assert.deepEqual(values('int32_data_i8'), [-128, 0, 5, 127]);
  assert.deepEqual(values('double_data'), [1e-3, -2.5]);
  assert.deepEqual(values('raw_float16'), [0.5, -2, 0, 65504]);
  assert.deepEqual(values('float16_int32_data'), [1.5, -0.25]);
  assert.deepEqual(values('raw_bool'), [1, 0, 1]);
  assert.deepEqual(values('empty'), []);
  assert.deepEqual(values('scalar'), [2]);
  assert.throws(() => values('strings'), /data type string, which has no numeric values/);
});

test('tensor statistics of one tensor', () => {
  const bytes = readCase('dtypes.onnx');
  const stats = tensorStatistics(readModel(bytes), { bytes }, 'raw_float32');
  assert.equal(stats.elementCount, 6);
  assert.equal(stats.min, -2);
  assert.equal(stats.max, 4);
  assert.equal(stats.mean, 1);
  // Population variance of [1, 0, -2, 3, 0, 4] around mean 1: (0 + 1 + 9 + 4 + 1 + 9) / 6 = 4.
  assert.equal(stats.std, 2);
  assert.equal(stats.zeroPercent, (2 / 6) * 100);
  assert.equal(stats.nanCount, 0);
  assert.throws(() => tensorStatistics(readModel(bytes), { bytes }, 'missing'), /Tensor "missing" not found/);
});

test('external tensor read from its file', async () => {
  const path = `${CASES_DIR}/external/model.onnx`;
  const { bytes, model } = await readModelFile(path);
  const tensor = findTensor(model.graph, 'external_weight');
  assert.ok(tensor);
  assert.equal(tensor.storage, 'external');
  assert.deepEqual(tensor.externalData, { location: 'weights.bin', offset: 16, length: 24, checksum: null });
  assert.deepEqual(Array.from(readTensorNumbers(tensor, { bytes, modelPath: path })), [0, 1, 2, 3, 4, 5]);
  assert.throws(() => readTensorNumbers(tensor, { bytes }), /pass the model path/);
});

test('external data guard rejects escapes', () => {
  const folder = join(scratch, 'guard');
  mkdirSync(join(folder, 'inside'), { recursive: true });
  writeFileSync(join(scratch, 'secret.bin'), 'x');
  symlinkSync(scratch, join(folder, 'link'));
  symlinkSync(join(scratch, 'secret.bin'), join(folder, 'inside', 'file-link.bin'));
  const model = join(folder, 'model.onnx');

  assert.equal(resolveExternalDataPath(model, 'inside/weights.bin'), join(folder, 'inside', 'weights.bin'));
  assert.equal(resolveExternalDataPath(model, 'inside/../weights.bin'), join(folder, 'weights.bin'));
  assert.throws(() => resolveExternalDataPath(model, '../secret.bin'), /points outside the model folder/);
  assert.throws(() => resolveExternalDataPath(model, 'inside/../../secret.bin'), /points outside the model folder/);
  assert.throws(() => resolveExternalDataPath(model, '..\\secret.bin'), /points outside the model folder/);
  assert.throws(() => resolveExternalDataPath(model, join(scratch, 'secret.bin')), /absolute path/);
  assert.throws(() => resolveExternalDataPath(model, 'C:\\weights.bin'), /absolute path/);
  assert.throws(() => resolveExternalDataPath(model, 'link/secret.bin'), /is a link to .*secret\.bin, outside the model folder/);
  assert.throws(() => resolveExternalDataPath(model, 'inside/file-link.bin'), /outside the model folder/);
  assert.throws(() => resolveExternalDataPath(model, ''), /expected a relative file path/);
});

test('symlinked external data rejected', async () => {
  const folder = join(scratch, 'symlink-model');
  mkdirSync(folder);
  mkdirSync(join(scratch, 'elsewhere'));
  writeFileSync(join(scratch, 'elsewhere', 'weights.bin'), Buffer.alloc(40));
  symlinkSync(join(scratch, 'elsewhere'), join(folder, 'link'));
  copyFileSync(`${CASES_DIR}/external-bad/symlink.onnx`, join(folder, 'model.onnx'));
  await assert.rejects(readModelFile(join(folder, 'model.onnx')), /Rejected external_data location "link\/weights\.bin": it is a link to/);
});

test('empty file and directory rejected', async () => {
  writeFileSync(join(scratch, 'empty.onnx'), '');
  mkdirSync(join(scratch, 'x.onnx'));
  await assert.rejects(readModelFile(join(scratch, 'empty.onnx')), /the input is empty \(0 bytes\)/);
  await assert.rejects(readModelFile(join(scratch, 'x.onnx')), /is a directory, expected an \.onnx file/);
  await assert.rejects(readModelFile(join(scratch, 'missing.onnx')), /not found or not readable \(ENOENT\)/);
  assert.throws(() => readModel(new Uint8Array(0)), OnnxFormatError);
});

test('every truncation point fails cleanly', () => {
  for (const name of ['plain.onnx', 'dtypes.onnx', 'encoder.onnx']) {
    const bytes = readCase(name);
    let accepted = 0;
    for (let length = 0; length < bytes.length; length++) {
      const result = readCleanly(bytes.subarray(0, length), `${name} cut at ${length}`);
      if (!(result instanceof OnnxFormatError)) accepted += 1;
    }
    // A cut at a field boundary can still be a valid, smaller model; most cuts must be rejected.
    assert.ok(accepted < bytes.length / 10, `${name}: ${accepted} of ${bytes.length} truncations accepted`);
  }
});

test('random bytes fail cleanly', () => {
  const random = seededRandom(7);
  for (let trial = 0; trial < 300; trial++) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256));
    readCleanly(bytes, `random trial ${trial}`);
  }
});

test('IR version bounds enforced', () => {
  const encode = (irVersion: number): Uint8Array => onnx.ModelProto.encode({ irVersion, graph: { name: 'g' } }).finish();
  assert.equal(readModel(encode(3)).irVersion, 3);
  assert.equal(readModel(encode(11)).irVersion, 11);
  assert.throws(() => readModel(encode(2)), /Unsupported ONNX IR version 2: this reader accepts 3 to 11/);
  assert.throws(() => readModel(encode(12)), /Unsupported ONNX IR version 12/);
  assert.throws(() => readModel(onnx.ModelProto.encode({ producerName: 'x' }).finish()), /ir_version is missing/);
});

test('repeated graph fields merge', () => {
  const base = readCase('plain.onnx');
  const extra = onnx.ModelProto.encode({ graph: { output: [{ name: 'extra', type: { tensorType: { elemType: 1 } } }] } }).finish();
  const model = readModel(Buffer.concat([base, extra]));
  assert.deepEqual(model.graph.outputs.map((value) => value.name), ['y', 'extra']);
  assert.equal(model.graph.nodes.length, 2);
  assert.equal(model.graph.name, 'plain');
  assert.equal(model.graph.spans.length, 2);
});

test('int64 beyond 2^53 rejected in dims', () => {
  const bytes = onnx.ModelProto.encode({
    irVersion: 8,
    graph: { initializer: [{ name: 'w', dataType: 1, dims: ['9007199254740993'] }] },
  }).finish();
  assert.throws(() => readModel(bytes), /Unsupported tensor dimension 9007199254740993: it is outside the safe integer range/);
});

test('deeply nested subgraphs rejected', () => {
  let graph: onnx.IGraphProto = { name: 'leaf' };
  for (let depth = 0; depth < 80; depth++) {
    graph = { node: [{ opType: 'If', attribute: [{ name: 'then_branch', type: 5, g: graph }] }] };
  }
  const bytes = onnx.ModelProto.encode({ irVersion: 8, graph }).finish();
  assert.throws(() => readModel(bytes), /subgraphs nested deeper than 64 levels/);
});
