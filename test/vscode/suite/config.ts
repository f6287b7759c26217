/**
 * Settings of one run of the extension test suite, written by the runner (code-server or test-electron)
 * into `suite-config.json` next to the suite bundle, because the extension host starts the suite without
 * arguments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SuiteConfig {
  /** Value for `seq2seqLens.model` that selects a working model ('' for the embedded demo model). */
  readonly modelSetting: string;
  /** Absolute folder of that model, to compute expected translations directly. */
  readonly modelDir: string;
  /** A second copy of a working model; switching to it makes the next run load a model. */
  readonly otherModelDir: string;
  /** A model folder whose encoder file is corrupt. */
  readonly brokenModelDir: string;
  /** Where `run()` writes its result JSON. */
  readonly resultFile: string;
}

export const SUITE_CONFIG_NAME = 'suite-config.json';

export function readSuiteConfig(): SuiteConfig {
  return JSON.parse(readFileSync(join(__dirname, SUITE_CONFIG_NAME), 'utf8')) as SuiteConfig;
}
