import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExtensionError } from '../../../src/extension/errors';
import { buildModelChoices, rememberModelFolders, resolveModelPath } from '../../../src/extension/modelList';

const context = { demoDir: '/ext/models/demo-en-fr', workspaceDir: '/work/project', homeDir: '/home/ada' };

test('resolveModelPath handles each path form', () => {
  assert.equal(resolveModelPath('', context), '/ext/models/demo-en-fr');
  assert.equal(resolveModelPath('  ', context), '/ext/models/demo-en-fr');
  assert.equal(resolveModelPath('~', context), '/home/ada');
  assert.equal(resolveModelPath('~/models/opus', context), '/home/ada/models/opus');
  assert.equal(resolveModelPath('/data/./opus/', context), '/data/opus');
  assert.equal(resolveModelPath('models/opus', context), '/work/project/models/opus');
  assert.equal(resolveModelPath('../shared/opus', context), '/work/shared/opus');
});

test('resolveModelPath rejects relative path without workspace', () => {
  assert.throws(
    () => resolveModelPath('models/opus', { ...context, workspaceDir: undefined }),
    (error: unknown) =>
      error instanceof ExtensionError &&
      error.message === 'Model folder "models/opus" is a relative path but no workspace folder is open. Use an absolute path.' &&
      error.action === 'openSettings',
  );
});

test('buildModelChoices lists demo, folders, then active model', () => {
  const choices = buildModelChoices({ model: '/data/custom', models: ['/data/opus', 'local/model'] }, context);
  assert.deepEqual(choices, [
    { kind: 'demo', setting: '', path: '/ext/models/demo-en-fr', name: 'demo-en-fr', active: false },
    { kind: 'folder', setting: '/data/opus', path: '/data/opus', name: 'opus', active: false },
    { kind: 'folder', setting: 'local/model', path: '/work/project/local/model', name: 'model', active: false },
    { kind: 'folder', setting: '/data/custom', path: '/data/custom', name: 'custom', active: true },
  ]);
});

test('buildModelChoices marks demo active and removes duplicates', () => {
  const choices = buildModelChoices({ model: '', models: ['/data/opus', '/data/opus/', '/data/../data/opus', '/ext/models/demo-en-fr'] }, context);
  assert.deepEqual(
    choices.map((choice) => [choice.kind, choice.setting, choice.active]),
    [
      ['demo', '', true],
      ['folder', '/data/opus', false],
    ],
  );
});

test('buildModelChoices keeps unresolvable folders with problem', () => {
  const choices = buildModelChoices({ model: 'rel/a', models: ['rel/a'] }, { ...context, workspaceDir: undefined });
  assert.equal(choices.length, 2);
  assert.equal(choices[0].active, false);
  assert.equal(choices[1].path, undefined);
  assert.equal(choices[1].name, 'rel/a');
  assert.match(choices[1].problem ?? '', /no workspace folder is open/);
});

test('rememberModelFolders appends only new folders', () => {
  assert.deepEqual(rememberModelFolders(['/data/opus'], ['/data/other'], context), ['/data/opus', '/data/other']);
  assert.deepEqual(rememberModelFolders(['local/model'], ['/work/project/local/model/'], context), ['local/model']);
  assert.deepEqual(rememberModelFolders([], ['/data/a', '/data/b', '/data/a'], context), ['/data/a', '/data/b']);
});

test('rememberModelFolders skips demo and unresolvable folders', () => {
  const noWorkspace = { ...context, workspaceDir: undefined };
  assert.deepEqual(rememberModelFolders(['/data/opus'], ['', '  ', 'relative/model', '/data/new'], noWorkspace), ['/data/opus', '/data/new']);
  assert.deepEqual(rememberModelFolders(['relative/model'], ['/data/new'], noWorkspace), ['relative/model', '/data/new']);
});
