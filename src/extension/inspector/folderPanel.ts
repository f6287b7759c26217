/**
 * "Inspect Model Folder…": shows a folder picker, then the folder's config files and a summary of each
 * `.onnx` file in a webview panel. A panel restored after a restart reads the folder again from the URI its page
 * saved in its state.
 */
import * as vscode from 'vscode';
import type { FolderView, HostToInspectorMessage } from '../../protocol/inspector-messages';
import { buildFolderView } from './folderSummary';
import { INSPECTOR_VIEW_TYPE } from './editorProvider';
import { localizedInspectorStrings } from './inspectorStrings';
import { parseInspectorMessage } from './messages';
import { inspectorHtml, inspectorWebviewOptions } from './webviewPage';
import { modelFolderFor } from './workspaceSource';

/** Command id; `package.json` contributes the same id. */
export const INSPECT_FOLDER_COMMAND = 'seq2seqLens.inspectModelFolder';
/** View type of the folder panel, used to restore it. */
export const FOLDER_VIEW_TYPE = 'seq2seqLens.modelFolder';

/** Reads the folder with a progress notification; the view lists each model file or why it cannot be read. */
async function readFolder(folder: vscode.Uri): Promise<FolderView> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading model folder') },
    (progress) =>
      buildFolderView(modelFolderFor(folder), (path, index, total) =>
        progress.report({ message: vscode.l10n.t('{0} ({1} of {2})', path, index + 1, total), increment: 100 / total }),
      ),
  );
}

/** Fills `panel` with the folder view of `folder` and handles its messages. */
function showFolder(panel: vscode.WebviewPanel, folder: vscode.Uri, extensionUri: vscode.Uri, log: vscode.LogOutputChannel): void {
  const webview = panel.webview;
  webview.options = inspectorWebviewOptions(extensionUri);
  webview.html = inspectorHtml(webview, extensionUri, panel.title);
  const view = readFolder(folder);
  view.then(
    (result) => log.info(`Inspected model folder ${result.folder}: ${result.models.length} ONNX files.`),
    (error: unknown) => log.error(`Reading model folder ${folder.toString(true)} failed: ${String(error)}`),
  );

  let disposed = false;
  const post = (message: HostToInspectorMessage): void => {
    if (!disposed) void webview.postMessage(message);
  };
  const subscription = webview.onDidReceiveMessage(async (raw: unknown) => {
    const message = parseInspectorMessage(raw);
    if (message?.type === 'ready') {
      post({ type: 'strings', strings: localizedInspectorStrings() });
      try {
        post({ type: 'folder', folder: await view });
      } catch (error) {
        post({ type: 'loadError', fileName: folder.toString(true), message: error instanceof Error ? error.message : String(error) });
      }
    } else if (message?.type === 'openModel') {
      // Only a file the view listed may be opened, so a page cannot name any other path.
      const listed = await view.then(
        (result) => result.models.some((model) => model.path === message.path),
        () => false,
      );
      if (!listed) {
        log.warn(`Ignored openModel for a file the folder view did not list: ${message.path}`);
        return;
      }
      const uri = vscode.Uri.joinPath(folder, ...message.path.split('/'));
      await vscode.commands.executeCommand('vscode.openWith', uri, INSPECTOR_VIEW_TYPE);
    } else {
      log.warn(`Ignored an unexpected message from the folder view: ${JSON.stringify(raw)?.slice(0, 200)}`);
    }
  });
  panel.onDidDispose(() => {
    disposed = true;
    subscription.dispose();
  });
}

/** Runs the command: a folder picker, then the panel. Errors are logged and shown instead of thrown. */
export async function inspectModelFolder(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await pickAndShowFolder(extensionUri, log);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    log.error(`Inspect Model Folder failed: ${text}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Inspect Model Folder failed: {0}', text));
  }
}

async function pickAndShowFolder(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: vscode.l10n.t('Inspect'),
    title: vscode.l10n.t('Choose a model folder'),
  });
  const folder = picked?.[0];
  if (folder === undefined) return;
  const title = vscode.l10n.t('Model folder: {0}', folder.path.split('/').filter((part) => part !== '').at(-1) ?? folder.path);
  const panel = vscode.window.createWebviewPanel(FOLDER_VIEW_TYPE, title, vscode.ViewColumn.Active, inspectorWebviewOptions(extensionUri));
  showFolder(panel, folder, extensionUri, log);
}

/**
 * Restores folder panels after a restart from the folder URI the page saved.
 * NOTE: the manifest lists no `onWebviewPanel` activation event, so the extension may not be active when
 * VS Code restores a folder panel. Restoring after a restart is untested.
 */
export class FolderPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = (state as { folderUri?: unknown } | null)?.folderUri;
    if (typeof saved !== 'string') {
      this.log.warn('Closed a restored model folder panel whose state names no folder.');
      panel.dispose();
      return;
    }
    showFolder(panel, vscode.Uri.parse(saved, true), this.extensionUri, this.log);
  }
}
