import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../../../src/extension/errorInfo';
import { ExtensionError } from '../../../src/extension/errors';
import { DecodingCancelledError, DecodingOptionsError, ModelLoadError } from '../../../src/translate';

test('describeError maps each error class', () => {
  assert.deepEqual(describeError(new DecodingCancelledError()), { kind: 'cancelled' });
  assert.deepEqual(describeError(new ModelLoadError('config.json not found in /m.', '/m/config.json')), {
    kind: 'error',
    message: 'config.json not found in /m.',
    action: 'selectModel',
    unexpected: false,
  });
  assert.deepEqual(describeError(new DecodingOptionsError('numBeams 0 is invalid.')), {
    kind: 'error',
    message: 'numBeams 0 is invalid.',
    action: 'openSettings',
    unexpected: false,
  });
  assert.deepEqual(describeError(new ExtensionError('Bad folder.', 'openSettings')), {
    kind: 'error',
    message: 'Bad folder.',
    action: 'openSettings',
    unexpected: false,
  });
  assert.deepEqual(describeError(new TypeError('x is undefined')), { kind: 'error', message: 'x is undefined', unexpected: true });
  assert.deepEqual(describeError('plain string'), { kind: 'error', message: 'plain string', unexpected: true });
});
