import assert from 'node:assert/strict';
import { test } from 'node:test';

import { onnx } from 'onnx-proto';

import { readModel } from '../../../src/onnx';
import { spliceFields } from '../../../src/onnx/splice';

/** Encodes a model with one If node whose branches carry `padding` bytes of doc_string, to move lengths near varint limits. */
function modelWithIf(padding: number): Uint8Array {
  const branch = (name: string): onnx.IGraphProto => ({
    name,
    docString: 'd'.repeat(padding),
    node: [{ opType: 'Identity', input: ['x'], output: [`${name}_y`] }],
    output: [{ name: `${name}_y`, type: { tensorType: { elemType: 1 } } }],
  });
  return onnx.ModelProto.encode({
    irVersion: 8,
    graph: {
      name: 'main',
      input: [{ name: 'cond', type: { tensorType: { elemType: 9 } } }, { name: 'x', type: { tensorType: { elemType: 1 } } }],
      node: [
        {
          opType: 'If',
          name: 'if',
          input: ['cond'],
          output: ['y'],
          attribute: [
            { name: 'then_branch', type: 5, g: branch('then') },
            { name: 'else_branch', type: 5, g: branch('else') },
          ],
        },
      ],
      output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
    },
  }).finish();
}

test('splice grows nested lengths', () => {
  // Paddings chosen so the branch, attribute, node or graph length crosses the 1- to 2-byte and
  // 2- to 3-byte varint boundaries (127/128 and 16383/16384) when bytes are inserted.
  for (const padding of [0, 60, 90, 100, 110, 16300, 16340, 16370]) {
    const bytes = modelWithIf(padding);
    const model = readModel(bytes);
    const ifNode = model.graph.nodes[0];
    const thenBranch = ifNode.attributes[0];
    assert.ok(thenBranch.graph);
    const added = onnx.GraphProto.encode({ output: [{ name: 'extra_then', type: { tensorType: { elemType: 1 } } }] }).finish();
    const nodeOutput = onnx.NodeProto.encode({ output: ['extra'] }).finish();

    const spliced = spliceFields(
      bytes,
      [
        { field: thenBranch.graph.spans[0], bytes: added },
        { field: ifNode.span, bytes: nodeOutput },
      ],
      [model.graph.spans[0], thenBranch.span],
    );

    const decoded = onnx.ModelProto.decode(spliced);
    const node = decoded.graph?.node?.[0];
    assert.deepEqual(node?.output, ['y', 'extra'], `padding ${padding}`);
    assert.deepEqual(node?.attribute?.[0].g?.output?.map((value) => value.name), ['then_y', 'extra_then'], `padding ${padding}`);
    assert.deepEqual(node?.attribute?.[1].g?.output?.map((value) => value.name), ['else_y'], `padding ${padding}`);
    assert.equal(node?.attribute?.[0].g?.docString?.length, padding, `padding ${padding}`);
    assert.equal(decoded.graph?.name, 'main');
  }
});

test('splice leaves input bytes unchanged', () => {
  const bytes = modelWithIf(10);
  const copy = Buffer.from(bytes);
  const model = readModel(bytes);
  spliceFields(bytes, [{ field: model.graph.nodes[0].span, bytes: onnx.NodeProto.encode({ output: ['z'] }).finish() }], [model.graph.spans[0]]);
  assert.deepEqual(bytes, copy);
});
