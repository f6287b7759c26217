/**
 * Inspector tests that run inside a real VS Code extension host: `.onnx` files open in the inspector by
 * default, a corrupt file opens too (the page shows the error), and the folder command is registered.
 * The page content is checked in test/browser/inspector.test.ts; the host cannot read a webview's DOM.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { INSPECT_FOLDER_COMMAND, INSPECTOR_VIEW_TYPE } from '../../../src/extension/inspector';
import type { SuiteConfig } from './config';
import { activateExtension, waitFor } from './helpers';
import type { SuiteTest } from './runner';

/** Returns the view type of the active tab when it is a custom editor showing `uri`. */
function activeCustomEditor(uri: vscode.Uri): string | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!(input instanceof vscode.TabInputCustom)) return undefined;
  return input.uri.toString() === uri.toString() ? input.viewType : undefined;
}

async function openAndExpectInspector(uri: vscode.Uri): Promise<void> {
  // `vscode.open` picks the default editor for the file, as a click in the Explorer does.
  await vscode.commands.executeCommand('vscode.open', uri);
  await waitFor(`the inspector for ${uri.fsPath}`, () => activeCustomEditor(uri) === INSPECTOR_VIEW_TYPE);
  assert.equal(activeCustomEditor(uri), INSPECTOR_VIEW_TYPE);
}

export function inspectorTests(config: SuiteConfig): SuiteTest[] {
  return [
    {
      name: 'inspector opens .onnx by default',
      fn: async () => {
        await activateExtension();
        await openAndExpectInspector(vscode.Uri.file(join(config.modelDir, 'onnx', 'encoder_model.onnx')));
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      },
    },
    {
      name: 'inspector opens a corrupt file',
      fn: async () => {
        await openAndExpectInspector(vscode.Uri.file(join(config.brokenModelDir, 'onnx', 'encoder_model.onnx')));
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      },
    },
    {
      name: 'inspect folder command registered',
      fn: async () => {
        const commands = await vscode.commands.getCommands(true);
        assert.ok(commands.includes(INSPECT_FOLDER_COMMAND), `${INSPECT_FOLDER_COMMAND} is registered`);
      },
    },
  ];
}
