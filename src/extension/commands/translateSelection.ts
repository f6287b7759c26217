/**
 * Translate Selection: translates every non-empty selection of the active editor and applies the result
 * as the output mode sets, in one `editor.edit` so that one undo reverts it. A failed or cancelled run,
 * or a document that changed during the run, leaves the document as it was.
 */
import * as vscode from 'vscode';
import { readConfiguredSettings } from '../configuration';
import { describeError } from '../errorInfo';
import { reportError } from '../notifications';
import { type PlannedEdit, planEdits } from '../outputEdits';
import { ExtensionError } from '../errors';
import { OUTPUT_MODES, type OutputMode } from '../settings';
import type { TranslationService } from '../translationService';
import { showTranslation } from './showTranslation';

/** Outcome of one run, returned to callers of `executeCommand` (the extension tests read it). */
export type SelectionOutcome =
  | { readonly status: 'applied' | 'shown'; readonly translations: readonly string[] }
  | { readonly status: 'noEditor' | 'noSelection' | 'stale' | 'cancelled' | 'failed' };

function toVscodeRange(edit: PlannedEdit): vscode.Range {
  const { start, end } = edit.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/**
 * Returns the output mode that the command argument selects: a keybinding may pass one (`"args": "show"`),
 * while the editor context menu passes the document URI, which selects nothing.
 */
function modeFromArgument(argument: unknown): OutputMode | undefined {
  if (typeof argument !== 'string') return undefined;
  if (OUTPUT_MODES.includes(argument as OutputMode)) return argument as OutputMode;
  throw new ExtensionError(`Invalid output mode "${argument}" in the command argument. Use one of ${OUTPUT_MODES.join(', ')}.`);
}

export async function translateSelection(
  service: TranslationService,
  log: vscode.LogOutputChannel,
  argument?: unknown,
): Promise<SelectionOutcome> {
  let modeOverride: OutputMode | undefined;
  try {
    modeOverride = modeFromArgument(argument);
  } catch (error) {
    reportError(error, log);
    return { status: 'failed' };
  }

  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a text editor and select the text to translate.'));
    return { status: 'noEditor' };
  }
  const selections = editor.selections.filter((selection) => !selection.isEmpty);
  if (selections.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to translate first.'));
    return { status: 'noSelection' };
  }

  const document = editor.document;
  const versionBefore = document.version;
  const texts = selections.map((selection) => document.getText(selection));

  let translations: readonly string[];
  let mode: OutputMode;
  try {
    const settings = readConfiguredSettings();
    mode = modeOverride ?? settings.outputMode;
    translations = (await service.translate(texts, settings)).translations;
  } catch (error) {
    reportError(error, log);
    return { status: describeError(error).kind === 'cancelled' ? 'cancelled' : 'failed' };
  }

  if (mode === 'show') {
    void showTranslation(translations.join(document.eol === vscode.EndOfLine.CRLF ? '\r\n\r\n' : '\n\n'));
    return { status: 'shown', translations };
  }

  if (document.isClosed || document.version !== versionBefore) {
    log.warn(`Not applied: ${document.uri.toString()} changed from version ${versionBefore} to ${document.version} during the run.`);
    const show = vscode.l10n.t('Show Translation');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('The document changed during the translation, so the translation was not applied.'), show)
      .then((choice) => {
        if (choice === show) void showTranslation(translations.join('\n\n'));
      });
    return { status: 'stale' };
  }

  const edits = planEdits(mode, selections, translations, {
    lineText: (line) => document.lineAt(line).text,
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  });
  let applied: boolean;
  try {
    applied = await editor.edit(
      (builder) => {
        for (const edit of edits) builder.replace(toVscodeRange(edit), edit.text);
      },
      { undoStopBefore: true, undoStopAfter: true },
    );
  } catch (error) {
    // `edit` throws when the editor was closed during the run.
    log.warn(`Editing ${document.uri.toString()} failed: ${(error as Error).message}`);
    applied = false;
  }
  if (!applied) {
    log.warn(`VS Code rejected the edit of ${document.uri.toString()}.`);
    void vscode.window.showWarningMessage(vscode.l10n.t('VS Code did not apply the translation; the document was not changed.'));
    return { status: 'failed' };
  }
  return { status: 'applied', translations };
}
