import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STATE, restoreState } from '../../../webview/inspector/state';

test('state restore keeps valid fields', () => {
  const saved = {
    tab: 'graph',
    sortColumn: 'name',
    sortDescending: false,
    initializerFilter: 'weight',
    nodeQuery: 'Softmax',
    graphId: 'main/0.then_branch',
    expanded: { 'main/0.then_branch': ['/model/decoder/layers.0'] },
    showConstants: true,
    selectedNode: 12,
    folderUri: 'file:///models/tiny',
  };
  assert.deepEqual(restoreState(saved), saved);
});

test('state restore replaces invalid fields', () => {
  const restored = restoreState({
    tab: 'weights',
    sortColumn: 'size',
    sortDescending: 'yes',
    initializerFilter: 'x'.repeat(2000),
    graphId: 7,
    expanded: { main: ['a', 3, null], other: 'b' },
    selectedNode: -1,
    folderUri: '',
  });
  assert.deepEqual(restored, { ...DEFAULT_STATE, expanded: { main: ['a'] } });
  assert.deepEqual(restoreState(undefined), DEFAULT_STATE);
  assert.deepEqual(restoreState('graph'), DEFAULT_STATE);
});
