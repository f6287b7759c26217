/**
 * The `.onnx` custom editor: a read-only editor that shows the inspector page for a model file. The host
 * sends the localized strings and the model after the page reports `ready`, and computes the statistics
 * of one tensor when the page requests them.
 */
import * as vscode from 'vscode';
import type { HostToInspectorMessage, InspectorToHostMessage } from '../../protocol/inspector-messages';
import { InspectorDocument } from './inspectorDocument';
import { localizedInspectorStrings } from './inspectorStrings';
import { parseInspectorMessage } from './messages';
import { inspectorHtml, inspectorWebviewOptions } from './webviewPage';

/** View type of the editor; `package.json` contributes the same id under `customEditors`. */
export const INSPECTOR_VIEW_TYPE = 'seq2seqLens.onnxInspector';

export class InspectorEditorProvider implements vscode.CustomReadonlyEditorProvider<InspectorDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): Promise<InspectorDocument> {
    return InspectorDocument.open(uri, this.log);
  }

  resolveCustomEditor(document: InspectorDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = inspectorWebviewOptions(this.extensionUri);
    webview.html = inspectorHtml(webview, this.extensionUri, document.uri.path.split('/').at(-1) ?? 'ONNX');

    let ready = false;
    let disposed = false;
    // Statistics may finish after the editor was closed, when the webview no longer accepts messages.
    const post = (message: HostToInspectorMessage): void => {
      if (ready && !disposed) void webview.postMessage(message);
    };
    const disposables: vscode.Disposable[] = [
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseInspectorMessage(raw);
        if (message === undefined) {
          this.log.warn(`Ignored an unknown message from the inspector: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        if (message.type === 'ready') ready = true;
        void this.handle(document, message, post);
      }),
      document.onDidChange(() => post(document.contentMessage)),
    ];
    panel.onDidDispose(() => {
      disposed = true;
      for (const disposable of disposables.splice(0)) disposable.dispose();
    });
  }

  private async handle(
    document: InspectorDocument,
    message: InspectorToHostMessage,
    post: (message: HostToInspectorMessage) => void,
  ): Promise<void> {
    switch (message.type) {
      case 'ready':
        post({ type: 'strings', strings: localizedInspectorStrings() });
        post(document.contentMessage);
        return;
      case 'requestStats':
        try {
          const stats = await document.tensorStats(message.name);
          this.log.info(`Statistics of "${message.name}" (${stats.elementCount} values) took ${Math.round(stats.elapsedMs)} ms.`);
          post({ type: 'tensorStats', name: message.name, stats, error: null });
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          this.log.warn(`Statistics of "${message.name}" failed: ${text}`);
          post({ type: 'tensorStats', name: message.name, stats: null, error: text });
        }
        return;
      case 'openModel':
        // Only the folder view sends this.
        this.log.warn(`Ignored openModel from a model editor: ${message.path}`);
        return;
    }
  }
}
