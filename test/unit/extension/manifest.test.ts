import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS, PANEL_VIEW_ID, VIEW_CONTAINER_ID } from '../../../src/extension/commandIds';
import { readSettings, SETTINGS_SECTION } from '../../../src/extension/settings';
import { listSourceFiles, ROOT } from './l10nStrings';

interface Manifest {
  engines: { vscode: string };
  activationEvents: string[];
  icon: string;
  l10n: string;
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string }[]>;
    keybindings: { command: string; key: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string; type: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

test('manifest commands are all registered', () => {
  const contributed = manifest.contributes.commands.map((command) => command.command);
  for (const id of Object.values<string>(COMMANDS)) assert.ok(contributed.includes(id), `${id} is contributed`);

  // Commands of other parts (the model inspector) are not in COMMANDS, but their id must occur in the code.
  const sources = listSourceFiles(join(ROOT, 'src', 'extension')).map((file) => readFileSync(file, 'utf8')).join('\n');
  for (const id of contributed) assert.ok(sources.includes(`'${id}'`), `${id} appears in src/extension`);

  const known = new Set<string>(contributed);
  for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
    for (const entry of entries) assert.ok(known.has(entry.command), `${menu} refers to ${entry.command}`);
  }
  for (const binding of manifest.contributes.keybindings) assert.ok(known.has(binding.command), binding.key);
});

test('manifest placeholders all exist in package.nls.json', () => {
  const text = JSON.stringify(manifest.contributes);
  const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]));
  assert.deepEqual([...used].filter((key) => !(key in nls)), []);
  assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  for (const command of manifest.contributes.commands) {
    assert.match(command.title, /^%.+%$/, `${command.command} title is localized`);
    assert.equal(command.category, '%category%');
  }
});

test('configuration defaults match readSettings defaults', () => {
  const properties = manifest.contributes.configuration.properties;
  const read: string[] = [];
  const fallback = readSettings((key) => {
    read.push(`${SETTINGS_SECTION}.${key}`);
    return undefined;
  });
  for (const key of read) assert.ok(key in properties, `${key} is declared`);

  const fromManifest = readSettings((key) => properties[`${SETTINGS_SECTION}.${key}`].default);
  assert.deepEqual(fromManifest, fallback);
});

test('view container and panel view are declared', () => {
  const containers = manifest.contributes.viewsContainers.activitybar;
  assert.deepEqual(
    containers.map((container) => container.id),
    [VIEW_CONTAINER_ID],
  );
  assert.deepEqual(manifest.contributes.views[VIEW_CONTAINER_ID], [
    { type: 'webview', id: PANEL_VIEW_ID, name: '%view.panel%', icon: 'media/activity-bar.svg', contextualTitle: '%viewContainer.title%' },
  ]);
  for (const file of [containers[0].icon, manifest.icon]) assert.ok(existsSync(join(ROOT, file)), `${file} exists`);
});

test('activation relies on inferred events', () => {
  // VS Code 1.74 and later activate on contributed commands and views without listing them.
  assert.deepEqual(manifest.activationEvents, []);
  assert.equal(manifest.engines.vscode, '^1.95.0');
  assert.equal(manifest.l10n, './l10n');
});
