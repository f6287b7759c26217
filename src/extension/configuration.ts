/** Reads the `seq2seqLens.*` settings and the folders that model paths resolve against. */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { PathContext } from './modelList';
import { type LensSettings, readSettings, SETTINGS_SECTION } from './settings';

/** Reads and validates the settings; throws `ExtensionError` naming the first invalid one. */
export function readConfiguredSettings(): LensSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readSettings((key) => config.get(key));
}

/** Folder of the embedded demo model inside the extension. */
export function demoModelDir(extensionUri: vscode.Uri): string {
  return vscode.Uri.joinPath(extensionUri, 'models', 'demo-en-fr').fsPath;
}

export function pathContext(extensionUri: vscode.Uri): PathContext {
  const folder = vscode.workspace.workspaceFolders?.find((item) => item.uri.scheme === 'file');
  return { demoDir: demoModelDir(extensionUri), workspaceDir: folder?.uri.fsPath, homeDir: homedir() };
}

/**
 * Writes a setting where it takes effect: into the workspace folder or workspace settings when the key is
 * already set there (a user-level value would be shadowed), else into the user settings.
 */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const inspected = config.inspect(key);
  let target = vscode.ConfigurationTarget.Global;
  if (inspected?.workspaceFolderValue !== undefined) target = vscode.ConfigurationTarget.WorkspaceFolder;
  else if (inspected?.workspaceValue !== undefined) target = vscode.ConfigurationTarget.Workspace;
  await config.update(key, value, target);
}
