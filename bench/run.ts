/**
 * Runs every `bench/*.bench.ts` (or the ones named on the command line) one after another and writes
 * docs/benchmarks.md with the machine description and each benchmark's section.
 *
 * Each bench module's default export returns a markdown section (a ### heading, a table of medians and
 * the ratios measured in the same run).
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const benchDir = resolve(__dirname);
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();

function machine(): string {
  const cpu = cpus();
  const ortPackage = resolve(benchDir, '..', 'node_modules', 'onnxruntime-node', 'package.json');
  const ort = (JSON.parse(readFileSync(ortPackage, 'utf8')) as { version: string }).version;
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'} (${cpu.length} logical cores)`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: Linux ${release()}`,
    `- Node.js ${process.version}, onnxruntime-node ${ort}`,
    `- Load average when the page was written: ${loadavg().map((value) => value.toFixed(1)).join(', ')}. Other jobs on the`,
    '  machine slow every row; compare ratios within one run rather than times across runs.',
  ].join('\n');
}

async function main(): Promise<void> {
  const sections: string[] = [];
  for (const name of files) {
    console.error(`bench: ${name}`);
    const module = (await import(pathToFileURL(join(benchDir, name)).href)) as { default: () => Promise<string> };
    const started = performance.now();
    sections.push((await module.default()).trim());
    console.error(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const page = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Times are medians over the runs`,
    'stated in each section; ratios compare numbers measured in the same run of the script.',
    '',
    '## Machine',
    '',
    machine(),
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');

  mkdirSync(resolve(benchDir, '..', 'docs'), { recursive: true });
  const out = resolve(benchDir, '..', 'docs', 'benchmarks.md');
  writeFileSync(out, page);
  console.error(`bench: wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
