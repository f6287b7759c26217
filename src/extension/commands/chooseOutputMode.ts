/** Choose Output Mode…: a quick pick that sets `seq2seqLens.outputMode`. */
import * as vscode from 'vscode';
import { readConfiguredSettings, updateSetting } from '../configuration';
import { reportError } from '../notifications';
import { OUTPUT_MODES, type OutputMode } from '../settings';

interface ModeItem extends vscode.QuickPickItem {
  readonly mode: OutputMode;
}

function describeMode(mode: OutputMode): { label: string; detail: string } {
  switch (mode) {
    case 'replace':
      return { label: vscode.l10n.t('Replace'), detail: vscode.l10n.t('Replace each selection with its translation.') };
    case 'insertBelow':
      return { label: vscode.l10n.t('Insert Below'), detail: vscode.l10n.t('Insert each translation on new lines below its selection.') };
    case 'show':
      return { label: vscode.l10n.t('Show'), detail: vscode.l10n.t('Show the translation in a notification and leave the document as it is.') };
  }
}

/** Returns the chosen mode, or `undefined` when the user dismissed the pick. */
export async function chooseOutputMode(log: vscode.LogOutputChannel): Promise<OutputMode | undefined> {
  try {
    const current = readConfiguredSettings().outputMode;
    const items: ModeItem[] = OUTPUT_MODES.map((mode) => ({
      ...describeMode(mode),
      description: mode === current ? vscode.l10n.t('current') : undefined,
      mode,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Output Mode of Translate Selection') });
    if (picked === undefined) return undefined;
    await updateSetting('outputMode', picked.mode);
    return picked.mode;
  } catch (error) {
    reportError(error, log);
    return undefined;
  }
}
