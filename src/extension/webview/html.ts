/**
 * HTML of a webview page with a strict Content Security Policy. Pure: no `vscode` import, so it is tested
 * in Node and in a real browser with the same CSP as inside VS Code.
 *
 * The policy allows only the extension's own files (`cspSource`) for styles, fonts and images, `data:` and
 * `blob:` images (canvas thumbnails inside exported SVG, SVG-to-PNG export), and scripts carrying the
 * page's nonce. Everything else, remote content included, is blocked by `default-src 'none'`.
 */

export interface WebviewHtmlOptions {
  /** `webview.cspSource` unchanged, e.g. "https://*.vscode-cdn.net". */
  readonly cspSource: string;
  /** A fresh value from `createNonce()` for every page load. */
  readonly nonce: string;
  /** Script URI from `webview.asWebviewUri`. */
  readonly scriptUri: string;
  /** Stylesheet URIs from `webview.asWebviewUri`, in load order. */
  readonly styleUris: readonly string[];
  readonly title: string;
  /** Attributes of the `<body>` element, e.g. `{ "data-view": "panel" }`. */
  readonly bodyAttributes?: Readonly<Record<string, string>>;
}

/** Raised for options that would break the page or its policy; the message quotes the value. */
export class WebviewHtmlError extends Error {
  override readonly name = 'WebviewHtmlError';
}

const NONCE_PATTERN = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/;

/** Returns a random nonce of 32 base64url characters (24 random bytes). */
export function createNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Escapes text for use inside a double-quoted attribute value or as element text. Single quotes stay as
 * they are, so the CSP keywords ('none', 'nonce-…') read as written in the page source.
 */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function validate(options: WebviewHtmlOptions): void {
  if (!NONCE_PATTERN.test(options.nonce)) {
    throw new WebviewHtmlError(`Invalid nonce ${JSON.stringify(options.nonce)}: use createNonce().`);
  }
  // A source list may contain several sources and quoted keywords (code-server adds 'self'), so spaces and
  // quotes are valid. A ";" or "," would start another directive or policy.
  if (options.cspSource.trim() === '' || /[;,\r\n]/.test(options.cspSource)) {
    throw new WebviewHtmlError(`Invalid cspSource ${JSON.stringify(options.cspSource)}: pass webview.cspSource unchanged.`);
  }
  for (const name of Object.keys(options.bodyAttributes ?? {})) {
    if (!ATTRIBUTE_NAME.test(name) || name.startsWith('on')) {
      throw new WebviewHtmlError(`Invalid body attribute name ${JSON.stringify(name)}: use lower-case names that do not start with "on".`);
    }
  }
}

/** Returns the Content-Security-Policy value for a page with the given source and nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Builds the page. Throws WebviewHtmlError for an invalid nonce, CSP source or body attribute name. */
export function renderWebviewHtml(options: WebviewHtmlOptions): string {
  validate(options);
  const csp = contentSecurityPolicy(options.cspSource.trim(), options.nonce);
  const styles = options.styleUris.map((uri) => `    <link rel="stylesheet" href="${escapeHtml(uri)}">`);
  const bodyAttributes = Object.entries(options.bodyAttributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="UTF-8">',
    `    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '    <meta name="viewport" content="width=device-width, initial-scale=1.0">',
    ...styles,
    `    <title>${escapeHtml(options.title)}</title>`,
    '  </head>',
    `  <body${bodyAttributes}>`,
    `    <script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>`,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}
