/** Helpers for the extension tests: settings, editors, polling and expected translations. */
import * as vscode from 'vscode';
import type { Seq2SeqLensApi } from '../../../src/extension/extension';
import { SETTINGS_SECTION } from '../../../src/extension/settings';
import { Translator } from '../../../src/translate';

export const EXTENSION_ID = 'seq2seq-lens.seq2seq-lens';

export async function activateExtension(): Promise<Seq2SeqLensApi> {
  const extension = vscode.extensions.getExtension<Seq2SeqLensApi>(EXTENSION_ID);
  if (extension === undefined) throw new Error(`Extension ${EXTENSION_ID} is not installed in this VS Code.`);
  return extension.activate();
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Opens an untitled plain-text document with `content` in an editor that has focus. */
export async function openEditor(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls `condition` every 100 ms until it returns true; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Translates single sentences with the pipeline directly, as the oracle for what the commands must put
 * into the document. Capture stays off here, so the tests also check that capture does not change output.
 */
export class ExpectedTranslations {
  private translator: Promise<Translator> | undefined;

  constructor(private readonly modelDir: string) {}

  async of(sentence: string): Promise<string> {
    this.translator ??= Translator.load(this.modelDir);
    const response = await (await this.translator).translate({ texts: [sentence] });
    return response.results[0].text;
  }

  async dispose(): Promise<void> {
    if (this.translator !== undefined) await (await this.translator).dispose();
  }
}
