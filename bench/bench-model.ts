import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The opus-mt-sized random Marian model (d_model 512, 6+6 layers, vocab 58101), made by the fixture recipe. */
export const BENCH_MODEL_DIR = resolve(__dirname, '..', '.cache', 'bench-models', 'marian-opus-size');

/** Returns the bench model folder, running the Python recipe once when the folder is missing. */
export function ensureBenchModel(): string {
  if (existsSync(join(BENCH_MODEL_DIR, 'config.json'))) return BENCH_MODEL_DIR;

  console.error('bench: writing the opus-mt-sized model with tools/fixtures/make_fixtures.py --bench-model (needs python3-torch)');
  const result = spawnSync('/usr/bin/python3', ['tools/fixtures/make_fixtures.py', '--bench-model'], {
    cwd: resolve(__dirname, '..'),
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(join(BENCH_MODEL_DIR, 'config.json'))) {
    throw new Error(`Bench model not found at ${BENCH_MODEL_DIR} and the recipe failed (exit ${result.status}).`);
  }
  return BENCH_MODEL_DIR;
}

/** A 24-token-ish English sentence used as the benchmark input. */
export const BENCH_SOURCE = 'The package provides a small command line tool that converts configuration files between several common formats.';
