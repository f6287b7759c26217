import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { collectRuntimeStrings, listSourceFiles, readBundle, ROOT } from './l10nStrings';

/** Every TypeScript source of the extension host and the webviews, where bundle strings must occur. */
function allSources(): string {
  const files = [...listSourceFiles(join(ROOT, 'src', 'extension')), ...listSourceFiles(join(ROOT, 'webview'))];
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

test('l10n bundle has every runtime string', () => {
  const { strings } = collectRuntimeStrings();
  const bundle = readBundle();
  const missing = [...strings].filter((text) => !(text in bundle));
  assert.deepEqual(missing, [], 'strings missing from l10n/bundle.l10n.json; run: node --import tsx test/unit/extension/l10nStrings.ts --write');
});

test('l10n bundle maps English to itself', () => {
  for (const [key, value] of Object.entries(readBundle())) assert.equal(value, key);
});

test('l10n bundle has no stale strings', () => {
  const sources = allSources();
  const stale = Object.keys(readBundle()).filter((text) => !sources.includes(text));
  assert.deepEqual(stale, [], 'strings in l10n/bundle.l10n.json that no source file contains');
});

test('l10n.t calls use literal strings', () => {
  // The panel strings come from a table, so that call takes a variable. The inspector checks its own calls.
  const allowed = (file: string) => file === 'src/extension/panel/panelStrings.ts' || file.startsWith('src/extension/inspector/');
  const { nonLiteralCalls } = collectRuntimeStrings();
  assert.deepEqual(nonLiteralCalls.filter((call) => !allowed(call.split(':')[0])), []);
});

test('notifications never take raw literals', () => {
  const raw = /show(Information|Warning|Error)Message\(\s*['"`]/;
  for (const file of listSourceFiles(join(ROOT, 'src', 'extension'))) {
    assert.doesNotMatch(readFileSync(file, 'utf8'), raw, file);
  }
});
