// Runs every test file under test/ with Node's test runner; TypeScript is loaded through tsx.
// Usage: node scripts/test.mjs [unit|integration|browser|vscode ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const suites = process.argv.slice(2);
const roots = suites.length > 0 ? suites : ['unit', 'integration', 'browser', 'vscode'];

function findTests(dir) {
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const files = roots.flatMap((root) => findTests(join('test', root)));
if (files.length === 0) {
  console.error(`No test files found under ${roots.map((r) => `test/${r}`).join(', ')}.`);
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
