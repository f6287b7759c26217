import assert from 'node:assert/strict';
import { test } from 'node:test';

import { locateTensors, readModel, type LocatedTensor } from '../../../src/onnx';
import { readCase } from './helpers';

function labels(tensors: readonly LocatedTensor[]): string[] {
  return tensors.map((tensor) => `${tensor.role} ${tensor.stack} ${tensor.kind ?? '-'} ${tensor.layer} ${tensor.tensorName}`);
}

test('encoder export without prefix', () => {
  const result = locateTensors(readModel(readCase('encoder.onnx')));
  assert.deepEqual(labels(result.tensors), [
    'attention encoder self 0 /layers.0/self_attn/Softmax_output_0',
    'attention encoder self 1 /layers.1/self_attn/Softmax_output_0',
    'ffn encoder - 0 /layers.0/activation_fn/Mul_1_output_0',
    'ffn encoder - 1 /layers.1/activation_fn/Mul_1_output_0',
  ]);
  assert.equal(result.attentionUnavailable, null);
  assert.equal(result.ffnUnavailable, null);
  assert.ok(result.tensors.every((tensor) => tensor.layerFromName && tensor.elemType === 1));
});

test('activation variants found', () => {
  const relu = locateTensors(readModel(readCase('encoder-relu.onnx'))).tensors.filter((tensor) => tensor.role === 'ffn');
  assert.deepEqual(relu.map((tensor) => tensor.tensorName), ['/layers.0/activation_fn/Relu_output_0', '/layers.1/activation_fn/Relu_output_0']);
  const quick = locateTensors(readModel(readCase('encoder-quickgelu.onnx'))).tensors.filter((tensor) => tensor.role === 'ffn');
  assert.deepEqual(quick.map((tensor) => tensor.nodeName), ['/layers.0/activation_fn/QuickGelu', '/layers.1/activation_fn/QuickGelu']);
});

test('quantized encoder keeps float softmax', () => {
  const result = locateTensors(readModel(readCase('encoder-quantized.onnx')));
  assert.deepEqual(labels(result.tensors), [
    'attention encoder self 0 /layers.0/self_attn/Softmax_output_0',
    'attention encoder self 1 /layers.1/self_attn/Softmax_output_0',
    'ffn encoder - 0 /layers.0/activation_fn/Mul_1_output_0',
    'ffn encoder - 1 /layers.1/activation_fn/Mul_1_output_0',
  ]);
});

test('decoder self and cross', () => {
  const result = locateTensors(readModel(readCase('decoder.onnx')));
  assert.deepEqual(labels(result.tensors), [
    'attention decoder self 0 /model/decoder/layers.0/self_attn/Softmax_output_0',
    'attention decoder cross 0 /model/decoder/layers.0/encoder_attn/Softmax_output_0',
    'attention decoder self 1 /model/decoder/layers.1/self_attn/Softmax_output_0',
    'attention decoder cross 1 /model/decoder/layers.1/encoder_attn/Softmax_output_0',
    'ffn decoder - 0 /model/decoder/layers.0/activation_fn/Mul_output_0',
    'ffn decoder - 1 /model/decoder/layers.1/activation_fn/Mul_output_0',
  ]);
});

test('T5 names label layers', () => {
  const result = locateTensors(readModel(readCase('decoder-t5.onnx')));
  assert.deepEqual(labels(result.tensors), [
    'attention decoder self 0 /decoder/block.0/layer.0/SelfAttention/Softmax_output_0',
    'attention decoder cross 0 /decoder/block.0/layer.1/EncDecAttention/Softmax_output_0',
    'attention decoder self 1 /decoder/block.1/layer.0/SelfAttention/Softmax_output_0',
    'attention decoder cross 1 /decoder/block.1/layer.1/EncDecAttention/Softmax_output_0',
    'ffn decoder - 0 /decoder/block.0/layer.2/DenseReluDense/act/Relu_output_0',
    'ffn decoder - 1 /decoder/block.1/layer.2/DenseReluDense/act/Relu_output_0',
  ]);
});

test('unnamed graph labelled by structure', () => {
  const result = locateTensors(readModel(readCase('decoder-unnamed.onnx')));
  assert.deepEqual(
    result.tensors.map((tensor) => `${tensor.role} ${tensor.stack} ${tensor.kind ?? '-'} ${tensor.layer} ${tensor.layerFromName}`),
    [
      'attention decoder self 0 false',
      'attention decoder cross 0 false',
      'attention decoder self 1 false',
      'attention decoder cross 1 false',
      'ffn decoder - 0 false',
      'ffn decoder - 1 false',
    ],
  );
});

test('merged decoder branches located', () => {
  const result = locateTensors(readModel(readCase('decoder-merged.onnx')));
  assert.equal(result.tensors.length, 12);
  for (const branch of ['then', 'else']) {
    const inBranch = result.tensors.filter((tensor) => tensor.insideIf?.[0].branch === branch);
    assert.equal(inBranch.length, 6, branch);
    assert.ok(inBranch.every((tensor) => tensor.insideIf?.[0].ifNode === 'optimum::if' && tensor.insideIf[0].nodeIndex === 1));
  }
  assert.deepEqual(
    result.tensors.filter((tensor) => tensor.insideIf?.[0].branch === 'then').map((tensor) => `${tensor.role} ${tensor.kind ?? '-'} ${tensor.layer}`),
    ['attention self 0', 'attention cross 0', 'attention self 1', 'attention cross 1', 'ffn - 0', 'ffn - 1'],
  );
});

test('fused attention gives reason', () => {
  const result = locateTensors(readModel(readCase('fused-attention.onnx')));
  assert.deepEqual(result.tensors, []);
  assert.equal(
    result.attentionUnavailable,
    'the fused operator com.microsoft.MultiHeadAttention (node "/layers.0/self_attn/MultiHeadAttention") computes ' +
      'the probabilities internally; export the model without attention fusion to capture them',
  );
  assert.equal(result.ffnUnavailable, 'no activation (Relu, GELU, swish) feeding a second feed-forward MatMul was found');
});

test('plain graph gives reasons', () => {
  const result = locateTensors(readModel(readCase('plain.onnx')));
  assert.deepEqual(result.tensors, []);
  assert.equal(result.attentionUnavailable, 'no Softmax fed by a query-key MatMul was found');
});
