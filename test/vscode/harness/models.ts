/**
 * Model folders for the extension tests: the working model (the demo model when it is committed, else the
 * tiny fixture), a second copy of it, and a copy with a corrupt encoder.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestModels {
  /** Value for `seq2seqLens.model`: '' selects the embedded demo model. */
  readonly modelSetting: string;
  readonly modelDir: string;
  readonly otherModelDir: string;
  readonly brokenModelDir: string;
}

/** The demo model when its config.json exists, else the tiny fixture model. */
export function workingModel(root: string): { setting: string; dir: string } {
  const demo = join(root, 'models', 'demo-en-fr');
  if (existsSync(join(demo, 'config.json'))) return { setting: '', dir: demo };
  const fixture = join(root, 'test', 'fixtures', 'models', 'marian-tiny');
  return { setting: fixture, dir: fixture };
}

/** Links (or, across file systems, copies) every file of `from` into `to`, skipping `skip` paths. */
function mirror(from: string, to: string, skip: ReadonlySet<string>, relative = ''): void {
  mkdirSync(join(to, relative), { recursive: true });
  for (const name of readdirSync(join(from, relative))) {
    const path = join(relative, name);
    if (skip.has(path)) continue;
    if (statSync(join(from, path)).isDirectory()) {
      mirror(from, to, skip, path);
      continue;
    }
    try {
      linkSync(join(from, path), join(to, path));
    } catch {
      copyFileSync(join(from, path), join(to, path));
    }
  }
}

export function prepareTestModels(root: string, workDir: string): TestModels {
  const { setting, dir } = workingModel(root);

  const otherModelDir = join(workDir, 'models', 'second-copy');
  const brokenModelDir = join(workDir, 'models', 'corrupt-encoder');
  rmSync(join(workDir, 'models'), { recursive: true, force: true });
  mirror(dir, otherModelDir, new Set());

  const encoder = join('onnx', 'encoder_model.onnx');
  mirror(dir, brokenModelDir, new Set([encoder]));
  writeFileSync(join(brokenModelDir, encoder), 'This is not an ONNX protobuf file.\n'.repeat(64));

  return { modelSetting: setting, modelDir: dir, otherModelDir, brokenModelDir };
}
