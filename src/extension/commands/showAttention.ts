/** Show Attention: opens the side panel on the trace of the last translation. */
import * as vscode from 'vscode';
import { COMMANDS, PANEL_VIEW_ID } from '../commandIds';
import { readConfiguredSettings } from '../configuration';
import type { PanelState } from '../panelState';
import { SETTINGS_SECTION } from '../settings';

/**
 * Opens the panel. When there is no trace yet, it also shows the reason and offers the fix, without waiting
 * for the user's choice.
 */
export async function showAttention(panel: PanelState): Promise<void> {
  // `<view id>.focus` is the command VS Code creates for every view; it opens the container too.
  await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
  if (panel.trace !== null) return;

  let captureOn = true;
  try {
    captureOn = readConfiguredSettings().capture;
  } catch {
    // An invalid setting is reported by the next translation; here the default message is enough.
  }
  if (!captureOn) {
    const openSettings = vscode.l10n.t('Open Settings');
    const message = vscode.l10n.t('Capture is off (seq2seqLens.capture), so translations record no attention. Turn it on and translate again.');
    void vscode.window.showInformationMessage(message, openSettings).then((choice) => {
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.capture`);
    });
    return;
  }
  const translate = vscode.l10n.t('Translate Selection');
  void vscode.window.showInformationMessage(vscode.l10n.t('No translation yet. Translate some text first.'), translate).then((choice) => {
    if (choice === translate) void vscode.commands.executeCommand(COMMANDS.translateSelection);
  });
}
