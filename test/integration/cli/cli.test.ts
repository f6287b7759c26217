import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { traceFromJson } from '../../../src/protocol/trace';
import { ROOT, TINY } from '../runtime/fixture';

const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('command-line interface', () => {
  let dir: string;
  before(() => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'lens-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('translate prints token ids as JSON', () => {
    const { code, stdout, stderr } = cli(['translate', '--model', TINY, '--beams', '1', '--max-new-tokens', '20', '--json', 'The cat sees the red apple.']);
    assert.equal(code, 0, stderr);
    const output = JSON.parse(stdout) as { results: { tokenIds: number[] }[] };
    assert.deepEqual(output.results[0].tokenIds, [15, 47, 6, 88, 12, 20, 61, 21, 177, 4, 0]);
  });

  test('translate reads one segment per stdin line', () => {
    const { code, stdout } = cli(['translate', '--model', TINY, '--beams', '1'], 'The cat sees the red apple.\n\nOù est la gare ?\n');
    assert.equal(code, 0);
    assert.equal(stdout.trimEnd().split('\n').length, 2);
  });

  test('translate prints n-best with scores', () => {
    const { code, stdout } = cli(['translate', '--model', TINY, '--beams', '4', '--n-best', '3', 'The cat sees the red apple.']);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^1\t-\d+\.\d{4}\t/);
  });

  test('invalid flag value exits 1 with the value', () => {
    const { code, stderr } = cli(['translate', '--model', TINY, '--beams', 'four', 'x']);
    assert.equal(code, 1);
    assert.match(stderr, /Invalid --beams "four"/);
  });

  test('missing model folder exits 1 and names it', () => {
    const { code, stderr } = cli(['translate', '--model', join(dir, 'missing'), 'x']);
    assert.equal(code, 1);
    assert.match(stderr, /Model folder not found: .*missing/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  test('impossible options exit 1 naming both fields', () => {
    const { code, stderr } = cli(['translate', '--model', TINY, '--beams', '2', '--n-best', '3', 'x']);
    assert.equal(code, 1);
    assert.match(stderr, /num_return_sequences \(3\) > num_beams \(2\)/);
  });

  test('unknown command exits 1', () => {
    const { code, stderr } = cli(['frobnicate']);
    assert.equal(code, 1);
    assert.match(stderr, /Unknown command "frobnicate"/);
  });

  test('trace writes a readable trace file', () => {
    const out = join(dir, 'trace.json');
    const { code, stdout, stderr } = cli(['trace', '--model', TINY, '--beams', '2', '--top-k', '3', '--out', out, 'The cat sees the red apple.']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /steps: \d+, beams: 2/);
    const trace = traceFromJson(readFileSync(out, 'utf8'));
    assert.equal(trace.options.topK, 3);
    assert.equal(trace.steps[0].candidates[0].length, 3);
  });

  test('eval scores a copy baseline', () => {
    const source = join(dir, 'src.txt');
    const reference = join(dir, 'ref.txt');
    writeFileSync(source, 'the cat sat on the mat\nthe dog ran in the park\n');
    writeFileSync(reference, 'the cat sat on the mat\nthe dog ran in the park\n');
    const { code, stdout } = cli(['eval', '--copy-baseline', '--source', source, '--reference', reference, '--json']);
    assert.equal(code, 0);
    const scores = JSON.parse(stdout) as { chrf: number; bleu: number };
    assert.ok(Math.abs(scores.chrf - 100) < 1e-9, `chrF ${scores.chrf}`);
    assert.ok(Math.abs(scores.bleu - 100) < 1e-9, `BLEU ${scores.bleu}`);
  });
});
