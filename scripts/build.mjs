// Bundles the extension host, the CLI and the webviews with esbuild.
// onnxruntime-node is a native addon, so it stays external and loads from node_modules.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode', 'onnxruntime-node'],
  logLevel: 'warning',
};

const targets = [
  { ...nodeCommon, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...nodeCommon, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

const webviews = [
  ['webview/panel/main.ts', 'dist/webview.js'],
  ['webview/inspector/main.ts', 'dist/inspector.js'],
];
for (const [entry, outfile] of webviews) {
  if (!existsSync(entry)) continue;
  targets.push({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    entryPoints: [entry],
    outfile,
    logLevel: 'warning',
  });
}

if (watch) {
  for (const options of targets) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
