/**
 * Tests that run inside a real VS Code extension host: commands change documents as a user would see it,
 * and the side panel opens on the last trace.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { SelectionOutcome } from '../../../src/extension/commands/translateSelection';
import { COMMANDS } from '../../../src/extension/commandIds';
import type { Seq2SeqLensApi } from '../../../src/extension/extension';
import type { SuiteConfig } from './config';
import { activateExtension, type ExpectedTranslations, openEditor, setSetting, waitFor } from './helpers';
import type { SuiteTest } from './runner';

function runTranslateSelection(mode?: string): Thenable<SelectionOutcome> {
  return vscode.commands.executeCommand<SelectionOutcome>(COMMANDS.translateSelection, mode);
}

export function extensionTests(config: SuiteConfig, expected: ExpectedTranslations): SuiteTest[] {
  let api: Seq2SeqLensApi | undefined;

  return [
    {
      name: 'extension activates and registers commands',
      fn: async () => {
        api = await activateExtension();
        const commands = await vscode.commands.getCommands(true);
        for (const id of Object.values(COMMANDS)) assert.ok(commands.includes(id), `${id} is registered`);
        await setSetting('model', config.modelSetting);
        await setSetting('outputMode', 'replace');
        await setSetting('capture', true);
      },
    },
    {
      name: 'Translate Selection replaces text and one undo reverts it',
      timeoutMs: 120_000,
      fn: async () => {
        const source = 'The house is small.';
        const original = `${source}\nThis line stays.`;
        const editor = await openEditor(original);
        editor.selection = new vscode.Selection(0, 0, 0, source.length);

        const outcome = await runTranslateSelection();
        const translation = await expected.of(source);
        assert.deepEqual(outcome, { status: 'applied', translations: [translation] });
        assert.notEqual(translation, source);
        assert.equal(editor.document.getText(), `${translation}\nThis line stays.`);

        await vscode.commands.executeCommand('undo');
        assert.equal(editor.document.getText(), original);
      },
    },
    {
      name: 'two selections change in one undo step',
      fn: async () => {
        const first = 'I like green tea.';
        const second = 'We walk to school.';
        const original = `${first}\n\n${second}\n`;
        const editor = await openEditor(original);
        editor.selections = [new vscode.Selection(0, 0, 0, first.length), new vscode.Selection(2, 0, 2, second.length)];

        const outcome = await runTranslateSelection();
        assert.equal(outcome.status, 'applied');
        const expectedText = `${await expected.of(first)}\n\n${await expected.of(second)}\n`;
        assert.equal(editor.document.getText(), expectedText);

        await vscode.commands.executeCommand('undo');
        assert.equal(editor.document.getText(), original);
      },
    },
    {
      name: 'insertBelow argument inserts indented translation',
      fn: async () => {
        const source = 'The sun is hot.';
        const original = `    ${source}`;
        const editor = await openEditor(original);
        editor.selection = new vscode.Selection(0, 4, 0, original.length);

        const outcome = await runTranslateSelection('insertBelow');
        assert.equal(outcome.status, 'applied');
        assert.equal(editor.document.getText(), `${original}\n    ${await expected.of(source)}`);
      },
    },
    {
      name: 'show mode leaves document unchanged',
      fn: async () => {
        const source = 'The bird sings.';
        const editor = await openEditor(source);
        editor.selection = new vscode.Selection(0, 0, 0, source.length);

        const outcome = await runTranslateSelection('show');
        assert.deepEqual(outcome, { status: 'shown', translations: [await expected.of(source)] });
        assert.equal(editor.document.getText(), source);
      },
    },
    {
      name: 'invalid mode argument is rejected',
      fn: async () => {
        const source = 'The bird sings.';
        const editor = await openEditor(source);
        editor.selection = new vscode.Selection(0, 0, 0, source.length);

        assert.deepEqual(await runTranslateSelection('append'), { status: 'failed' });
        assert.equal(editor.document.getText(), source);
      },
    },
    {
      name: 'corrupt model leaves document unchanged',
      timeoutMs: 120_000,
      fn: async () => {
        await setSetting('model', config.brokenModelDir);
        try {
          const original = 'Nothing here may change.';
          const editor = await openEditor(original);
          editor.selection = new vscode.Selection(0, 0, 0, original.length);
          const versionBefore = editor.document.version;

          const outcome = await runTranslateSelection();
          assert.deepEqual(outcome, { status: 'failed' });
          assert.equal(editor.document.getText(), original);
          assert.equal(editor.document.version, versionBefore);
        } finally {
          await setSetting('model', config.modelSetting);
        }
      },
    },
    {
      name: 'edit during run is kept and translation dropped',
      timeoutMs: 120_000,
      fn: async () => {
        // Another model folder makes the run load a model, which leaves time to type during the run.
        await setSetting('model', config.otherModelDir);
        try {
          const original = 'The cat sleeps.\n';
          const editor = await openEditor(original);
          editor.selection = new vscode.Selection(0, 0, 0, original.length - 1);

          const running = runTranslateSelection();
          const typed = await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), 'typed'));
          assert.ok(typed, 'the test edit was applied');

          assert.deepEqual(await running, { status: 'stale' });
          assert.equal(editor.document.getText(), `${original}typed`);
        } finally {
          await setSetting('model', config.modelSetting);
        }
      },
    },
    {
      name: 'Show Attention opens panel with last trace',
      timeoutMs: 90_000,
      fn: async () => {
        assert.ok(api !== undefined, 'the extension was activated');
        const trace = api.lastTrace;
        assert.ok(trace !== null, 'capture recorded a trace');
        assert.equal(trace.source.text, 'The cat sleeps.', 'the last run recorded its first segment');
        assert.equal(trace.model.id, basename(config.otherModelDir));

        const source = 'The dog runs.';
        const editor = await openEditor(source);
        editor.selection = new vscode.Selection(0, 0, 0, source.length);
        assert.equal((await runTranslateSelection()).status, 'applied');
        assert.equal(api.lastTrace?.source.text, source);
        assert.equal(api.lastTrace?.model.id, basename(config.modelDir));

        await vscode.commands.executeCommand(COMMANDS.showAttention);
        const panel = api;
        await waitFor('the panel to report ready and receive the trace', () => panel.panelStatus.ready && panel.panelStatus.tracesPosted > 0, 60_000);
        assert.equal(panel.panelStatus.resolved, true);
      },
    },
  ];
}
