import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_STRINGS, STRING_KEYS, Strings } from '../../../webview/inspector/strings';

/** `key: vscode.l10n.t('text')` lines of the host's string table. */
const HOST_ENTRY = /^\s+(\w+): vscode\.l10n\.t\('([^'\\\n]*)'\),$/gm;

test('host strings equal webview defaults', () => {
  const source = readFileSync('src/extension/inspector/inspectorStrings.ts', 'utf8');
  const host = Object.fromEntries([...source.matchAll(HOST_ENTRY)].map((match) => [match[1], match[2]]));
  assert.deepEqual(host, { ...DEFAULT_STRINGS });
});

test('strings fill placeholders', () => {
  const strings = new Strings();
  assert.equal(strings.t('loadError', 'a.onnx', 'bad'), 'a.onnx cannot be shown: bad');
  assert.equal(strings.t('loadError', 'a.onnx'), 'a.onnx cannot be shown: {1}');
});

test('strings take localized table', () => {
  const strings = new Strings();
  strings.update({ tabGraph: 'Graphe', unknownKey: 'x', tabNodes: 42 });
  assert.equal(strings.t('tabGraph'), 'Graphe');
  assert.equal(strings.t('tabNodes'), 'Nodes');
  assert.equal(STRING_KEYS.length, Object.keys(DEFAULT_STRINGS).length);
});
