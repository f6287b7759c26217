/**
 * Entry point of the extension host: creates the output channel, the model manager, the side panel and
 * the status bar entry, and registers the commands. Everything created here is disposed in `deactivate`.
 */
import * as vscode from 'vscode';
import type { Trace } from '../protocol/trace';
import { Translator } from '../translate';
import { COMMANDS, PANEL_VIEW_ID } from './commandIds';
import { chooseOutputMode } from './commands/chooseOutputMode';
import { selectModel } from './commands/selectModel';
import { showAttention } from './commands/showAttention';
import { translateSelection } from './commands/translateSelection';
import { translateText } from './commands/translateText';
import { registerInspector } from './inspector';
import { ModelManager } from './modelManager';
import { type PanelStatus, PanelProvider } from './panel/panelProvider';
import { PanelState } from './panelState';
import { MODEL_SETTING_KEYS, SETTINGS_SECTION } from './settings';
import { ModelStatusBar } from './statusBar';
import { TranslationService } from './translationService';

/** API returned by `activate`; the extension tests read it through `extension.exports`. */
export interface Seq2SeqLensApi {
  /** The trace of the last translation that recorded one. */
  readonly lastTrace: Trace | null;
  readonly panelStatus: PanelStatus;
}

const disposables: vscode.Disposable[] = [];

export function activate(context: vscode.ExtensionContext): Seq2SeqLensApi {
  const log = vscode.window.createOutputChannel('Seq2Seq Lens', { log: true });
  disposables.push(log);

  const manager = new ModelManager((dir, options) => Translator.load(dir, options), log);
  disposables.push(manager);

  const panelState = new PanelState();
  const panel = new PanelProvider(context.extensionUri, panelState, log);
  disposables.push(panel, vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel));

  const service = new TranslationService(context.extensionUri, manager, panelState, log);
  const statusBar = new ModelStatusBar(service, manager);
  disposables.push(statusBar, manager.onDidChangeState(() => statusBar.update()));

  disposables.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      if (MODEL_SETTING_KEYS.some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`))) {
        log.info('Model settings changed; the loaded model is unloaded and the next run loads the new one.');
        manager.unload();
      }
      statusBar.update();
    }),
  );

  disposables.push(
    vscode.commands.registerCommand(COMMANDS.translateSelection, (argument?: unknown) => translateSelection(service, log, argument)),
    vscode.commands.registerCommand(COMMANDS.translateText, () => translateText(service, log)),
    vscode.commands.registerCommand(COMMANDS.chooseOutputMode, () => chooseOutputMode(log)),
    vscode.commands.registerCommand(COMMANDS.selectModel, () => selectModel(context.extensionUri, log)),
    vscode.commands.registerCommand(COMMANDS.showAttention, () => showAttention(panelState)),
  );
  disposables.push(...registerInspector(context.extensionUri, log));

  log.info(`Activated Seq2Seq Lens ${String(context.extension.packageJSON.version)} in VS Code ${vscode.version}.`);
  return {
    get lastTrace() {
      return panelState.trace;
    },
    get panelStatus() {
      return panel.status;
    },
  };
}

export function deactivate(): void {
  for (const disposable of disposables.splice(0).reverse()) disposable.dispose();
}
