/** The ONNX inspector: the `.onnx` custom editor and the "Inspect Model Folder…" command. */
import * as vscode from 'vscode';
import { InspectorEditorProvider, INSPECTOR_VIEW_TYPE } from './editorProvider';
import { FOLDER_VIEW_TYPE, FolderPanelSerializer, inspectModelFolder, INSPECT_FOLDER_COMMAND } from './folderPanel';

export { INSPECTOR_VIEW_TYPE } from './editorProvider';
export { FOLDER_VIEW_TYPE, INSPECT_FOLDER_COMMAND } from './folderPanel';

/** Registers the editor provider, the command and the folder panel serializer; returns their disposables. */
export function registerInspector(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.window.registerCustomEditorProvider(INSPECTOR_VIEW_TYPE, new InspectorEditorProvider(extensionUri, log), {
      // A hidden editor keeps no page; the page restores its tab and filters with setState when shown again.
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    }),
    vscode.commands.registerCommand(INSPECT_FOLDER_COMMAND, () => inspectModelFolder(extensionUri, log)),
    vscode.window.registerWebviewPanelSerializer(FOLDER_VIEW_TYPE, new FolderPanelSerializer(extensionUri, log)),
  ];
}
