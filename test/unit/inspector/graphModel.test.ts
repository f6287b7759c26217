import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModel } from '../../../src/extension/inspector/loadModel';
import { LocalModelSource } from '../../../src/extension/inspector/modelSource';
import type { GraphView, NodeView } from '../../../src/protocol/inspector-messages';
import { intersects, layoutGraph } from '../../../webview/inspector/graphLayout';
import { buildGraphModel, layerKeyOf } from '../../../webview/inspector/graphModel';

const MERGED = 'test/fixtures/models/marian-tiny/onnx/decoder_model_merged.onnx';

async function branch(id: string): Promise<GraphView> {
  const result = await loadModel(new LocalModelSource(MERGED));
  assert.ok(result.ok);
  const graph = result.view.graphs.find((candidate) => candidate.id === id);
  assert.ok(graph);
  return graph;
}

/** Builds a chain of `count` nodes without layer names: x → n0 → t0 → n1 → t1 … */
function chain(count: number): GraphView {
  const nodes: NodeView[] = Array.from({ length: count }, (_, i) => ({
    name: `/n${i}`,
    opType: 'Relu',
    domain: '',
    inputs: [i === 0 ? 'x' : `t${i - 1}`],
    outputs: [`t${i}`],
    attributes: [],
  }));
  return {
    id: 'main',
    name: 'chain',
    parentId: null,
    owner: null,
    nodes,
    inputs: [{ name: 'x', type: 'tensor(float32)', shape: [1] }],
    outputs: [{ name: `t${count - 1}`, type: 'tensor(float32)', shape: [1] }],
    initializerCount: 0,
  };
}

const LAYER_KEYS: readonly (readonly [string, string | null])[] = [
  ['/model/decoder/layers.3/self_attn/Softmax', '/model/decoder/layers.3'],
  ['/layers.0/fc1/MatMul', '/layers.0'],
  ['/decoder/block.2/layer.1/EncDecAttention/MatMul', '/decoder/block.2'],
  ['model.encoder.layers.11.fc2', 'model.encoder.layers.11'],
  ['/model/decoder/layer_norm/Mul', null],
  ['/model/decoder/layers/Add', null],
  ['/model/decoder/players.1/Add', null],
  ['', null],
];

for (const [name, key] of LAYER_KEYS) {
  test(`layer key of "${name}"`, () => {
    assert.equal(layerKeyOf(name), key);
  });
}

test('else branch collapses two layers', async () => {
  const graph = await branch('main/0.else_branch');
  const model = buildGraphModel(graph, { expanded: new Set(), showConstants: false });
  const constants = graph.nodes.filter((node) => node.opType === 'Constant').length;
  assert.equal(model.hiddenNodeCount, constants);
  assert.deepEqual(
    model.groups.map((group) => [group.key, group.expanded]),
    [
      ['/model/decoder/layers.0', false],
      ['/model/decoder/layers.1', false],
    ],
  );
  const grouped = model.groups.reduce((sum, group) => sum + group.nodeIndices.length, 0);
  const nodeItems = model.items.filter((item) => item.kind === 'node').length;
  assert.equal(nodeItems + grouped + constants, graph.nodes.length);
  assert.equal(model.items.filter((item) => item.kind === 'input').length, graph.inputs.length);
  assert.equal(model.items.filter((item) => item.kind === 'output').length, graph.outputs.length);

  const ids = new Set(model.items.map((item) => item.id));
  for (const edge of model.edges) {
    assert.ok(ids.has(edge.source), `${edge.id} source`);
    assert.ok(ids.has(edge.target), `${edge.id} target`);
    assert.notEqual(edge.source, edge.target);
  }
  // The two layers are joined by the hidden state that flows from layer 0 to layer 1.
  assert.ok(model.edges.some((edge) => edge.source === 'g:/model/decoder/layers.0' && edge.target === 'g:/model/decoder/layers.1'));
});

test('expanding a layer draws its nodes', async () => {
  const graph = await branch('main/0.else_branch');
  const collapsed = buildGraphModel(graph, { expanded: new Set(), showConstants: false });
  const expanded = buildGraphModel(graph, { expanded: new Set(['/model/decoder/layers.1']), showConstants: false });
  const layer = collapsed.groups[1];
  assert.equal(expanded.items.length, collapsed.items.length - 1 + layer.nodeIndices.length);
  assert.ok(expanded.items.some((item) => item.id === `n:${layer.nodeIndices[0]}`));
  assert.ok(!expanded.items.some((item) => item.id === 'g:/model/decoder/layers.1'));
  assert.deepEqual(expanded.refused, []);
});

test('expansion beyond the cap is refused', async () => {
  const graph = await branch('main/0.else_branch');
  const collapsed = buildGraphModel(graph, { expanded: new Set(), showConstants: false });
  const model = buildGraphModel(graph, {
    expanded: new Set(['/model/decoder/layers.0', '/model/decoder/layers.1']),
    showConstants: false,
    maxItems: collapsed.items.length + collapsed.groups[0].nodeIndices.length,
  });
  assert.deepEqual(model.refused, ['/model/decoder/layers.1']);
  assert.deepEqual(model.groups.map((group) => group.expanded), [true, false]);
});

test('graph without layers is chunked', () => {
  const model = buildGraphModel(chain(1000), { expanded: new Set(), showConstants: false, maxItems: 50 });
  assert.ok(model.items.length <= 50, `${model.items.length} boxes`);
  // 48 boxes remain after the input and the output: 46 runs of 22 nodes (the last one shorter).
  assert.equal(model.groups.length, 46);
  assert.equal(model.groups[0].key, '#1–22');
  assert.equal(model.groups[45].key, '#991–1000');
  assert.equal(model.groups.reduce((sum, group) => sum + group.nodeIndices.length, 0), 1000);
  assert.equal(model.edges.length, model.groups.length + 1);
});

test('layout places boxes without overlap', async () => {
  const graph = await branch('main/0.then_branch');
  const model = buildGraphModel(graph, { expanded: new Set(['/model/decoder/layers.0']), showConstants: false });
  const layout = await layoutGraph(model, (text) => text.length * 6);
  assert.equal(layout.items.length, model.items.length);
  assert.equal(layout.edges.length, model.edges.length);
  for (const [i, a] of layout.items.entries()) {
    assert.ok(a.x >= 0, `${a.item.id} left`);
    assert.ok(a.y >= 0, `${a.item.id} top`);
    assert.ok(a.x + a.width <= layout.width, `${a.item.id} right`);
    assert.ok(a.y + a.height <= layout.height, `${a.item.id} bottom`);
    for (const b of layout.items.slice(i + 1)) {
      const shrunk = { x: a.x + 1, y: a.y + 1, width: a.width - 2, height: a.height - 2 };
      assert.ok(!intersects(shrunk, b), `${a.item.id} overlaps ${b.item.id}`);
    }
  }
  for (const edge of layout.edges) assert.ok(edge.points.length >= 2, edge.id);
});
