/**
 * Runs the extension test suite in VS Code desktop through @vscode/test-electron, for machines with internet
 * access: `runTests` downloads VS Code into .vscode-test/ first. Machines without internet access run the same
 * suite through code-server instead (test/vscode/code-server.test.ts).
 *
 * Usage: node --import tsx test/vscode/runTest.ts
 * VSCODE_VERSION selects the VS Code build ('stable' by default, or e.g. '1.95.0', the oldest supported one).
 * On Linux without a display, run it under xvfb-run.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite, buildExtension } from './harness/bundle';
import { prepareTestModels } from './harness/models';
import { SUITE_CONFIG_NAME, type SuiteConfig } from './suite/config';
import type { SuiteResult } from './suite/runner';

async function main(): Promise<number> {
  const root = resolve(import.meta.dirname, '../..');
  const workDir = join(root, 'test-output', 'vscode-electron');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(workDir, 'workspace'), { recursive: true });

  buildExtension(root);
  const suiteDir = join(root, '.cache', 'vscode-tests', 'electron-suite');
  const suiteFile = await bundleSuite(root, suiteDir);
  const resultFile = join(workDir, 'result.json');
  const config: SuiteConfig = { ...prepareTestModels(root, workDir), resultFile };
  writeFileSync(join(suiteDir, SUITE_CONFIG_NAME), JSON.stringify(config, null, 2));

  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteFile,
      launchArgs: [
        join(workDir, 'workspace'),
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${join(workDir, 'user-data')}`,
      ],
    });
  } catch (error) {
    console.error(`VS Code exited with a failure: ${(error as Error).message}`);
  }

  // The result file is the verdict, so a run that stopped early cannot pass.
  if (!existsSync(resultFile)) {
    console.error(`No result file ${resultFile}: the suite did not run to the end.`);
    return 1;
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
  console.log(`Extension tests in VS Code desktop: ${result.passed} of ${result.total} passed.`);
  for (const failure of result.failures) console.error(`not ok - ${failure.name}: ${failure.message}`);
  return result.failed === 0 ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
