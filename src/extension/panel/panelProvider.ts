/**
 * The side panel: a webview view that shows the last trace. The host sends the localized strings and the
 * trace after the panel script reports `ready`, then every new trace and run status.
 */
import * as vscode from 'vscode';
import type { HostToPanelMessage, PanelToHostMessage } from '../../protocol/messages';
import { traceToJson } from '../../protocol/trace';
import { reportError } from '../notifications';
import type { PanelState } from '../panelState';
import { createNonce, renderWebviewHtml } from '../webview/html';
import { exportFileName, imageFileBytes, parsePanelMessage } from './panelMessages';
import { localizedPanelStrings } from './panelStrings';

/**
 * Webview options, the same for a new view and one restored after a reload. Scripts are needed for the
 * panel app; the webview may load only the extension's bundled `dist` and `media` files.
 */
export function panelWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Counters the extension tests read through the extension's API. */
export interface PanelStatus {
  /** VS Code has created the view (it was opened at least once). */
  readonly resolved: boolean;
  /** The panel script reported `ready` in the current view. */
  readonly ready: boolean;
  /** Trace messages posted since activation. */
  readonly tracesPosted: number;
}

export class PanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private tracesPosted = 0;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly stateSubscription: { dispose(): void };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly state: PanelState,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.stateSubscription = state.onDidChange((change) => {
      if (change === 'trace') void this.postTrace();
      else void this.post({ type: 'status', busy: state.status.busy, text: state.status.text });
    });
  }

  get status(): PanelStatus {
    return { resolved: this.view !== undefined, ready: this.ready, tracesPosted: this.tracesPosted };
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;

    const webview = view.webview;
    webview.options = panelWebviewOptions(this.extensionUri);
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString()],
      title: vscode.l10n.t('Seq2Seq Lens'),
    });

    this.viewDisposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parsePanelMessage(raw);
    if (message === undefined) {
      this.log.warn(`Ignored an unknown message from the panel: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      reportError(error, this.log);
    }
  }

  private async handle(message: PanelToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.post({ type: 'strings', strings: localizedPanelStrings() });
        await this.postTrace();
        return;
      case 'exportTrace':
        await this.exportTrace();
        return;
      case 'exportImage':
        await this.saveFile(
          exportFileName(message.suggestedName, message.format),
          imageFileBytes(message.format, message.data),
          message.format === 'png' ? { [vscode.l10n.t('PNG image')]: ['png'] } : { [vscode.l10n.t('SVG image')]: ['svg'] },
        );
        return;
    }
  }

  private async exportTrace(): Promise<void> {
    const trace = this.state.trace;
    if (trace === null) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no trace to export yet. Translate some text first.'));
      return;
    }
    const stamp = trace.createdAt.replace(/[:.]/g, '-');
    const bytes = new TextEncoder().encode(traceToJson(trace));
    await this.saveFile(exportFileName(`trace-${stamp}`, 'json'), bytes, { [vscode.l10n.t('Trace JSON')]: ['json'] });
  }

  /** Asks where to save, writes the file and logs it; does nothing when the dialog is dismissed. */
  private async saveFile(name: string, bytes: Uint8Array, filters: Record<string, string[]>): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      defaultUri: folder !== undefined ? vscode.Uri.joinPath(folder, name) : undefined,
      filters,
      saveLabel: vscode.l10n.t('Export'),
    });
    if (uri === undefined) return;
    await vscode.workspace.fs.writeFile(uri, bytes);
    this.log.info(`Exported ${bytes.byteLength} bytes to ${uri.toString()}.`);
  }

  private async postTrace(): Promise<void> {
    if (await this.post({ type: 'trace', trace: this.state.trace })) this.tracesPosted += 1;
  }

  /** Posts to the panel once it is ready; returns whether the message was delivered. */
  private async post(message: HostToPanelMessage): Promise<boolean> {
    if (this.view === undefined || !this.ready) return false;
    return this.view.webview.postMessage(message);
  }

  private disposeView(): void {
    for (const disposable of this.viewDisposables.splice(0)) disposable.dispose();
  }

  dispose(): void {
    this.disposeView();
    this.stateSubscription.dispose();
    this.view = undefined;
  }
}
