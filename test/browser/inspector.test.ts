/**
 * The ONNX inspector in a real Chromium with the CSP of VS Code. The page comes from `renderWebviewHtml`,
 * served on 127.0.0.1 by a server this test starts; `acquireVsCodeApi` is a stub that records posted
 * messages and the saved state. The model views are real: the test loads the marian-tiny merged decoder
 * (and a bad file, and a model with HTML in its names) with the host's loader, which uses `src/onnx`.
 * Screenshots in a light and a dark theme go to test-output/screenshots/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { buildFolderView } from '../../src/extension/inspector/folderSummary';
import { loadModel, type LoadedModel } from '../../src/extension/inspector/loadModel';
import { LocalModelFolder } from '../../src/extension/inspector/localFolder';
import { LocalModelSource } from '../../src/extension/inspector/modelSource';
import { computeTensorStats } from '../../src/extension/inspector/tensorStats';
import { createNonce, renderWebviewHtml } from '../../src/extension/webview/html';
import type { FolderView, ModelView } from '../../src/protocol/inspector-messages';
import { buildGraphModel } from '../../webview/inspector/graphModel';
import { DEFAULT_STRINGS } from '../../webview/inspector/strings';
import { HOSTILE, writeHostileModel } from '../unit/inspector/hostileModel';
import { launchBrowser } from './harness';

type ThemeName = 'light' | 'dark' | 'high-contrast';

const ROOT = join(import.meta.dirname, '..', '..');
const MODEL_DIR = join(ROOT, 'test', 'fixtures', 'models', 'marian-tiny');
const MERGED = join(MODEL_DIR, 'onnx', 'decoder_model_merged.onnx');
const BAD_IR = join(ROOT, 'test', 'fixtures', 'onnx-cases', 'bad', 'ir-version-99.onnx');
const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
/** The opus-mt-sized random model that `npm run bench` writes; the test that needs it is skipped without it. */
const OPUS_SIZED = join(ROOT, '.cache', 'bench-models', 'marian-opus-size', 'onnx', 'decoder_model_merged.onnx');
const ELSE_BRANCH = 'main/0.else_branch';
const THEN_BRANCH = 'main/0.then_branch';

/**
 * Variables the inspector and its components read that the shared test themes do not set. The values
 * approximate VS Code's default light and dark themes; they only need to be readable.
 */
const EXTRA_THEME: Readonly<Record<ThemeName, string>> = {
  light: `:root {
  --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b;
  --vscode-editorWidget-border: #c8c8c8; --vscode-keybindingTable-rowsBackground: rgba(128, 128, 128, 0.04);
  --vscode-inputValidation-errorBorder: #be1100; --vscode-inputValidation-errorBackground: #f2dede;
  --vscode-settings-textInputBackground: #ffffff; --vscode-settings-textInputForeground: #3b3b3b;
  --vscode-settings-textInputBorder: #cecece; --vscode-input-placeholderForeground: #767676;
  --vscode-settings-checkboxBackground: #f8f8f8; --vscode-settings-checkboxBorder: #cecece;
  --vscode-settings-checkboxForeground: #3b3b3b; --vscode-icon-foreground: #3b3b3b;
  --vscode-tree-indentGuidesStroke: #a9a9a9; --vscode-list-focusOutline: #005fb8; --vscode-sash-hoverBorder: #005fb8;
  --vscode-list-inactiveSelectionBackground: #e4e6f1; --vscode-list-hoverForeground: #3b3b3b;
  --vscode-list-focusAndSelectionOutline: #005fb8; --vscode-tree-inactiveIndentGuidesStroke: #a9a9a966;
}`,
  dark: `:root {
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-editorWidget-border: #454545; --vscode-keybindingTable-rowsBackground: rgba(204, 204, 204, 0.04);
  --vscode-inputValidation-errorBorder: #be1100; --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-settings-textInputBackground: #313131; --vscode-settings-textInputForeground: #cccccc;
  --vscode-settings-textInputBorder: #3c3c3c; --vscode-input-placeholderForeground: #989898;
  --vscode-settings-checkboxBackground: #313131; --vscode-settings-checkboxBorder: #3c3c3c;
  --vscode-settings-checkboxForeground: #cccccc; --vscode-icon-foreground: #cccccc;
  --vscode-tree-indentGuidesStroke: #585858; --vscode-list-focusOutline: #0078d4; --vscode-sash-hoverBorder: #0078d4;
  --vscode-list-inactiveSelectionBackground: #37373d; --vscode-list-hoverForeground: #cccccc;
  --vscode-list-focusAndSelectionOutline: #0078d4; --vscode-tree-inactiveIndentGuidesStroke: #58585866;
}`,
  'high-contrast': `:root {
  --vscode-badge-background: #000000; --vscode-badge-foreground: #ffffff;
  --vscode-editorWidget-border: #6fc3df; --vscode-keybindingTable-rowsBackground: transparent;
  --vscode-inputValidation-errorBorder: #be1100; --vscode-inputValidation-errorBackground: #000000;
  --vscode-settings-textInputBackground: #000000; --vscode-settings-textInputForeground: #ffffff;
  --vscode-settings-textInputBorder: #6fc3df; --vscode-input-placeholderForeground: #ffffffb3;
  --vscode-settings-checkboxBackground: #000000; --vscode-settings-checkboxBorder: #6fc3df;
  --vscode-settings-checkboxForeground: #ffffff; --vscode-icon-foreground: #ffffff;
  --vscode-tree-indentGuidesStroke: #a9a9a9; --vscode-list-focusOutline: #f38518; --vscode-sash-hoverBorder: #f38518;
  --vscode-list-inactiveSelectionBackground: transparent; --vscode-list-hoverForeground: #ffffff;
  --vscode-list-focusAndSelectionOutline: #f38518; --vscode-tree-inactiveIndentGuidesStroke: #a9a9a966;
}`,
};

interface InspectorServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Bundles the webview as scripts/build.mjs does, in memory, so the test always runs the current code. */
async function bundleInspector(): Promise<string> {
  const result = await esbuild.build({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: [join(ROOT, 'webview', 'inspector', 'main.ts')],
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Serves `/inspector?theme=dark&view=model` (the page), the bundle and the style sheets on 127.0.0.1. */
async function startServer(bundle: string): Promise<InspectorServer> {
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const requested = url.searchParams.get('theme');
    const theme: ThemeName = requested === 'light' || requested === 'high-contrast' ? requested : 'dark';
    const send = (type: string, body: string | Buffer): void => {
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    };
    const themeFile = /^\/theme\/(extra-)?(light|dark|high-contrast)\.css$/.exec(url.pathname);
    if (themeFile !== null) {
      const name = themeFile[2] as ThemeName;
      send('text/css', themeFile[1] === undefined ? readFileSync(join(ROOT, 'test', 'browser', `theme-${name}.css`)) : EXTRA_THEME[name]);
      return;
    }
    switch (url.pathname) {
      case '/inspector':
        send(
          'text/html; charset=utf-8',
          renderWebviewHtml({
            cspSource: origin,
            nonce: createNonce(),
            scriptUri: `${origin}/dist/inspector.js`,
            styleUris: [`${origin}/theme/${theme}.css`, `${origin}/theme/extra-${theme}.css`, `${origin}/media/inspector.css`],
            title: 'ONNX inspector',
            bodyAttributes: { class: `vscode-${theme}`, 'data-vscode-theme-kind': `vscode-${theme}` },
          }),
        );
        return;
      case '/dist/inspector.js':
        send('text/javascript', bundle);
        return;
      case '/media/inspector.css':
        send('text/css', readFileSync(join(ROOT, 'media', 'inspector.css')));
        return;
      case '/favicon.ico':
        response.writeHead(204).end();
        return;
      default:
        response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Stands in for VS Code: records posted messages, keeps the state and records CSP violations. */
function installVsCodeStub(initialState: unknown): void {
  const target = window as unknown as Record<string, unknown>;
  target.__posted = [];
  target.__state = initialState;
  target.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    (target.__cspViolations as string[]).push(`${event.violatedDirective} blocked ${event.blockedURI}`);
  });
  target.acquireVsCodeApi = () => ({
    postMessage: (message: unknown) => (target.__posted as unknown[]).push(JSON.parse(JSON.stringify(message))),
    getState: () => target.__state,
    setState: (state: unknown) => {
      target.__state = JSON.parse(JSON.stringify(state));
      return state;
    },
  });
}

interface InspectorPage {
  readonly page: Page;
  readonly problems: string[];
  readonly foreignRequests: string[];
  posted(): Promise<unknown[]>;
  state(): Promise<Record<string, unknown>>;
  cspViolations(): Promise<string[]>;
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

let server: InspectorServer;
let browser: Browser;
let merged: LoadedModel;
let hostile: ModelView;
let badMessage: string;
let folder: FolderView;
const scratch = mkdtempSync(join(tmpdir(), 'lens-inspector-browser-'));

async function openInspector(theme: ThemeName, initialState?: unknown): Promise<InspectorPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(server.origin) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
  });
  // tsx keeps function names by wrapping them in `__name(...)`; functions sent into the page need it too.
  await page.addInitScript({ content: 'window.__name = (target) => target;' });
  await page.addInitScript(installVsCodeStub, initialState);
  await page.goto(`${server.origin}/inspector?theme=${theme}`);
  await page.waitForFunction(() => ((window as unknown as { __posted: unknown[] }).__posted ?? []).length > 0, undefined, { timeout: 5000 });

  const read = <T>(name: string): Promise<T> => page.evaluate((key) => (window as unknown as Record<string, T>)[key], name);
  return {
    page,
    problems,
    foreignRequests,
    posted: () => read<unknown[]>('__posted'),
    state: () => read<Record<string, unknown>>('__state'),
    cspViolations: () => read<string[]>('__cspViolations'),
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    close: () => context.close(),
  };
}

/** Opens the page, runs `body`, and checks that nothing broke the CSP, logged an error or left 127.0.0.1. */
async function withInspector(theme: ThemeName, body: (inspector: InspectorPage) => Promise<void>, initialState?: unknown): Promise<void> {
  const inspector = await openInspector(theme, initialState);
  try {
    await body(inspector);
    assert.deepEqual(await inspector.cspViolations(), [], 'CSP violations');
    assert.deepEqual(inspector.problems, [], 'console errors, warnings, page errors or dialogs');
    assert.deepEqual(inspector.foreignRequests, [], 'requests outside the test server');
  } finally {
    await inspector.close();
  }
}

async function showModel(inspector: InspectorPage, model: ModelView): Promise<void> {
  await inspector.send({ type: 'strings', strings: DEFAULT_STRINGS });
  await inspector.send({ type: 'model', model });
  await inspector.page.waitForSelector('vscode-tabs');
}

async function showTab(page: Page, tab: 'summary' | 'initializers' | 'nodes' | 'graph'): Promise<void> {
  await page.click(`vscode-tab-header[data-tab="${tab}"]`);
  await page.waitForSelector(`.tab-content[data-tab="${tab}"] > *`);
}

/** Types into a `vscode-textfield` through its `value` property and fires `input`, as typing does. */
async function typeInto(page: Page, control: string, text: string): Promise<void> {
  await page.evaluate(
    ([name, value]) => {
      const field = document.querySelector(`[data-control="${name}"]`) as HTMLElement & { value: string };
      field.value = value;
      field.dispatchEvent(new Event('input'));
    },
    [control, text],
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

function rowNames(page: Page): Promise<string[]> {
  return page.$$eval('vscode-table-row[data-name]', (rows) => rows.map((row) => row.getAttribute('data-name') ?? ''));
}

/**
 * Scrolls the drawing over its whole area, one viewport at a time, and returns the ids of every box
 * drawn on the way and the most boxes that were in the DOM at once.
 */
async function scanDrawing(page: Page): Promise<{ seen: Set<string>; maxAtOnce: number }> {
  const [width, height, viewWidth, viewHeight] = await page.$eval('.graph-scroll', (element) => [
    element.scrollWidth,
    element.scrollHeight,
    element.clientWidth,
    element.clientHeight,
  ]);
  const seen = new Set<string>();
  let maxAtOnce = 0;
  for (let y = 0; y < height; y += viewHeight) {
    for (let x = 0; x < width; x += viewWidth) {
      await page.$eval('.graph-scroll', (element, [left, top]) => element.scrollTo(left, top), [x, y]);
      // Two animation frames: one for the scroll event, one for the redraw it schedules.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const ids = await page.$$eval('.graph-item', (elements) => elements.map((element) => element.getAttribute('data-item') ?? ''));
      for (const id of ids) seen.add(id);
      maxAtOnce = Math.max(maxAtOnce, ids.length);
    }
  }
  return { seen, maxAtOnce };
}

async function waitForGraph(page: Page): Promise<void> {
  await page.waitForSelector('.graph-svg .graph-item', { timeout: 20000 });
}

before(async () => {
  const result = await loadModel(new LocalModelSource(MERGED));
  assert.ok(result.ok, 'the merged decoder fixture loads');
  merged = result;

  const hostilePath = join(scratch, 'hostile.onnx');
  writeHostileModel(hostilePath);
  const hostileResult = await loadModel(new LocalModelSource(hostilePath));
  assert.ok(hostileResult.ok, 'the hostile model loads');
  hostile = hostileResult.view;

  const bad = await loadModel(new LocalModelSource(BAD_IR));
  assert.ok(!bad.ok, 'IR version 99 is rejected');
  badMessage = bad.message;

  folder = await buildFolderView(new LocalModelFolder(MODEL_DIR));
  server = await startServer(await bundleInspector());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('inspector webview', () => {
  test('summary sections of merged decoder', async () => {
    await withInspector('dark', async (inspector) => {
      const { page } = inspector;
      await showModel(inspector, merged.view);
      const headings = await page.$$eval('.summary-view h2', (elements) => elements.map((element) => element.textContent));
      assert.deepEqual(headings, ['Model', 'Sequence-to-sequence', 'Inputs', 'Outputs', 'Operators', 'Parameters']);

      const fields = await page.$$eval('.summary-view .field-table tr', (rows) =>
        Object.fromEntries(rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? ''])),
      );
      assert.equal(fields['IR version'], '7');
      assert.equal(fields['Opset imports'], 'ai.onnx 14');
      assert.equal(fields.Producer, 'pytorch');
      assert.equal(fields.Nodes, '1,035');
      assert.equal(fields.Subgraphs, '2');
      assert.equal(fields.Role, 'Merged decoder (If on use_cache_branch)');
      assert.equal(fields.Layers, '2');
      assert.equal(fields['Attention heads'], '4');
      assert.equal(fields['Model width (d_model)'], '32');
      assert.equal(fields.Vocabulary, '257');
      assert.equal(fields['Attention capture'], 'Supported: 8 tensors');
      assert.equal(fields['Feed-forward capture'], 'Supported: 4 tensors');
      const cacheInputs = await page.$$eval('.summary-view .name-list', (lists) => lists.map((list) => list.children.length));
      assert.deepEqual(cacheInputs, [8, 8]);

      const inputRow = await page.$$eval('.summary-view section:nth-of-type(3) tbody tr', (rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)),
      );
      assert.deepEqual(inputRow[0], ['encoder_attention_mask', 'tensor(int64)', '[batch_size, encoder_sequence_length]']);
      assert.equal(inputRow.length, 12);
      assert.match((await page.textContent('.summary-view')) ?? '', /46,465 parameters, 181\.5 KiB/);
      await screenshot(page, 'inspector-summary-dark');
    });
  });

  test('initializer table sorts and filters', async () => {
    await withInspector('light', async (inspector) => {
      const { page } = inspector;
      await showModel(inspector, merged.view);
      await showTab(page, 'initializers');

      // Largest first; equal sizes keep name order.
      const bySize = [...merged.view.initializers].sort((a, b) => b.byteCount - a.byteCount || a.name.localeCompare(b.name));
      assert.deepEqual(await rowNames(page), bySize.map((row) => row.name));
      assert.equal(await page.textContent('[data-role="initializer-count"]'), 'Showing 56 of 56 initializers.');

      await page.click('button[data-sort="name"]');
      const byName = merged.view.initializers.map((row) => row.name).sort((a, b) => a.localeCompare(b));
      assert.deepEqual(await rowNames(page), byName);
      assert.equal(await page.getAttribute('vscode-table-header-cell:first-child', 'aria-sort'), 'ascending');
      await page.click('button[data-sort="name"]');
      assert.deepEqual(await rowNames(page), [...byName].reverse());
      assert.equal(await page.getAttribute('vscode-table-header-cell:first-child', 'aria-sort'), 'descending');

      await typeInto(page, 'initializer-filter', 'EMBED_positions');
      assert.deepEqual(await rowNames(page), ['model.decoder.embed_positions.weight']);
      assert.equal(await page.textContent('[data-role="initializer-count"]'), 'Showing 1 of 1 initializers that match the filter, 56 in total.');
      await typeInto(page, 'initializer-filter', '[32, 32]');
      const square = merged.view.initializers.filter((row) => row.shape.join(',') === '32,32');
      assert.equal((await rowNames(page)).length, square.length);
      assert.ok(square.length > 0);

      const state = await inspector.state();
      assert.equal(state.sortColumn, 'name');
      assert.equal(state.sortDescending, true);
      assert.equal(state.initializerFilter, '[32, 32]');
      await screenshot(page, 'inspector-initializers-light');
    });
  });

  test('statistics request and result', async () => {
    await withInspector('dark', async (inspector) => {
      const { page } = inspector;
      await showModel(inspector, merged.view);
      await showTab(page, 'initializers');
      const name = 'model.decoder.embed_positions.weight';
      await page.click(`vscode-table-row[data-name="${name}"] vscode-button[data-action="stats"]`);

      const posted = await inspector.posted();
      assert.deepEqual(posted.at(-1), { type: 'requestStats', name });
      assert.match((await page.textContent('.stats-panel')) ?? '', /Computing statistics of model\.decoder\.embed_positions\.weight/);

      const stats = await computeTensorStats(merged, new LocalModelSource(MERGED), name);
      assert.equal(stats.elementCount, 4096);
      await inspector.send({ type: 'tensorStats', name, stats, error: null });
      await page.waitForSelector('.stats-result');
      const cells = await page.$$eval('.stats-result tr', (rows) =>
        Object.fromEntries(rows.map((row) => [row.querySelector('th')?.textContent ?? '', row.querySelector('td')?.textContent ?? ''])),
      );
      assert.equal(cells.Elements, '4,096');
      assert.equal(cells.Min, String(Number((stats.min as number).toPrecision(6))));
      assert.equal(cells.Max, String(Number((stats.max as number).toPrecision(6))));
      assert.equal(cells['NaN values'], '0');

      await inspector.send({ type: 'tensorStats', name: 'missing', stats: null, error: 'Tensor "missing" not found.' });
      assert.equal(await page.textContent('.stats-panel [role="alert"]'), 'Statistics of missing failed: Tensor "missing" not found.');
      assert.equal(posted.filter((message) => (message as { type: string }).type === 'requestStats').length, 1, 'one request per press');
    });
  });

  test('node search in else branch', async () => {
    await withInspector('dark', async (inspector) => {
      const { page } = inspector;
      await showModel(inspector, merged.view);
      await showTab(page, 'nodes');
      assert.equal(await page.textContent('[data-role="node-count"]'), '1 of 1 nodes match.');

      await page.click(`vscode-tree-item[data-graph-id="${ELSE_BRANCH}"]`);
      await page.waitForFunction(() => document.querySelector('[data-role="node-count"]')?.textContent === '531 of 531 nodes match.');
      assert.equal(await page.$$eval('.node-list > li', (items) => items.length), 150, 'the first page');
      assert.equal(await page.textContent('vscode-button[data-action="show-more-nodes"]'), 'Show 150 more');
      await page.click('vscode-button[data-action="show-more-nodes"]');
      assert.equal(await page.$$eval('.node-list > li', (items) => items.length), 300, 'two pages');
      await typeInto(page, 'node-search', 'softmax');
      const branch = merged.view.graphs.find((graph) => graph.id === ELSE_BRANCH);
      assert.ok(branch);
      const expected = branch.nodes.filter((node) =>
        [node.name, node.opType, node.domain, ...node.inputs, ...node.outputs].join('\n').toLowerCase().includes('softmax'),
      );
      assert.equal(await page.textContent('[data-role="node-count"]'), `${expected.length} of 531 nodes match.`);
      const summaries = await page.$$eval('.node-list summary', (elements) => elements.map((element) => element.textContent));
      assert.deepEqual(summaries, expected.map((node) => `${node.opType} ${node.name}`));
      assert.ok(summaries.includes('Softmax /model/decoder/layers.0/encoder_attn/Softmax'));

      await page.click('.node-list summary >> text="/model/decoder/layers.0/encoder_attn/Softmax"');
      const details = await page.textContent('.node-list details[open] .node-details');
      assert.match(details ?? '', /axis/);
      assert.equal((await inspector.state()).graphId, ELSE_BRANCH);
      assert.equal((await inspector.state()).nodeQuery, 'softmax');
    });
  });

  test('If branch opens from node details', async () => {
    await withInspector('light', async (inspector) => {
      const { page } = inspector;
      await showModel(inspector, merged.view);
      await showTab(page, 'nodes');
      await page.click('.node-list summary');
      await page.waitForSelector('[data-open-graph]');
      const buttons = await page.$$eval('[data-open-graph]', (elements) => elements.map((element) => element.textContent));
      assert.deepEqual(buttons, ['Open If "optimum::if" · else_branch', 'Open If "optimum::if" · then_branch']);

      await page.click(`[data-open-graph="${THEN_BRANCH}"]`);
      await page.waitForFunction(() => document.querySelector('[data-role="node-count"]')?.textContent === '503 of 503 nodes match.');
      assert.equal((await inspector.state()).graphId, THEN_BRANCH);
      const selected = await page.$eval('vscode-tree-item[selected]', (element) => element.getAttribute('data-graph-id'));
      assert.equal(selected, THEN_BRANCH);
    });
  });

  test('graph drawn with collapsed layers', async () => {
    const branch = merged.view.graphs.find((graph) => graph.id === ELSE_BRANCH);
    assert.ok(branch);
    const collapsed = buildGraphModel(branch, { expanded: new Set(), showConstants: false });
    const groups = collapsed.items.filter((item) => item.kind === 'group').map((item) => item.title);
    assert.deepEqual(groups, ['/model/decoder/layers.0', '/model/decoder/layers.1']);

    for (const theme of ['light', 'dark'] as const) {
      await withInspector(
        theme,
        async (inspector) => {
          const { page } = inspector;
          await showModel(inspector, merged.view);
          await waitForGraph(page);
          assert.equal(await page.getAttribute('.graph-svg', 'data-group-count'), '2');
          await screenshot(page, `inspector-graph-${theme}`);
          const { seen } = await scanDrawing(page);
          assert.deepEqual(
            [...seen].sort(),
            collapsed.items.map((item) => item.id).sort(),
            'every box of the collapsed graph is drawn somewhere',
          );
          await page.$eval('.graph-scroll', (element) => element.scrollTo(0, 0));
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

          if (theme === 'dark') {
            await page.$eval('.graph-group[data-item="g:/model/decoder/layers.0"]', (element) => element.scrollIntoView());
            await page.focus('.graph-group[data-item="g:/model/decoder/layers.0"]');
            await page.keyboard.press('Enter');
            await page.waitForSelector('[data-collapse="/model/decoder/layers.0"]', { timeout: 20000 });
            await waitForGraph(page);
            const expanded = buildGraphModel(branch, { expanded: new Set(['/model/decoder/layers.0']), showConstants: false });
            assert.equal(expanded.items.length, collapsed.items.length - 1 + (collapsed.groups[0].nodeIndices.length));
            assert.equal(await page.getAttribute('.graph-svg', 'data-group-count'), '1');
            assert.deepEqual((await inspector.state()).expanded, { [ELSE_BRANCH]: ['/model/decoder/layers.0'] });
            await screenshot(page, 'inspector-graph-expanded-dark');

            // The view scrolled to the expanded layer, so its first node is drawn.
            const firstNode = expanded.groups[0].nodeIndices.find((index) => branch.nodes[index].opType !== 'Constant');
            assert.ok(firstNode !== undefined);
            await page.click(`.graph-node[data-item="n:${firstNode}"]`);
            const details = (await page.textContent('.graph-details')) ?? '';
            assert.ok(details.includes(branch.nodes[firstNode].name), details);
            assert.equal((await inspector.state()).selectedNode, firstNode);

            const { seen } = await scanDrawing(page);
            assert.deepEqual([...seen].sort(), expanded.items.map((item) => item.id).sort());
          }
        },
        { tab: 'graph', graphId: ELSE_BRANCH },
      );
    }
  });

  test('graph draws only boxes in view', async () => {
    await withInspector(
      'dark',
      async (inspector) => {
        const { page } = inspector;
        await showModel(inspector, merged.view);
        await waitForGraph(page);
        const branch = merged.view.graphs.find((graph) => graph.id === THEN_BRANCH);
        assert.ok(branch);
        const all = buildGraphModel(branch, { expanded: new Set(), showConstants: true });
        const drawn = await page.$$eval('.graph-item', (elements) => elements.length);
        assert.ok(drawn < all.items.length, `${drawn} of ${all.items.length} boxes are in the DOM`);

        const { seen, maxAtOnce } = await scanDrawing(page);
        assert.equal(seen.size, all.items.length, 'every box is drawn when scrolled into view');
        assert.ok(maxAtOnce < all.items.length, `at most ${maxAtOnce} of ${all.items.length} boxes were in the DOM at once`);
      },
      { tab: 'graph', graphId: THEN_BRANCH, showConstants: true },
    );
  });

  test('bad file shows error message', async () => {
    await withInspector('dark', async (inspector) => {
      await inspector.send({ type: 'strings', strings: DEFAULT_STRINGS });
      await inspector.send({ type: 'loadError', fileName: 'ir-version-99.onnx', message: badMessage });
      const text = await inspector.page.textContent('.load-error[role="alert"]');
      assert.equal(text, `ir-version-99.onnx cannot be shown: ${badMessage}`);
      assert.match(badMessage, /Unsupported ONNX IR version 99/);
      assert.equal(await inspector.page.$('vscode-tabs'), null);
    });
  });

  test('hostile names stay text', async () => {
    await withInspector('light', async (inspector) => {
      const { page } = inspector;
      await showModel(inspector, hostile);
      for (const tab of ['summary', 'initializers', 'nodes', 'graph'] as const) {
        await showTab(page, tab);
        if (tab === 'nodes') await page.click('.node-list summary');
        if (tab === 'graph') await waitForGraph(page);
        assert.equal(await page.$('img'), null, `no <img> element in the ${tab} tab`);
      }
      await showTab(page, 'nodes');
      const names = await page.$$eval('.node-list .node-name', (elements) => elements.map((element) => element.textContent));
      assert.deepEqual(names, [HOSTILE, `${HOSTILE}add`]);
      await showTab(page, 'summary');
      assert.match((await page.textContent('.summary-view')) ?? '', /<img src=x onerror=alert\(1\)>producer/);
      await showTab(page, 'graph');
      await waitForGraph(page);
      const titles = await page.$$eval('.graph-node .item-subtitle', (elements) => elements.map((element) => element.textContent));
      assert.ok(titles.some((title) => title?.startsWith('<img src=x')), `graph subtitles: ${JSON.stringify(titles)}`);
    });
  });

  test('state restores saved tab', async () => {
    await withInspector(
      'dark',
      async (inspector) => {
        const { page } = inspector;
        await showModel(inspector, merged.view);
        await page.waitForSelector('.tab-content[data-tab="initializers"] vscode-table-row');
        assert.deepEqual(await rowNames(page), ['final_logits_bias']);
        assert.equal(await page.$eval('[data-control="initializer-filter"]', (element) => (element as HTMLInputElement).value), 'logits');
      },
      { tab: 'initializers', initializerFilter: 'logits', sortColumn: 'bogus', expanded: 'not an object' },
    );
  });

  test('folder view lists every model', async () => {
    await withInspector('light', async (inspector) => {
      const { page } = inspector;
      await inspector.send({ type: 'strings', strings: DEFAULT_STRINGS });
      await inspector.send({ type: 'folder', folder });
      await page.waitForSelector('.folder-view');
      const paths = await page.$$eval('.folder-model', (elements) => elements.map((element) => element.getAttribute('data-path')));
      assert.deepEqual(paths, folder.models.map((model) => model.path));
      assert.equal(paths.length, 8);
      const sections = await page.$$eval('.folder-view h2', (elements) => elements.map((element) => element.textContent));
      assert.deepEqual(sections, ['ONNX files', 'config.json', 'generation_config.json']);
      assert.match((await page.textContent('.folder-view')) ?? '', /"marian"/);

      await page.click('[data-open-model="onnx/encoder_model.onnx"]');
      assert.deepEqual((await inspector.posted()).at(-1), { type: 'openModel', path: 'onnx/encoder_model.onnx' });
      await screenshot(page, 'inspector-folder-light');
    });
  });

  test('opus-sized decoder draws in view', { skip: !existsSync(OPUS_SIZED) && 'no bench model in .cache' }, async () => {
    const result = await loadModel(new LocalModelSource(OPUS_SIZED));
    assert.ok(result.ok, result.ok ? '' : result.message);
    const branch = result.view.graphs.find((graph) => graph.id === ELSE_BRANCH);
    assert.ok(branch);
    const collapsed = buildGraphModel(branch, { expanded: new Set(), showConstants: false });
    assert.equal(collapsed.groups.length, 6, 'six decoder layers');

    await withInspector(
      'dark',
      async (inspector) => {
        const { page } = inspector;
        const started = Date.now();
        await showModel(inspector, result.view);
        await waitForGraph(page);
        const elapsed = Date.now() - started;
        const drawn = await page.$$eval('.graph-item', (elements) => elements.length);
        console.log(`opus-sized else branch: ${branch.nodes.length} nodes, ${collapsed.items.length} boxes, ${drawn} drawn, ${elapsed} ms to draw`);
        assert.ok(drawn < collapsed.items.length, `${drawn} of ${collapsed.items.length} boxes in the DOM`);
        assert.equal(await page.getAttribute('.graph-svg', 'data-group-count'), '6');

        await showTab(page, 'nodes');
        const count = branch.nodes.length.toLocaleString('en-US');
        assert.equal(await page.textContent('[data-role="node-count"]'), `${count} of ${count} nodes match.`);
        assert.equal(await page.$$eval('.node-list > li', (items) => items.length), 150, 'one page of nodes');
      },
      { tab: 'graph', graphId: ELSE_BRANCH },
    );
  });

  test('high contrast uses contrast borders', async () => {
    await withInspector('high-contrast', async (inspector) => {
      const { page } = inspector;
      await showModel(inspector, merged.view);
      await screenshot(page, 'inspector-summary-high-contrast');
      await showTab(page, 'initializers');
      await screenshot(page, 'inspector-initializers-high-contrast');
      await page.click(`vscode-tab-header[data-tab="graph"]`);
      await page.click(`vscode-tree-item[data-graph-id="${ELSE_BRANCH}"]`);
      await waitForGraph(page);
      await screenshot(page, 'inspector-graph-high-contrast');
      const stroke = await page.$eval('.graph-node .item-box', (element) => getComputedStyle(element).stroke);
      assert.equal(stroke, 'rgb(111, 195, 223)', 'node boxes use the high-contrast border colour');
      const group = await page.$eval('.graph-group .item-box', (element) => getComputedStyle(element).stroke);
      assert.equal(group, 'rgb(111, 195, 223)', 'layer boxes use the high-contrast border colour');
    });
  });

  test('graph arrow keys move focus', async () => {
    await withInspector(
      'dark',
      async (inspector) => {
        const { page } = inspector;
        await showModel(inspector, merged.view);
        await waitForGraph(page);
        const focusedBox = async (): Promise<{ id: string | null }> => ({
          id: await page.evaluate(() => document.activeElement?.getAttribute('data-item') ?? null),
        });

        await page.focus('.graph-item[data-item="n:0"]');
        const start = await focusedBox();
        assert.equal(start.id, 'n:0');
        await page.keyboard.press('ArrowDown');
        const below = await focusedBox();
        assert.notEqual(below.id, 'n:0');
        assert.ok(below.id?.startsWith('n:') || below.id?.startsWith('g:'), `focused ${below.id}`);
        await page.keyboard.press('ArrowUp');
        assert.equal((await focusedBox()).id, 'n:0', 'ArrowUp returns to the box above');
      },
      { tab: 'graph', graphId: ELSE_BRANCH },
    );
  });
});
