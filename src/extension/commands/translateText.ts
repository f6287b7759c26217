/** Translate Text…: translates text typed into an input box and shows the result with Copy and Insert. */
import * as vscode from 'vscode';
import { readConfiguredSettings } from '../configuration';
import { reportError } from '../notifications';
import type { TranslationService } from '../translationService';
import { showTranslation } from './showTranslation';

/** Returns the translation, or `undefined` when the input was dismissed or the run failed. */
export async function translateText(service: TranslationService, log: vscode.LogOutputChannel): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Translate Text'),
    prompt: vscode.l10n.t('Text to translate with the active model'),
    ignoreFocusOut: true,
  });
  if (text === undefined || text.trim() === '') return undefined;

  try {
    const result = await service.translate([text], readConfiguredSettings());
    const translation = result.translations[0];
    void showTranslation(translation);
    return translation;
  } catch (error) {
    reportError(error, log);
    return undefined;
  }
}
