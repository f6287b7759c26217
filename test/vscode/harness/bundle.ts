/** Builds the extension with the project's build script and bundles the extension test suite. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** Runs `node scripts/build.mjs`, which writes dist/extension.js and dist/webview.js. */
export function buildExtension(root: string): void {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`The extension build failed:\n${result.stdout}${result.stderr}`);
}

/** Bundles test/vscode/suite/index.ts into `outDir/index.js` (CommonJS, `vscode` and ONNX Runtime external). */
export async function bundleSuite(root: string, outDir: string): Promise<string> {
  const outfile = join(outDir, 'index.js');
  await esbuild.build({
    entryPoints: [join(root, 'test', 'vscode', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'onnxruntime-node'],
    logLevel: 'warning',
  });
  return outfile;
}
