/**
 * Runs the panel bundle in Debian's Chromium as VS Code would. The page comes from `renderWebviewHtml` with
 * the same CSP and is served on 127.0.0.1 by a small HTTP server. A stub of `acquireVsCodeApi` records
 * posted messages and keeps the state. The browser resolves no host but 127.0.0.1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, renderWebviewHtml } from '../../src/extension/webview/html';
import { traceToJson, type Trace } from '../../src/protocol/trace';

export type ThemeName = 'light' | 'dark' | 'high-contrast';

const THEMES: readonly ThemeName[] = ['light', 'dark', 'high-contrast'];

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'webview.js');

/** Files the page may load, by URL path. Any other path gets a 404 response. */
const FILES: Readonly<Record<string, { readonly path: string; readonly type: string }>> = {
  '/dist/webview.js': { path: BUNDLE, type: 'text/javascript' },
  '/media/panel.css': { path: join(ROOT, 'media', 'panel.css'), type: 'text/css' },
  '/theme/light.css': { path: join(ROOT, 'test', 'browser', 'theme-light.css'), type: 'text/css' },
  '/theme/dark.css': { path: join(ROOT, 'test', 'browser', 'theme-dark.css'), type: 'text/css' },
  '/theme/high-contrast.css': { path: join(ROOT, 'test', 'browser', 'theme-high-contrast.css'), type: 'text/css' },
};

/** Builds `dist/webview.js` with the options of scripts/build.mjs when `npm run build` has not made it. */
export async function ensureBundle(): Promise<void> {
  if (existsSync(BUNDLE)) return;
  await esbuild.build({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: true,
    entryPoints: [join(ROOT, 'webview', 'panel', 'main.ts')],
    outfile: BUNDLE,
    logLevel: 'warning',
  });
}

export interface PanelServer {
  readonly origin: string;
  /** Paths of every request the server received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1. `/panel?theme=dark` is the page (light, dark or high-contrast). */
export async function startPanelServer(): Promise<PanelServer> {
  const requests: string[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    requests.push(url.pathname);

    if (url.pathname === '/panel') {
      const requested = url.searchParams.get('theme') as ThemeName;
      const theme: ThemeName = THEMES.includes(requested) ? requested : 'dark';
      const html = renderWebviewHtml({
        cspSource: origin,
        nonce: createNonce(),
        scriptUri: `${origin}/dist/webview.js`,
        styleUris: [`${origin}/theme/${theme}.css`, `${origin}/media/panel.css`],
        title: 'Seq2Seq Lens',
        bodyAttributes: { class: `vscode-${theme}`, 'data-vscode-theme-kind': `vscode-${theme}` },
      });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = FILES[url.pathname];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type });
    response.end(readFileSync(file.path));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Launches Debian's Chromium headless, reaching only 127.0.0.1. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

export interface PanelPage {
  readonly page: Page;
  /** Console messages of type error or warning, and page errors. */
  readonly problems: string[];
  /** URLs the page requested outside the test server. */
  readonly foreignRequests: string[];
  /** Messages the panel posted to the host, in order (JSON copies, as VS Code delivers them). */
  posted(): Promise<unknown[]>;
  /** The state last given to `setState`. */
  state(): Promise<unknown>;
  /** CSP violations reported by `securitypolicyviolation` events. */
  cspViolations(): Promise<string[]>;
  /** Sends a host message to the panel. */
  send(message: unknown): Promise<void>;
  /** Sends a trace with real typed arrays, as structured cloning delivers it, and waits for a view. */
  sendTrace(trace: Trace): Promise<void>;
  close(): Promise<void>;
}

/** Stands in for VS Code: records messages and state; like VS Code, it can be acquired only once. */
function installVsCodeStub(initialState: unknown): void {
  const target = window as unknown as Record<string, unknown>;
  target.__posted = [];
  target.__state = initialState;
  target.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    (target.__cspViolations as string[]).push(`${event.violatedDirective} blocked ${event.blockedURI}`);
  });
  let acquired = false;
  target.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage: (message: unknown) => (target.__posted as unknown[]).push(JSON.parse(JSON.stringify(message))),
      getState: () => target.__state,
      setState: (state: unknown) => {
        target.__state = JSON.parse(JSON.stringify(state));
        return state;
      },
    };
  };
}

/** Decodes the `traceToJson` form into typed arrays inside the page and posts it as a host message. */
function postDecodedTrace(json: string): void {
  const bytesOf = (text: string): ArrayBuffer => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (typeof record.$f32 === 'string') return new Float32Array(bytesOf(record.$f32));
    if (typeof record.$i32 === 'string') return new Int32Array(bytesOf(record.$i32));
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, decode(item)]));
  };
  window.postMessage({ type: 'trace', trace: decode(JSON.parse(json)) }, '*');
}

/** Opens the panel page in a new context with `initialState` as the saved webview state. */
export async function openPanel(browser: Browser, server: PanelServer, theme: ThemeName, initialState?: unknown): Promise<PanelPage> {
  const context = await browser.newContext({ viewport: { width: 520, height: 900 } });
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
    const url = request.url();
    if (!url.startsWith(server.origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });

  // tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(...)`. Functions
  // sent into the page (init scripts, page.evaluate callbacks) need that helper there too.
  await page.addInitScript({ content: 'window.__name = (target) => target;' });
  await page.addInitScript(installVsCodeStub, initialState);
  await page.goto(`${server.origin}/panel?theme=${theme}`);
  await page
    .waitForFunction(() => ((window as unknown as { __posted: unknown[] }).__posted ?? []).length > 0, undefined, { timeout: 5000 })
    .catch((error: Error) => {
      throw new Error(`The panel did not post "ready" within 5 s (${error.message}); page problems: ${JSON.stringify(problems)}`);
    });

  const read = <T>(name: string): Promise<T> => page.evaluate((key) => (window as unknown as Record<string, T>)[key], name);
  return {
    page,
    problems,
    foreignRequests,
    posted: () => read<unknown[]>('__posted'),
    state: () => read<unknown>('__state'),
    cspViolations: () => read<string[]>('__cspViolations'),
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    sendTrace: async (trace) => {
      await page.evaluate(postDecodedTrace, traceToJson(trace));
      await page.waitForSelector('.tab-content .view');
    },
    close: () => context.close(),
  };
}
