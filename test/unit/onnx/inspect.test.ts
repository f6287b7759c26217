import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';

import { runInspect } from '../../../src/cli/inspect';
import { CASES_DIR } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'lens-inspect-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function inspect(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runInspect(args, { stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

test('inspect prints text sections', async () => {
  const result = await inspect(`${CASES_DIR}/decoder-merged.onnx`);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  for (const heading of ['Model  decoder-merged.onnx', '\nFormat\n', '\nInputs (12)\n', '\nOutputs (9)\n', '\nSeq2seq\n', '\nCapture\n', '\nParameters  2,096 (8.4 kB)\n']) {
    assert.ok(result.stdout.includes(heading), `missing ${JSON.stringify(heading)}`);
  }
  assert.match(result.stdout, /\n {2}Role +decoder-merged\n/);
  assert.match(result.stdout, /\n {2}Heads +2\n/);
  assert.match(result.stdout, /\n {2}KV cache inputs +8 \(past_key_values\.0\.decoder\.key … past_key_values\.1\.encoder\.value\)\n/);
  assert.match(result.stdout, /\n {2}Attention +8 tensors\n/);
  assert.match(result.stdout, /\n {2}ai\.onnx +If +1\n/);
  assert.match(result.stdout, /Operators \(248 nodes, 2 subgraphs, \d+ types\)/);
});

test('inspect prints JSON', async () => {
  const result = await inspect(`${CASES_DIR}/encoder.onnx`, '--json', '--tensor', 'embed_tokens.weight');
  assert.equal(result.code, 0);
  const summary = JSON.parse(result.stdout);
  assert.equal(summary.irVersion, 8);
  assert.equal(summary.seq2seq.role, 'encoder');
  assert.equal(summary.initializers.length, 47);
  assert.equal(summary.tensorStatistics.name, 'embed_tokens.weight');
  assert.equal(summary.tensorStatistics.elementCount, 128);
});

test('inspect prints tensor statistics', async () => {
  const result = await inspect(`${CASES_DIR}/dtypes.onnx`, '--tensor', 'raw_float32');
  assert.equal(result.code, 0);
  assert.match(result.stdout, /\nTensor raw_float32\n {2}Elements +6\n {2}Min +-2\n {2}Max +4\n {2}Mean +1\n {2}Std +2\n {2}Zeros +33\.33%\n/);
});

test('inspect model folder', async () => {
  const result = await inspect('test/fixtures/models/marian-tiny', '--json');
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.config.d_model, 32);
  const names = report.models.map((model: { path: string }) => model.path.split('/').pop());
  assert.ok(names.includes('encoder_model.onnx'));
  assert.ok(names.includes('decoder_model_merged.onnx'));
});

test('inspect rejects bad input', async () => {
  mkdirSync(join(scratch, 'x.onnx'));
  mkdirSync(join(scratch, 'empty'));
  const cases: [string[], RegExp][] = [
    [[`${CASES_DIR}/bad/ir-version-99.onnx`], /Unsupported ONNX IR version 99/],
    [[`${CASES_DIR}/external-bad/parent-dir.onnx`], /Rejected external_data location/],
    [[join(scratch, 'x.onnx')], /is a directory, expected an \.onnx file/],
    [[join(scratch, 'missing.onnx')], /Not found: ".*missing\.onnx"/],
    [[`${CASES_DIR}/plain.onnx`, '--bogus'], /Unknown option '--bogus'/],
    [[], /Expected one FILE or DIR argument, got 0/],
    [[`${CASES_DIR}/plain.onnx`, '--tensor', 'nope'], /Tensor "nope" not found/],
    [[join(scratch, 'empty')], /No \.onnx files found/],
  ];
  for (const [args, message] of cases) {
    const result = await inspect(...args);
    assert.equal(result.code, 1, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
  }

  const folder = await inspect(scratch);
  assert.equal(folder.code, 1);
  assert.match(folder.stderr, /"[^"]*x\.onnx" is a directory/);
});

test('inspect help', async () => {
  const result = await inspect('--help');
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^Usage: seq2seq-lens inspect FILE\|DIR/);
});
