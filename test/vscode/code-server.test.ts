/**
 * The extension in a real VS Code: code-server 4.139.1 (VS Code 1.139.1) on 127.0.0.1, driven by Debian's
 * chromium. Route 1 runs the extension test suite inside code-server's extension host. Route 2 installs the
 * packaged linux-x64 .vsix and uses the UI as a person would: command palette, editor and side panel.
 *
 * The first run installs code-server into .cache/code-server (about 2.5 minutes, 800 MB, npm registry only).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { traceFromJson } from '../../src/protocol/trace';
import { Translator } from '../../src/translate';
import { launchBrowser } from './harness/browser';
import { bundleSuite, buildExtension } from './harness/bundle';
import { freePort, isolatedEnv, prepareFolders, type RunningCodeServer, runCodeServerCli, startCodeServer } from './harness/codeServer';
import { type CodeServerInstall, ensureCodeServer } from './harness/install';
import { prepareTestModels, type TestModels } from './harness/models';
import { listZipEntries, packageVsix } from './harness/vsix';
import { SUITE_CONFIG_NAME, type SuiteConfig } from './suite/config';
import type { SuiteResult } from './suite/runner';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = join(ROOT, '.cache');
const WORK = join(ROOT, 'test-output', 'vscode');
/** Number of tests in test/vscode/suite/{extension,inspector}.tests.ts, so that a suite that stopped early fails. */
const SUITE_TEST_COUNT = 12;
/**
 * Upper bound on the .vsix size. This test measured 53.1 MB with the demo model: 33.6 MB of model files and
 * 18.7 MB of ONNX Runtime's linux-x64 files, compressed. The bound leaves room for growth but catches a
 * .vscodeignore that lets other platforms' binaries or development files in.
 */
const MAX_VSIX_MB = 80;

let install: CodeServerInstall;
let models: TestModels;
let browser: BrowserContext | undefined;
const servers: RunningCodeServer[] = [];

before(async () => {
  install = await ensureCodeServer(join(CACHE, 'code-server'));
  buildExtension(ROOT);
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  models = prepareTestModels(ROOT, WORK);
  browser = await launchBrowser(join(WORK, 'chromium'));
});

after(async () => {
  await browser?.close();
  for (const server of servers) await server.stop();
});

async function waitForFile(file: string, timeoutMs: number, server: RunningCodeServer, consoleLines: readonly string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) {
      throw new Error(
        `No result file ${file} after ${timeoutMs} ms.\n--- browser console ---\n${consoleLines.slice(-40).join('\n')}\n` +
          `--- code-server ---\n${server.output().slice(-4000)}`,
      );
    }
    await new Promise((resolvePoll) => setTimeout(resolvePoll, 500));
  }
}

function recordConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`[pageerror] ${error.message}`));
  return lines;
}

test('route 1: extension suite passes in code-server host', { timeout: 300_000 }, async () => {
  const routeDir = join(WORK, 'route1');
  const suiteFile = await bundleSuite(ROOT, join(CACHE, 'vscode-tests', 'suite'));
  const resultFile = join(routeDir, 'result.json');
  const config: SuiteConfig = { ...models, resultFile };
  writeFileSync(join(CACHE, 'vscode-tests', 'suite', SUITE_CONFIG_NAME), JSON.stringify(config, null, 2));

  const workspace = join(routeDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const folders = prepareFolders(join(routeDir, 'server'), {});
  const server = await startCodeServer(install, folders, isolatedEnv(folders, await freePort()), [
    '--vscode-option',
    'enable-smoke-test-driver',
  ]);
  servers.push(server);

  const authority = `127.0.0.1:${server.port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${authority}${suiteFile}`],
  ];
  const page = await browser!.newPage();
  const consoleLines = recordConsole(page);
  const started = Date.now();
  await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await waitForFile(resultFile, 240_000, server, consoleLines);

  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
  console.log(`route 1: ${result.passed}/${result.total} passed; suite ${result.durationMs} ms, page to result ${Date.now() - started} ms`);
  assert.deepEqual(result.failures, []);
  assert.equal(result.total, SUITE_TEST_COUNT);
  assert.equal(result.passed, SUITE_TEST_COUNT);

  await page.close();
  await server.stop();
});

/** Opens the command palette, types `label` and runs the matching command; retries while it is not listed yet. */
async function runCommand(page: Page, label: string): Promise<void> {
  for (let attempt = 1; attempt <= 6; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await page.keyboard.press('Enter');
      return;
    } catch {
      // Right after the window loads, the palette may not list the extension's commands yet.
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
  throw new Error(`The command palette never listed "${label}".`);
}

/** Text of the visible lines of the active editor, with Monaco's non-breaking spaces as spaces. */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

async function waitForEditorText(page: Page, expected: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await editorText(page);
    if (last === expected) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`The editor shows ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}.`);
}

/** Opens a workspace file through Quick Open and waits until the editor shows `firstLine`. */
async function openWorkspaceFile(page: Page, name: string, firstLine: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input.input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 30_000;
  while (!(await editorText(page)).startsWith(firstLine)) {
    if (Date.now() > deadline) throw new Error(`The editor did not show ${name}.`);
    await page.waitForTimeout(250);
  }
}

/** Selects the whole text of the active editor. */
async function selectAll(page: Page): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
}

/**
 * Accepts the save dialog that an export opens. code-server shows VS Code's own dialog in the quick input,
 * with the suggested path already filled in.
 */
async function acceptSaveDialog(page: Page, expectedName: RegExp): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  const deadline = Date.now() + 30_000;
  let value = '';
  // The dialog fills in the folder first and the file name a moment later.
  while (!expectedName.test(value)) {
    if (Date.now() > deadline) throw new Error(`The save dialog shows ${JSON.stringify(value)}, expected a path matching ${expectedName}.`);
    await page.waitForTimeout(200);
    value = (await input.isVisible()) ? await input.inputValue() : '';
  }
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 30_000 });
}

async function waitForWorkspaceFile(dir: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readdirSync(dir).find((name) => pattern.test(name));
    if (found !== undefined && statSync(join(dir, found)).size > 0) return join(dir, found);
    if (Date.now() > deadline) throw new Error(`No file matching ${pattern} in ${dir} after ${timeoutMs} ms.`);
    await new Promise((resolvePoll) => setTimeout(resolvePoll, 250));
  }
}

/** Clicks the quick pick row that contains `text` and waits for the quick pick to close. */
async function pickRow(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Runs Select Model from the command palette and picks the row that contains `text`. */
async function selectModelRow(page: Page, text: string): Promise<void> {
  await runCommand(page, 'Seq2Seq Lens: Select Model…');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Browse…' }).waitFor({ state: 'visible' });
  await pickRow(page, text);
}

/** Locates the panel's document, which VS Code nests in `iframe#active-frame` inside `iframe.webview`. */
function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
}

test('route 2: packaged extension works from the UI', { timeout: 300_000 }, async () => {
  const routeDir = join(WORK, 'route2');
  const vsix = join(CACHE, 'vscode-tests', 'seq2seq-lens-linux-x64.vsix');
  rmSync(vsix, { force: true });
  const packStarted = Date.now();
  packageVsix(ROOT, vsix);
  const sizeMb = statSync(vsix).size / 1e6;
  const entries = listZipEntries(vsix);
  console.log(`route 2: ${vsix} is ${sizeMb.toFixed(1)} MB with ${entries.length} files, packaged in ${Date.now() - packStarted} ms`);

  for (const required of [
    'extension/package.json',
    'extension/package.nls.json',
    'extension/l10n/bundle.l10n.json',
    'extension/dist/extension.js',
    'extension/dist/webview.js',
    'extension/media/icon.png',
    'extension/media/activity-bar.svg',
    'extension/node_modules/onnxruntime-node/dist/index.js',
    'extension/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
    'extension/node_modules/onnxruntime-common/dist/cjs/index.js',
  ]) {
    assert.ok(entries.includes(required), `${required} is in the .vsix`);
  }
  const unwanted = entries.filter(
    (entry) =>
      /napi-v6\/(darwin|win32|linux\/arm64)\//.test(entry) ||
      /^extension\/(src|test|tools|webview|scripts|\.cache|test-output)\//.test(entry) ||
      /^extension\/node_modules\/(?!onnxruntime-(node|common)\/)/.test(entry) ||
      entry.endsWith('.map'),
  );
  assert.deepEqual(unwanted, []);
  assert.ok(sizeMb < MAX_VSIX_MB, `.vsix is ${sizeMb.toFixed(1)} MB, limit ${MAX_VSIX_MB} MB`);

  const settings = {
    ...(models.modelSetting === '' ? {} : { 'seq2seqLens.model': models.modelDir }),
    'seq2seqLens.models': [models.otherModelDir],
  };
  const folders = prepareFolders(join(routeDir, 'server'), settings);
  const env = isolatedEnv(folders, await freePort());
  await runCodeServerCli(install, folders, env, ['--install-extension', vsix, '--force']);

  const source = 'The house is small.';
  const workspace = join(routeDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'sample.txt'), source);
  const keySource = 'The dog runs.';
  writeFileSync(join(workspace, 'keys.txt'), keySource);
  // Long enough that the run is still going when the test presses Cancel (about 50 batches).
  const longFirstLine = 'Line 1: the cat sleeps on the warm floor.';
  const longText = Array.from({ length: 400 }, (_, i) => `Line ${i + 1}: the cat sleeps on the warm floor.`).join('\n');
  writeFileSync(join(workspace, 'long.txt'), longText);

  const translator = await Translator.load(models.modelDir);
  let expected: string;
  let keyExpected: string;
  try {
    [expected, keyExpected] = (await translator.translate({ texts: [source, keySource] })).results.map((result) => result.text);
  } finally {
    await translator.dispose();
  }

  const server = await startCodeServer(install, folders, env);
  servers.push(server);
  const page = await browser!.newPage();
  const consoleLines = recordConsole(page);
  try {
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });

    await openWorkspaceFile(page, 'sample.txt', source);
    await selectAll(page);
    await runCommand(page, 'Seq2Seq Lens: Translate Selection');
    await waitForEditorText(page, expected, 60_000);

    await runCommand(page, 'Seq2Seq Lens: Show Attention');
    const panel = panelFrame(page);
    const modelId = basename(models.modelDir);
    await panel.locator('.model-summary', { hasText: modelId }).waitFor({ state: 'visible', timeout: 60_000 });
    await panel.locator('vscode-tab-header[data-tab="attention"]').click();
    await panel.locator('.tab-content[data-tab="attention"]').locator('canvas, svg').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: join(routeDir, 'workbench-with-panel.png') });

    await panel.locator('vscode-button[data-action="export-trace"]').click();
    await acceptSaveDialog(page, /trace-.*\.json$/);
    const traceFile = await waitForWorkspaceFile(workspace, /^trace-.*\.json$/, 30_000);
    const exported = traceFromJson(readFileSync(traceFile, 'utf8'));
    assert.equal(exported.source.text, source);
    assert.equal(exported.hypotheses[0].text, expected);

    await panel.locator('vscode-button[data-action="export-png"]').click();
    await acceptSaveDialog(page, /\.png$/);
    const pngFile = await waitForWorkspaceFile(workspace, /\.png$/, 30_000);
    assert.deepEqual([...readFileSync(pngFile).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    await openWorkspaceFile(page, 'keys.txt', keySource);
    await selectAll(page);
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Translate Selection' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await selectAll(page);
    await page.keyboard.press('Control+Alt+T');
    await waitForEditorText(page, keyExpected, 60_000);

    await runCommand(page, 'Seq2Seq Lens: Translate Text…');
    const textInput = page.locator('.quick-input-widget input.input');
    await textInput.waitFor({ state: 'visible' });
    await textInput.fill(keySource);
    await page.keyboard.press('Enter');
    const resultToast = page.locator('.notification-toast', { hasText: keyExpected });
    await resultToast.waitFor({ state: 'visible', timeout: 60_000 });
    for (const action of ['Copy', 'Insert', 'Open in Editor']) {
      await resultToast.locator('.monaco-button', { hasText: action }).first().waitFor({ state: 'visible' });
    }

    await openWorkspaceFile(page, 'long.txt', longFirstLine);
    await selectAll(page);
    await runCommand(page, 'Seq2Seq Lens: Translate Selection');
    const progress = page.locator('.notification-toast', { hasText: 'Seq2Seq Lens' });
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click({ timeout: 30_000 });
    await page.locator('.notification-toast', { hasText: 'Translation cancelled. The document was not changed.' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await editorText(page)).startsWith(longFirstLine), 'the long text is unchanged');

    const modelName = basename(models.modelDir);
    const otherName = basename(models.otherModelDir);
    const modelRowText = models.modelSetting === '' ? 'Demo model' : modelName;
    await page.locator('.statusbar-item', { hasText: modelName }).waitFor({ state: 'visible' });
    await selectModelRow(page, otherName);
    await page.locator('.statusbar-item', { hasText: otherName }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: otherName }).click();
    await pickRow(page, modelRowText);
    await page.locator('.statusbar-item', { hasText: modelName }).waitFor({ state: 'visible', timeout: 30_000 });
  } catch (error) {
    await page.screenshot({ path: join(routeDir, 'failure.png') }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n--- browser console ---\n${consoleLines.slice(-30).join('\n')}`, { cause: error });
  } finally {
    await page.close();
    await server.stop();
  }
});
