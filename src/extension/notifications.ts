/** Shows command errors to the user with an action that helps, and logs them with their stack. */
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import { describeError } from './errorInfo';
import { SETTINGS_SECTION } from './settings';

/**
 * Logs `error` and shows it. The notification is not awaited, so a command returns while the message is
 * still open. A cancellation is logged and shown as information, not as an error.
 */
export function reportError(error: unknown, log: vscode.LogOutputChannel): void {
  const info = describeError(error);
  if (info.kind === 'cancelled') {
    log.info('Translation cancelled by the user.');
    void vscode.window.showInformationMessage(vscode.l10n.t('Translation cancelled. The document was not changed.'));
    return;
  }

  log.error(error instanceof Error ? error : String(error));
  const selectModel = vscode.l10n.t('Select Model…');
  const openSettings = vscode.l10n.t('Open Settings');
  const showLog = vscode.l10n.t('Show Log');

  const actions: string[] = [];
  if (info.action === 'selectModel') actions.push(selectModel);
  if (info.action === 'openSettings') actions.push(openSettings);
  if (info.unexpected) actions.push(showLog);

  const message = info.unexpected ? vscode.l10n.t('Translation failed: {0}', info.message) : info.message;
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === selectModel) void vscode.commands.executeCommand(COMMANDS.selectModel);
    if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_SECTION);
    if (choice === showLog) log.show(true);
  });
}
