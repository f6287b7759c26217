/**
 * Entry point that VS Code's extension host calls for `extensionTestsPath`: runs the translation and
 * inspector tests and writes their result file.
 */
import * as vscode from 'vscode';
import { readSuiteConfig } from './config';
import { extensionTests } from './extension.tests';
import { ExpectedTranslations } from './helpers';
import { inspectorTests } from './inspector.tests';
import { runSuite } from './runner';

export async function run(): Promise<void> {
  const config = readSuiteConfig();
  const expected = new ExpectedTranslations(config.modelDir);
  try {
    const tests = [...extensionTests(config, expected), ...inspectorTests(config)];
    const result = await runSuite(tests, config.resultFile);
    console.log(`Extension tests: ${result.passed} of ${result.total} passed in ${result.durationMs} ms.`);
  } finally {
    await expected.dispose();
    await vscode.workspace.getConfiguration('seq2seqLens').update('model', undefined, vscode.ConfigurationTarget.Global);
  }
}
