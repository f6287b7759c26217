import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModel } from '../../../src/extension/inspector/loadModel';
import { LocalModelSource } from '../../../src/extension/inspector/modelSource';
import { floatText, typeText } from '../../../src/extension/inspector/valueText';
import type { ModelView } from '../../../src/protocol/inspector-messages';

const ONNX_DIR = 'test/fixtures/models/marian-tiny/onnx';

async function view(file: string): Promise<ModelView> {
  const result = await loadModel(new LocalModelSource(`${ONNX_DIR}/${file}`));
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.view;
}

test('merged decoder graphs and owners', async () => {
  const model = await view('decoder_model_merged.onnx');
  assert.deepEqual(
    model.graphs.map((graph) => [graph.id, graph.name, graph.parentId, graph.owner?.attribute ?? null, graph.nodes.length]),
    [
      ['main', 'merged', null, null, 1],
      ['main/0.else_branch', 'no_past', 'main', 'else_branch', 531],
      ['main/0.then_branch', 'with_past', 'main', 'then_branch', 503],
    ],
  );
  const ifNode = model.graphs[0].nodes[0];
  assert.equal(ifNode.opType, 'If');
  assert.deepEqual(
    ifNode.attributes.map((attribute) => [attribute.name, attribute.type, attribute.value, attribute.graphIds]),
    [
      ['else_branch', 'GRAPH', 'graph "no_past" (531 nodes)', ['main/0.else_branch']],
      ['then_branch', 'GRAPH', 'graph "with_past" (503 nodes)', ['main/0.then_branch']],
    ],
  );
  assert.equal(model.nodeCount, 1 + 531 + 503);
  assert.equal(model.subgraphCount, 2);
});

test('merged decoder summary fields', async () => {
  const model = await view('decoder_model_merged.onnx');
  assert.equal(model.fileName, 'decoder_model_merged.onnx');
  assert.equal(model.fileSize, 377541);
  assert.equal(model.irVersion, 7);
  assert.deepEqual(model.opsetImports, [{ domain: 'ai.onnx', version: 14 }]);

  assert.equal(model.opHistogram.length, 1);
  assert.equal(model.opHistogram[0].domain, 'ai.onnx');
  assert.equal(model.opHistogram[0].nodeCount, 1035);
  assert.deepEqual(model.opHistogram[0].ops[0], { opType: 'Constant', count: 365 });

  assert.deepEqual(model.parameters, {
    elementCount: 46465,
    byteCount: 185860,
    byDtype: [{ dtype: 'float32', tensorCount: 56, elementCount: 46465, byteCount: 185860 }],
  });

  assert.equal(model.initializers.length, 56);
  assert.ok(model.initializers.every((row) => row.graphId === 'main' && row.storage === 'inline' && row.location === null));
  assert.deepEqual(model.initializers.find((row) => row.name === 'model.shared.weight'), {
    name: 'model.shared.weight',
    dtype: 'float32',
    shape: [257, 32],
    elementCount: 8224,
    byteCount: 32896,
    storage: 'inline',
    location: null,
    graphId: 'main',
  });

  assert.deepEqual(
    { ...model.seq2seq, kvCacheInputs: model.seq2seq.kvCacheInputs.length, kvCacheOutputs: model.seq2seq.kvCacheOutputs.length },
    {
      role: 'decoder-merged',
      layers: 2,
      heads: 4,
      dModel: 32,
      vocabSize: 257,
      kvCacheInputs: 8,
      kvCacheOutputs: 8,
      attention: { tensorCount: 8, unavailableReason: null },
      ffn: { tensorCount: 4, unavailableReason: null },
    },
  );
  assert.deepEqual(model.inputs[2], { name: 'encoder_hidden_states', type: 'tensor(float32)', shape: ['batch_size', 'encoder_sequence_length', 32] });
});

test('constant values shown in attributes', async () => {
  const model = await view('decoder_model_merged.onnx');
  const branch = model.graphs[1];
  const values = branch.nodes.filter((node) => node.opType === 'Constant').map((node) => node.attributes[0].value);
  assert.ok(values.includes('int64[] = 1'), values.slice(0, 10).join(' | '));
  assert.ok(values.includes('float32[] = 5.656854'), 'the attention scale sqrt(32)');
  const softmax = branch.nodes.find((node) => node.name === '/model/decoder/layers.0/self_attn/Softmax');
  assert.deepEqual(softmax?.attributes, [{ name: 'axis', type: 'INT', value: '-1', graphIds: [] }]);
});

test('encoder has no subgraphs and no cache', async () => {
  const model = await view('encoder_model.onnx');
  assert.equal(model.graphs.length, 1);
  assert.equal(model.subgraphCount, 0);
  assert.equal(model.seq2seq.role, 'encoder');
  assert.deepEqual(model.seq2seq.kvCacheInputs, []);
  assert.equal(model.nodeCount, model.graphs[0].nodes.length);
});

test('quantized decoder lists integer dtypes', async () => {
  const model = await view('decoder_model_quantized.onnx');
  const dtypes = model.parameters.byDtype.map((total) => total.dtype);
  assert.ok(dtypes.includes('int8') || dtypes.includes('uint8'), dtypes.join(', '));
  assert.equal(
    model.parameters.byDtype.reduce((sum, total) => sum + total.byteCount, 0),
    model.parameters.byteCount,
  );
  assert.equal(
    model.parameters.byDtype.reduce((sum, total) => sum + total.tensorCount, 0),
    model.initializers.length,
  );
});

test('type and float text', () => {
  assert.equal(typeText(null), 'unknown');
  assert.equal(typeText({ kind: 'tensor', elemType: 1, shape: null }), 'tensor(float32)');
  assert.equal(typeText({ kind: 'sequence', elem: { kind: 'tensor', elemType: 7, shape: [] } }), 'seq(tensor(int64))');
  assert.equal(typeText({ kind: 'map', keyType: 8, value: { kind: 'tensor', elemType: 1, shape: null } }), 'map(string, tensor(float32))');
  assert.equal(floatText(Math.fround(0.1)), '0.1');
  assert.equal(floatText(Math.fround(5.656854249)), '5.656854');
  assert.equal(floatText(-Infinity), '-Infinity');
});
