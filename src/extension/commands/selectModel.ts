/**
 * Select Model: a quick pick of the demo model, the folders in `seq2seqLens.models` and "Browse…".
 * The choice is written to `seq2seqLens.model`; the settings listener then unloads the old model.
 */
import * as vscode from 'vscode';
import { pathContext, readConfiguredSettings, updateSetting } from '../configuration';
import { buildModelChoices, type ModelChoice, rememberModelFolders } from '../modelList';
import { reportError } from '../notifications';

interface ModelItem extends vscode.QuickPickItem {
  /** The model setting value to store, or `undefined` for "Browse…". */
  readonly setting?: string;
}

function toItem(choice: ModelChoice): ModelItem {
  const label = choice.kind === 'demo' ? vscode.l10n.t('Demo model (English → French)') : choice.name;
  const description = choice.active ? vscode.l10n.t('active') : choice.kind === 'demo' ? choice.name : undefined;
  return {
    label: `${choice.active ? '$(check)' : '$(symbol-namespace)'} ${label}`,
    description,
    detail: choice.problem ?? choice.path,
    setting: choice.setting,
  };
}

/** Returns the stored setting value, or `undefined` when the user dismissed the pick. */
export async function selectModel(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<string | undefined> {
  try {
    const settings = readConfiguredSettings();
    const context = pathContext(extensionUri);
    const items: ModelItem[] = buildModelChoices(settings, context).map(toItem);
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, detail: vscode.l10n.t('Pick a folder with an ONNX encoder-decoder model') });

    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Select Model'),
      placeHolder: vscode.l10n.t('Model used by Translate Selection and Translate Text'),
      matchOnDetail: true,
    });
    if (picked === undefined) return undefined;

    let setting = picked.setting;
    if (setting === undefined) {
      const folders = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Use Model Folder'),
        title: vscode.l10n.t('Select a model folder'),
      });
      if (folders === undefined || folders.length === 0) return undefined;
      setting = folders[0].fsPath;
    }

    // Both the new folder and the one it replaces stay in the list, so switching back is one pick.
    const models = rememberModelFolders(settings.models, [settings.model, setting], context);
    if (models.length !== settings.models.length) await updateSetting('models', models);
    await updateSetting('model', setting);
    log.info(`Model setting changed to ${JSON.stringify(setting)}.`);
    return setting;
  } catch (error) {
    reportError(error, log);
    return undefined;
  }
}
