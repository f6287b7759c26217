import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_MESSAGE_TEXT, parseInspectorMessage } from '../../../src/extension/inspector/messages';

const CASES: readonly (readonly [string, unknown, unknown])[] = [
  ['ready', { type: 'ready', extra: 1 }, { type: 'ready' }],
  ['stats request', { type: 'requestStats', name: 'model.shared.weight' }, { type: 'requestStats', name: 'model.shared.weight' }],
  ['open model', { type: 'openModel', path: 'onnx/encoder_model.onnx' }, { type: 'openModel', path: 'onnx/encoder_model.onnx' }],
  ['stats without name', { type: 'requestStats' }, undefined],
  ['stats with empty name', { type: 'requestStats', name: '' }, undefined],
  ['stats with number name', { type: 'requestStats', name: 3 }, undefined],
  ['stats with long name', { type: 'requestStats', name: 'x'.repeat(MAX_MESSAGE_TEXT + 1) }, undefined],
  ['open without path', { type: 'openModel' }, undefined],
  ['unknown type', { type: 'exportTrace' }, undefined],
  ['null', null, undefined],
  ['string', 'ready', undefined],
];

for (const [name, input, expected] of CASES) {
  test(`message parser: ${name}`, () => {
    assert.deepEqual(parseInspectorMessage(input), expected);
  });
}
