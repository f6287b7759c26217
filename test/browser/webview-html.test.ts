/** The webview page builder: exact policy, escaping and rejected options (runs in Node, no browser). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, createNonce, renderWebviewHtml, WebviewHtmlError } from '../../src/extension/webview/html';

const NONCE = 'abcdefghijklmnopqrstuvwxyz012345';

test('CSP allows only own files and nonce', () => {
  assert.equal(
    contentSecurityPolicy('https://*.vscode-cdn.net', NONCE),
    `default-src 'none'; img-src https://*.vscode-cdn.net data: blob:; style-src https://*.vscode-cdn.net; font-src https://*.vscode-cdn.net; script-src 'nonce-${NONCE}'`,
  );
});

test('page escapes title, URIs and attributes', () => {
  const page = renderWebviewHtml({
    cspSource: "'self' https://*.vscode-cdn.net",
    nonce: NONCE,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js?a=1&b="2"',
    styleUris: ['https://x/media/panel.css', 'https://x/media/other.css'],
    title: '<b>Lens</b>',
    bodyAttributes: { 'data-view': 'panel "main"' },
  });

  assert.match(page, /<title>&lt;b&gt;Lens&lt;\/b&gt;<\/title>/);
  assert.match(page, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js\?a=1&amp;b=&quot;2&quot;"/);
  assert.match(page, /<body data-view="panel &quot;main&quot;">/);
  assert.equal(page.match(/<link rel="stylesheet"/g)?.length, 2);
  assert.equal(page.match(/<script /g)?.length, 1);
  assert.match(page, new RegExp(`<script nonce="${NONCE}" `));
  assert.match(page, /content="default-src 'none'; img-src 'self' https:\/\/\*\.vscode-cdn\.net data: blob:;/);
});

test('page rejects unsafe options', () => {
  const base = { cspSource: 'https://x', nonce: NONCE, scriptUri: 'https://x/a.js', styleUris: [], title: 't' };

  assert.throws(() => renderWebviewHtml({ ...base, nonce: "abc' 'unsafe-inline" }), WebviewHtmlError);
  assert.throws(() => renderWebviewHtml({ ...base, nonce: 'short' }), /Invalid nonce "short": use createNonce\(\)\./);
  assert.throws(() => renderWebviewHtml({ ...base, cspSource: "https://x; script-src 'unsafe-inline'" }), /Invalid cspSource/);
  assert.throws(() => renderWebviewHtml({ ...base, cspSource: '  ' }), /Invalid cspSource/);
  assert.throws(() => renderWebviewHtml({ ...base, bodyAttributes: { onload: 'x()' } }), /Invalid body attribute name "onload"/);
  assert.throws(() => renderWebviewHtml({ ...base, bodyAttributes: { 'a b': 'x' } }), /Invalid body attribute name "a b"/);
});

test('nonce is 32 url-safe characters and fresh', () => {
  const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));

  assert.equal(nonces.size, 50);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{32}$/);
});
