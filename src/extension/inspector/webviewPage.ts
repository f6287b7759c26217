/** Webview options and HTML shared by the model editor and the folder view, for new and restored pages. */
import * as vscode from 'vscode';
import { createNonce, renderWebviewHtml } from '../webview/html';

/**
 * Webview options, the same for a new page and one restored after a restart. Scripts run the inspector
 * app; the page may load only the extension's bundled `dist` and `media` files.
 */
export function inspectorWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Returns the page that loads `dist/inspector.js` and `media/inspector.css` under the strict CSP. */
export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return renderWebviewHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'inspector.js')).toString(),
    styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'inspector.css')).toString()],
    title,
  });
}
