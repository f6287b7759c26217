/** The status bar entry with the active model; a click runs Select Model. */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import { readConfiguredSettings } from './configuration';
import type { ModelManager } from './modelManager';
import type { TranslationService } from './translationService';

export class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('seq2seqLens.model', vscode.StatusBarAlignment.Right, 100);

  constructor(
    private readonly service: TranslationService,
    private readonly manager: ModelManager,
  ) {
    this.item.name = vscode.l10n.t('Seq2Seq Lens Model');
    this.item.command = COMMANDS.selectModel;
    this.update();
    this.item.show();
  }

  /** Refreshes the text from the settings and the load state; call after either changes. */
  update(): void {
    let spec;
    try {
      spec = this.service.modelSpec(readConfiguredSettings());
    } catch (error) {
      this.item.text = `$(warning) ${vscode.l10n.t('Seq2Seq Lens')}`;
      this.item.tooltip = `${(error as Error).message}\n${vscode.l10n.t('Click to select a model.')}`;
      return;
    }

    const name = basename(spec.dir);
    const state = this.manager.state(spec);
    const icon = state === 'loading' ? '$(loading~spin)' : '$(symbol-namespace)';
    let stateText = vscode.l10n.t('loads on first use');
    if (state === 'loaded') stateText = vscode.l10n.t('loaded');
    if (state === 'loading') stateText = vscode.l10n.t('loading…');
    this.item.text = `${icon} ${name}`;
    this.item.tooltip = [
      vscode.l10n.t('Seq2Seq Lens model: {0} ({1})', name, stateText),
      spec.dir,
      vscode.l10n.t('Click to select another model.'),
    ].join('\n');
  }

  dispose(): void {
    this.item.dispose();
  }
}
