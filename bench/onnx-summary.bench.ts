/**
 * Benchmark of src/onnx on an opus-mt-sized merged decoder (~340 MB): summary time against a full
 * protobufjs decode of the same file, peak memory, and the time to instrument the decoder.
 *
 * Every measurement runs in a fresh child process (this file, started with --onnx-summary-child), so
 * each one starts with a cold JIT and its peak RSS (`process.resourceUsage().maxRSS`) is its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

import onnxProto from 'onnx-proto';

import {
  addGraphOutputs,
  locateTensors,
  openModelFile,
  readModel,
  summarizeModel,
} from '../src/onnx';
import { BENCH_MODEL_DIR } from './bench-model';
import { median, ms, ratio, table } from './stats';

const { onnx } = onnxProto;

const CHILD_FLAG = '--onnx-summary-child';
const RUNS = 5;
const MODES = ['lazy-summary', 'bytes-summary', 'full-decode', 'instrument', 'lazy-summary-warm', 'full-decode-warm'] as const;
type Mode = (typeof MODES)[number];
type BaseMode = 'lazy-summary' | 'bytes-summary' | 'full-decode' | 'instrument';
/** Iterations before the timed one in the `-warm` modes, so the JIT has compiled the hot code. */
const WARMUP_ITERATIONS = 4;

/** One child's report: total time, the time of the phase after reading the file, and peak RSS. */
interface ChildResult {
  readonly totalMs: number;
  readonly phaseMs: number;
  readonly maxRssBytes: number;
  readonly detail: string;
}

/** Runs one measurement in this process and returns its result; `-warm` modes time the last of several. */
async function measure(mode: Mode, path: string): Promise<ChildResult> {
  if (mode === 'lazy-summary-warm' || mode === 'full-decode-warm') {
    const base = mode === 'lazy-summary-warm' ? 'lazy-summary' : 'full-decode';
    for (let iteration = 0; iteration < WARMUP_ITERATIONS; iteration++) await measureOnce(base, path);
    return measureOnce(base, path);
  }
  return measureOnce(mode, path);
}

async function measureOnce(mode: BaseMode, path: string): Promise<ChildResult> {
  const started = performance.now();
  let phaseStarted = started;
  let detail: string;

  if (mode === 'lazy-summary') {
    const opened = await openModelFile(path);
    const summary = summarizeModel(opened.model, { bytes: opened.source.bytes, path, load: opened.source.load });
    detail = `${summary.nodeCount} nodes; ${(opened.bytesRead / 1e6).toFixed(1)} MB read from disk`;
  } else {
    const bytes = readFileSync(path);
    phaseStarted = performance.now();
    if (mode === 'bytes-summary') {
      const summary = summarizeModel(readModel(bytes), { bytes, path });
      detail = `${summary.nodeCount} nodes`;
    } else if (mode === 'full-decode') {
      const decoded = onnx.ModelProto.decode(bytes);
      detail = `${decoded.graph?.initializer?.length ?? 0} initializers`;
    } else {
      const model = readModel(bytes);
      phaseStarted = performance.now();
      const located = locateTensors(model);
      const result = addGraphOutputs(bytes, located.tensors, model);
      detail = `${result.outputs.length} outputs added, ${result.skipped.length} skipped`;
    }
  }
  const finished = performance.now();
  return {
    totalMs: finished - started,
    phaseMs: finished - phaseStarted,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    detail,
  };
}

function runChild(mode: Mode, path: string): ChildResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, CHILD_FLAG, mode, path], {
    cwd: resolve(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`onnx-summary child ${mode} failed (exit ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as ChildResult;
}

/**
 * Returns the decoder to measure: the opus-mt-sized merged decoder when the fixture recipe wrote it,
 * else a generated model of the same size (a chain of MatMuls over large float initializers).
 */
function benchModelPath(): { path: string; description: string } {
  const merged = join(BENCH_MODEL_DIR, 'onnx', 'decoder_model_merged.onnx');
  if (existsSync(merged)) {
    return { path: merged, description: 'opus-mt-sized merged decoder (d_model 512, 6 layers, vocab 58101, If node)' };
  }
  const folder = resolve(__dirname, '..', '.cache', 'onnx-summary-bench');
  const path = join(folder, 'decoder-like.onnx');
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, generatedModel());
  }
  return { path, description: 'generated model: 160 MatMuls over 512×1024 float initializers' };
}

/** Encodes a ~336 MB model: x → MatMul(w0) → MatMul(w1) → … over 160 zero-filled float32 weights. */
function generatedModel(): Uint8Array {
  const layers = 160;
  const initializer: onnxProto.onnx.ITensorProto[] = [];
  const node: onnxProto.onnx.INodeProto[] = [];
  let input = 'x';
  for (let layer = 0; layer < layers; layer++) {
    const dims = layer % 2 === 0 ? [512, 1024] : [1024, 512];
    initializer.push({ name: `w${layer}`, dataType: 1, dims, rawData: new Uint8Array(512 * 1024 * 4) });
    node.push({ opType: 'MatMul', name: `/layers.${layer}/MatMul`, input: [input, `w${layer}`], output: [`h${layer}`] });
    input = `h${layer}`;
  }
  const tensor = (name: string, last: number): onnxProto.onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: last }] } } },
  });
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'bench', node, initializer, input: [tensor('x', 512)], output: [tensor(input, 512)] },
  }).finish();
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}

export default async function (): Promise<string> {
  const { path, description } = benchModelPath();
  const fileSize = statSync(path).size;
  const results = new Map<Mode, ChildResult[]>(MODES.map((mode) => [mode, []]));
  // Interleave the modes, so a change in machine load affects all of them alike.
  for (let run = 0; run < RUNS; run++) {
    for (const mode of MODES) results.get(mode)?.push(runChild(mode, path));
  }

  const stat = (mode: Mode, pick: (result: ChildResult) => number): number => median((results.get(mode) ?? []).map(pick));
  const total = (mode: Mode): number => stat(mode, (result) => result.totalMs);
  const phase = (mode: Mode): number => stat(mode, (result) => result.phaseMs);
  const rss = (mode: Mode): number => stat(mode, (result) => result.maxRssBytes);
  const detail = (mode: Mode): string => results.get(mode)?.[0]?.detail ?? '';

  const rows = [
    ['Summary, file opened lazily (`openModelFile` + `summarizeModel`)', ms(total('lazy-summary')), '', mb(rss('lazy-summary')), detail('lazy-summary')],
    ['Summary from full bytes (`readFile` + `readModel` + `summarizeModel`)', ms(total('bytes-summary')), ms(phase('bytes-summary')), mb(rss('bytes-summary')), detail('bytes-summary')],
    ['Full protobufjs decode (`readFile` + onnx-proto 8.0.1 `ModelProto.decode`)', ms(total('full-decode')), ms(phase('full-decode')), mb(rss('full-decode')), detail('full-decode')],
    ['Instrument (`readFile` + `readModel`, then `locateTensors` + `addGraphOutputs`)', ms(total('instrument')), ms(phase('instrument')), mb(rss('instrument')), detail('instrument')],
    [`Summary, lazily, after ${WARMUP_ITERATIONS} warm-up runs in the same process`, ms(total('lazy-summary-warm')), '', '', ''],
    [`Full decode after ${WARMUP_ITERATIONS} warm-up runs in the same process`, ms(total('full-decode-warm')), ms(phase('full-decode-warm')), '', ''],
  ];
  const lazyRatio = total('full-decode') / total('lazy-summary');
  const memoryBudget = fileSize + 100e6;
  const load = loadavg().map((value) => value.toFixed(1)).join(', ');

  return [
    '### ONNX summary and instrumentation',
    '',
    `Model: ${description}, ${mb(fileSize)} MB. Medians of ${RUNS} runs, each in a fresh Node.js process`,
    '(cold JIT) unless the row says warm. "After read" excludes reading the file into memory; for Instrument it is `locateTensors` +',
    '`addGraphOutputs` alone. Peak RSS is the child\'s `maxRSS`.',
    '',
    table(['Measurement', 'Total ms', 'After read ms', 'Peak RSS MB', 'Notes'], rows),
    '',
    `- Lazy summary vs full decode, end to end: ${ratio(lazyRatio)} faster with a cold JIT, ` +
      `${ratio(total('full-decode-warm') / total('lazy-summary-warm'))} warm (target ≥ 10×).`,
    `- In memory, \`readModel\` + \`summarizeModel\` vs \`ModelProto.decode\`: ${ratio(phase('full-decode') / phase('bytes-summary'))}` +
      ' (protobufjs slices raw_data without copying, so a full decode of raw_data weights is cheap too).',
    `- Peak RSS budget (file size + 100 MB = ${mb(memoryBudget)} MB): lazy summary ${mb(rss('lazy-summary'))} MB, ` +
      `summary from bytes ${mb(rss('bytes-summary'))} MB, instrument ${mb(rss('instrument'))} MB.`,
    `- Load average when the section was written: ${load} (the machine is shared with a training job, so`,
    '  single runs vary by a factor of several).',
  ].join('\n');
}

if (process.argv[2] === CHILD_FLAG) {
  const [mode, path] = process.argv.slice(3);
  if (!MODES.includes(mode as Mode) || path === undefined) {
    process.stderr.write(`Usage: ${CHILD_FLAG} ${MODES.join('|')} MODEL\n`);
    process.exit(2);
  }
  measure(mode as Mode, path).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
}
