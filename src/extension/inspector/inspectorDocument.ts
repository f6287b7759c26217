/**
 * The document behind a model editor: one `.onnx` file, loaded once and reloaded when the file changes
 * on disk. Editors of the same file share it.
 */
import * as vscode from 'vscode';
import type { HostToInspectorMessage, TensorStatsView } from '../../protocol/inspector-messages';
import { ExtensionError } from '../errors';
import { loadModel, type LoadedModel } from './loadModel';
import type { ModelSource } from './modelSource';
import { computeTensorStats } from './tensorStats';
import { modelSourceFor } from './workspaceSource';

export class InspectorDocument implements vscode.CustomDocument {
  private loaded: LoadedModel | null = null;
  private message: HostToInspectorMessage;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires after the file changed on disk and was loaded again. */
  readonly onDidChange = this.changed.event;

  private constructor(
    readonly uri: vscode.Uri,
    private readonly source: ModelSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.message = { type: 'loadError', fileName: source.fileName, message: vscode.l10n.t('The file has not been read yet.') };
  }

  /** Opens the document and loads the file; a file that cannot be read gives a document showing why. */
  static async open(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<InspectorDocument> {
    const document = new InspectorDocument(uri, modelSourceFor(uri), log);
    await document.load();
    document.watch();
    return document;
  }

  /** The message that shows the current content: the model, or why it cannot be shown. */
  get contentMessage(): HostToInspectorMessage {
    return this.message;
  }

  /** Computes the statistics of one tensor of the loaded model. */
  async tensorStats(name: string): Promise<TensorStatsView> {
    if (this.loaded === null) throw new ExtensionError(vscode.l10n.t('The model is not loaded, so it has no tensor "{0}".', name));
    return computeTensorStats(this.loaded, this.source, name);
  }

  private async load(): Promise<void> {
    const started = Date.now();
    try {
      const result = await loadModel(this.source);
      if (result.ok) {
        this.loaded = result;
        this.message = { type: 'model', model: result.view };
        this.log.info(`Inspector loaded ${this.uri.toString(true)} in ${Date.now() - started} ms.`);
      } else {
        this.loaded = null;
        this.message = { type: 'loadError', fileName: this.source.fileName, message: result.message };
        this.log.warn(`Inspector cannot show ${this.uri.toString(true)}: ${result.message}`);
      }
    } catch (error) {
      // An I/O error or a bug: the editor shows it instead of failing to open.
      this.loaded = null;
      const text = error instanceof Error ? error.message : String(error);
      this.message = { type: 'loadError', fileName: this.source.fileName, message: text };
      this.log.error(`Inspector failed to read ${this.uri.toString(true)}: ${error instanceof Error ? (error.stack ?? text) : text}`);
    }
  }

  private watch(): void {
    const folder = vscode.Uri.joinPath(this.uri, '..');
    // Glob characters in the file name are matched literally by putting each one in brackets.
    const pattern = this.source.fileName.replace(/[[\]{}*?]/g, (character) => `[${character}]`);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, pattern));
    const reload = (): void => {
      void this.load().then(() => this.changed.fire());
    };
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.loaded = null;
  }
}
