import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as ort from 'onnxruntime-node';

import { addGraphOutputs, locateTensors, readModel, type CaptureOutput } from '../../../src/onnx';

const CASES_DIR = 'test/fixtures/onnx-cases';
const TINY_DIR = 'test/fixtures/models/marian-tiny/onnx';
const BATCH = 1;
const SOURCE = 3;

interface Shape {
  readonly dModel: number;
  readonly heads: number;
}

const int64 = (values: number[], dims: number[]): ort.Tensor => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
const tokens = (length: number): ort.Tensor => int64(Array.from({ length }, (_, i) => (i * 3 + 1) % 16), [BATCH, length]);
const ones = (length: number): ort.Tensor => int64(Array.from({ length }, () => 1), [BATCH, length]);
const floats = (dims: number[]): ort.Tensor =>
  new ort.Tensor('float32', Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i)), dims);

function encoderFeed(): Record<string, ort.Tensor> {
  return { input_ids: tokens(SOURCE), attention_mask: ones(SOURCE) };
}

function decoderFeed(shape: Shape): Record<string, ort.Tensor> {
  return { input_ids: tokens(2), encoder_attention_mask: ones(SOURCE), encoder_hidden_states: floats([BATCH, SOURCE, shape.dModel]) };
}

/** Feed of a merged decoder: `useCache` picks the then branch (with past) or the else branch (first step). */
function mergedFeed(shape: Shape, useCache: boolean): Record<string, ort.Tensor> {
  const headDim = shape.dModel / shape.heads;
  const past = useCache ? 2 : 0;
  const feed: Record<string, ort.Tensor> = {
    input_ids: tokens(1),
    encoder_attention_mask: ones(SOURCE),
    encoder_hidden_states: floats([BATCH, SOURCE, shape.dModel]),
    use_cache_branch: new ort.Tensor('bool', [useCache], [1]),
  };
  for (let layer = 0; layer < 2; layer++) {
    for (const part of ['key', 'value']) {
      feed[`past_key_values.${layer}.decoder.${part}`] = floats([BATCH, shape.heads, past, headDim]);
      feed[`past_key_values.${layer}.encoder.${part}`] = floats([BATCH, shape.heads, SOURCE, headDim]);
    }
  }
  return feed;
}

async function run(bytes: Uint8Array, feed: Record<string, ort.Tensor>): Promise<ort.InferenceSession.ReturnType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feed);
  } finally {
    await session.release();
  }
}

function bytesOf(tensor: ort.Tensor): Buffer {
  const data = tensor.data as Float32Array;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Instruments `file`, runs both models on `feed` and checks: original outputs are bit-identical,
 * every added output exists, and attention rows sum to 1.
 */
async function checkInstrumented(file: string, feed: Record<string, ort.Tensor>, expectedOutputs: readonly string[]): Promise<CaptureOutput[]> {
  const bytes = readFileSync(file);
  const original = Buffer.from(bytes);
  const model = readModel(bytes);
  const result = addGraphOutputs(bytes, locateTensors(model).tensors, model);
  assert.deepEqual(bytes, original, 'input bytes changed');
  assert.deepEqual(result.skipped, []);
  assert.deepEqual(result.outputs.map((output) => output.outputName), expectedOutputs);

  const plain = await run(bytes, feed);
  const instrumented = await run(result.bytes, feed);
  for (const name of Object.keys(plain)) {
    assert.ok(bytesOf(plain[name]).equals(bytesOf(instrumented[name])), `${file}: output ${name} differs`);
  }
  for (const output of result.outputs) {
    const tensor = instrumented[output.outputName];
    assert.ok(tensor, `${file}: missing ${output.outputName}`);
    if (output.role !== 'attention') continue;
    const data = tensor.data as Float32Array;
    const width = tensor.dims[tensor.dims.length - 1];
    for (let row = 0; row < data.length / width; row++) {
      const sum = data.subarray(row * width, (row + 1) * width).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-5, `${file}: ${output.outputName} row ${row} sums to ${sum}`);
    }
  }
  return [...result.outputs];
}

const ENCODER_OUTPUTS = ['lens.attn.encoder.self.0', 'lens.attn.encoder.self.1', 'lens.ffn.encoder.0', 'lens.ffn.encoder.1'];
const DECODER_OUTPUTS = [
  'lens.attn.decoder.self.0',
  'lens.attn.decoder.cross.0',
  'lens.attn.decoder.self.1',
  'lens.attn.decoder.cross.1',
  'lens.ffn.decoder.0',
  'lens.ffn.decoder.1',
];

test('encoder outputs added', async () => {
  for (const name of ['encoder.onnx', 'encoder-relu.onnx', 'encoder-quickgelu.onnx', 'encoder-quantized.onnx']) {
    await checkInstrumented(`${CASES_DIR}/${name}`, encoderFeed(), ENCODER_OUTPUTS);
  }
});

test('decoder outputs added', async () => {
  for (const name of ['decoder.onnx', 'decoder-t5.onnx']) {
    await checkInstrumented(`${CASES_DIR}/${name}`, decoderFeed({ dModel: 8, heads: 2 }), DECODER_OUTPUTS);
  }
});

test('merged decoder threads both branches', async () => {
  for (const useCache of [true, false]) {
    const outputs = await checkInstrumented(`${CASES_DIR}/decoder-merged.onnx`, mergedFeed({ dModel: 8, heads: 2 }, useCache), DECODER_OUTPUTS);
    assert.deepEqual(outputs[1].sourceTensors, [
      '/model/decoder/layers.0/encoder_attn/Softmax_output_0',
      '/model/decoder/layers.0/encoder_attn/Softmax_output_0',
    ]);
  }
});

test('marian-tiny fixtures instrumented', async () => {
  const shape = { dModel: 32, heads: 4 };
  await checkInstrumented(`${TINY_DIR}/encoder_model.onnx`, encoderFeed(), ENCODER_OUTPUTS);
  await checkInstrumented(`${TINY_DIR}/decoder_model.onnx`, decoderFeed(shape), DECODER_OUTPUTS);
  for (const useCache of [true, false]) {
    await checkInstrumented(`${TINY_DIR}/decoder_model_merged.onnx`, mergedFeed(shape, useCache), DECODER_OUTPUTS);
    await checkInstrumented(`${TINY_DIR}/decoder_model_merged_quantized.onnx`, mergedFeed(shape, useCache), DECODER_OUTPUTS);
  }
});

test('attention shape per export style', async () => {
  const bytes = readFileSync(`${TINY_DIR}/decoder_model.onnx`);
  const result = addGraphOutputs(bytes, locateTensors(readModel(bytes)).tensors);
  const outputs = await run(result.bytes, decoderFeed({ dModel: 32, heads: 4 }));
  // HF Marian's classic attention: [batch*heads, tgt, src].
  assert.deepEqual(outputs['lens.attn.decoder.cross.0'].dims, [BATCH * 4, 2, SOURCE]);
  assert.deepEqual(outputs['lens.ffn.decoder.1'].dims, [BATCH, 2, 64]);

  const mine = readFileSync(`${CASES_DIR}/decoder.onnx`);
  const mineOutputs = await run(addGraphOutputs(mine, locateTensors(readModel(mine)).tensors).bytes, decoderFeed({ dModel: 8, heads: 2 }));
  // make_cases.py attention: [batch, heads, tgt, src].
  assert.deepEqual(mineOutputs['lens.attn.decoder.self.1'].dims, [BATCH, 2, 2, 2]);
});

test('second instrumentation rejected', () => {
  const bytes = readFileSync(`${CASES_DIR}/encoder.onnx`);
  const once = addGraphOutputs(bytes, locateTensors(readModel(bytes)).tensors);
  const model = readModel(once.bytes);
  assert.throws(() => addGraphOutputs(once.bytes, locateTensors(model).tensors, model), /already has output "lens\.attn\.encoder\.self\.0"/);
});

test('then-branch request finds partner', async () => {
  const bytes = readFileSync(`${CASES_DIR}/decoder-merged.onnx`);
  const model = readModel(bytes);
  const thenOnly = locateTensors(model).tensors.filter((tensor) => tensor.insideIf?.[0].branch === 'then');
  assert.equal(thenOnly.length, 6);
  const result = addGraphOutputs(bytes, thenOnly, model);
  assert.deepEqual(result.skipped, []);
  assert.deepEqual(result.outputs.map((output) => output.outputName), DECODER_OUTPUTS);
  const outputs = await run(result.bytes, mergedFeed({ dModel: 8, heads: 2 }, false));
  assert.deepEqual(outputs['lens.attn.decoder.cross.1'].dims, [BATCH, 2, 1, SOURCE]);
});
