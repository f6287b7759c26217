/** The side panel's UI strings localized by the host, because webviews cannot call `vscode.l10n`. */
import * as vscode from 'vscode';
import { DEFAULT_STRINGS, STRING_KEYS } from '../../../webview/panel/strings';

/** Returns every panel string key mapped to its localized text, with `{0}` placeholders kept for the panel. */
export function localizedPanelStrings(): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const key of STRING_KEYS) strings[key] = vscode.l10n.t(DEFAULT_STRINGS[key]);
  return strings;
}
