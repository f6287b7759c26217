/** Shows a translation in a notification with Copy, Insert and Open in Editor actions. */
import * as vscode from 'vscode';

/**
 * Shows `text` and performs the action the user picks. Resolves when the notification closes, so callers
 * that must not wait for the user call it without `await`.
 */
export async function showTranslation(text: string): Promise<void> {
  const copy = vscode.l10n.t('Copy');
  const insert = vscode.l10n.t('Insert');
  const open = vscode.l10n.t('Open in Editor');
  const actions = vscode.window.activeTextEditor === undefined ? [copy, open] : [copy, insert, open];

  const choice = await vscode.window.showInformationMessage(text, ...actions);
  if (choice === copy) {
    await vscode.env.clipboard.writeText(text);
  } else if (choice === insert) {
    const editor = vscode.window.activeTextEditor;
    // Inserts at every cursor and replaces selected text, like typing or pasting would.
    await editor?.edit((builder) => {
      for (const selection of editor.selections) builder.replace(selection, text);
    });
  } else if (choice === open) {
    const document = await vscode.workspace.openTextDocument({ content: text });
    await vscode.window.showTextDocument(document, { preview: false });
  }
}
