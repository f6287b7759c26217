import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { buildFolderView, findModelFiles, jsonFileView } from '../../../src/extension/inspector/folderSummary';
import { LocalModelFolder } from '../../../src/extension/inspector/localFolder';

const MODEL_DIR = 'test/fixtures/models/marian-tiny';
const scratch = mkdtempSync(join(tmpdir(), 'lens-inspector-folder-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('marian-tiny folder view', async () => {
  const progress: string[] = [];
  const view = await buildFolderView(new LocalModelFolder(MODEL_DIR), (path, index, total) => progress.push(`${index + 1}/${total} ${path}`));
  const files = [
    'decoder_model.onnx',
    'decoder_model_merged.onnx',
    'decoder_model_merged_quantized.onnx',
    'decoder_model_quantized.onnx',
    'decoder_with_past_model.onnx',
    'decoder_with_past_model_quantized.onnx',
    'encoder_model.onnx',
    'encoder_model_quantized.onnx',
  ].map((name) => `onnx/${name}`);
  assert.deepEqual(view.models.map((model) => model.path), files);
  assert.deepEqual(progress, files.map((path, i) => `${i + 1}/8 ${path}`));
  assert.equal(view.folder, MODEL_DIR);
  assert.equal(view.folderUri, pathToFileURL(MODEL_DIR).href);
  assert.equal(view.skippedModels, 0);
  assert.deepEqual(
    view.models.map((model) => model.summary?.seq2seq.role),
    ['decoder', 'decoder-merged', 'decoder-merged', 'decoder', 'decoder-with-past', 'decoder-with-past', 'encoder', 'encoder'],
  );
  const merged = view.models[1];
  assert.equal(merged.fileSize, 377541);
  assert.equal(merged.error, null);
  assert.equal(merged.summary?.nodeCount, 1035);
  assert.equal(merged.summary?.parameterCount, 46465);

  assert.equal(view.config.status, 'ok');
  assert.ok(view.config.status === 'ok');
  assert.deepEqual(view.config.entries.find((entry) => entry.key === 'd_model'), { key: 'd_model', value: '32' });
  assert.deepEqual(view.config.entries.find((entry) => entry.key === 'architectures'), { key: 'architectures', value: '["MarianMTModel"]' });
  assert.equal(view.generationConfig.status, 'ok');
});

test('folder with bad files', async () => {
  const folder = join(scratch, 'bad');
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  mkdirSync(join(folder, '.cache'), { recursive: true });
  writeFileSync(join(folder, 'config.json'), '{"d_model": 32,');
  writeFileSync(join(folder, 'onnx', 'broken.onnx'), new Uint8Array([1, 2, 3, 4, 5]));
  copyFileSync('test/fixtures/onnx-cases/plain.onnx', join(folder, 'plain.onnx'));
  copyFileSync('test/fixtures/onnx-cases/plain.onnx', join(folder, '.cache', 'hidden.onnx'));

  const view = await buildFolderView(new LocalModelFolder(folder));
  assert.deepEqual(view.models.map((model) => model.path), ['onnx/broken.onnx', 'plain.onnx']);
  assert.equal(view.models[0].summary, null);
  assert.match(view.models[0].error ?? '', /broken\.onnx/);
  assert.equal(view.models[1].error, null);
  assert.equal(view.config.status, 'invalid');
  assert.ok(view.config.status === 'invalid');
  assert.match(view.config.error, /^Invalid JSON: /);
  assert.deepEqual(view.generationConfig, { fileName: 'generation_config.json', status: 'missing' });
});

test('json file views', () => {
  assert.deepEqual(jsonFileView('config.json', undefined), { fileName: 'config.json', status: 'missing' });
  assert.deepEqual(jsonFileView('config.json', '[1, 2]'), {
    fileName: 'config.json',
    status: 'invalid',
    error: 'Expected a JSON object at the top level.',
  });
  const long = jsonFileView('config.json', JSON.stringify({ id2label: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i, `label ${i}`])) }));
  assert.ok(long.status === 'ok');
  assert.equal(long.entries[0].value.length, 301);
  assert.ok(long.entries[0].value.endsWith('…'));
  const text = jsonFileView('config.json', '{"name": "<b>x</b>", "n": null}');
  assert.ok(text.status === 'ok');
  assert.deepEqual(text.entries, [
    { key: 'name', value: '"<b>x</b>"' },
    { key: 'n', value: 'null' },
  ]);
});

test('model files are found one level deep', async () => {
  const folder = join(scratch, 'deep');
  mkdirSync(join(folder, 'a', 'b'), { recursive: true });
  for (const path of ['top.ONNX', 'a/inner.onnx', 'a/b/too-deep.onnx', 'a/notes.txt']) writeFileSync(join(folder, path), '');
  assert.deepEqual(await findModelFiles(new LocalModelFolder(folder)), ['a/inner.onnx', 'top.ONNX']);
});
