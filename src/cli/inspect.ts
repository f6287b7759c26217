import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

import {
  OnnxFormatError,
  openModelFile,
  summarizeModel,
  tensorStatistics,
  type OnnxModelSummary,
  type TensorStatistics,
} from '../onnx';
import type { Dim } from '../onnx';

export const INSPECT_HELP = `Usage: seq2seq-lens inspect FILE|DIR [options]

Summarizes an .onnx file: IR version, opsets, producer, inputs and outputs, operators, parameters,
initializers, external data, seq2seq facts (role, layers, heads, d_model, vocabulary, KV cache) and
the attention and feed-forward tensors that capture can record. For a model folder, prints its
config.json and every .onnx file in the folder and in its onnx/ subfolder.

Options:
  --json           print the summary as JSON
  --tensor NAME    also print min, max, mean, std and % zeros of one initializer (FILE only)
  --all            list every initializer (default: the 20 largest)
  -h, --help       print this help
`;

/** Initializer rows printed in text mode unless --all is given. */
const DEFAULT_INITIALIZER_ROWS = 20;

/** config.json keys shown for a model folder, in this order, when present. */
const CONFIG_KEYS = [
  'model_type',
  'architectures',
  'd_model',
  'encoder_layers',
  'decoder_layers',
  'encoder_attention_heads',
  'decoder_attention_heads',
  'encoder_ffn_dim',
  'decoder_ffn_dim',
  'vocab_size',
  'activation_function',
  'max_position_embeddings',
];

interface Output {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * Runs `inspect FILE|DIR [--json] [--tensor NAME] [--all]` and returns the exit code: 0 on success,
 * 1 when the arguments or any model are invalid (the message goes to stderr).
 */
export async function runInspect(args: string[], io: Output): Promise<number> {
  let options: { json: boolean; all: boolean; tensor?: string; help: boolean; target?: string };
  try {
    options = parseInspectArgs(args);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${INSPECT_HELP}`);
    return 1;
  }
  if (options.help) {
    io.stdout.write(INSPECT_HELP);
    return 0;
  }
  const target = options.target as string;

  let isFolder: boolean;
  try {
    isFolder = (await stat(target)).isDirectory() && !target.endsWith('.onnx');
  } catch {
    io.stderr.write(`Not found: "${target}". Pass an .onnx file or a model folder.\n`);
    return 1;
  }
  if (isFolder && options.tensor !== undefined) {
    io.stderr.write('--tensor needs an .onnx file, not a folder.\n');
    return 1;
  }
  return isFolder ? inspectFolder(target, options, io) : inspectFile(target, options, io);
}

function parseInspectArgs(args: string[]): { json: boolean; all: boolean; tensor?: string; help: boolean; target?: string } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      tensor: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { json: false, all: false, help: true };
  if (positionals.length !== 1) {
    throw new Error(`Expected one FILE or DIR argument, got ${positionals.length}.`);
  }
  return { json: values.json, all: values.all, tensor: values.tensor, help: false, target: positionals[0] };
}

async function inspectFile(
  path: string,
  options: { json: boolean; all: boolean; tensor?: string },
  io: Output,
): Promise<number> {
  try {
    const { model, source } = await openModelFile(path);
    const summary = summarizeModel(model, { bytes: source.bytes, path, load: source.load });
    const statistics = options.tensor === undefined ? undefined : tensorStatistics(model, source, options.tensor);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(statistics === undefined ? summary : { ...summary, tensorStatistics: statistics }, null, 2)}\n`);
    } else {
      io.stdout.write(formatSummary(summary, options.all));
      if (statistics !== undefined) io.stdout.write(formatStatistics(statistics));
    }
    return 0;
  } catch (error) {
    if (!(error instanceof OnnxFormatError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
}

async function inspectFolder(folder: string, options: { json: boolean; all: boolean }, io: Output): Promise<number> {
  let exitCode = 0;
  let config: Record<string, unknown> | null = null;
  try {
    config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      io.stderr.write(`Invalid ${join(folder, 'config.json')}: ${(error as Error).message}\n`);
      exitCode = 1;
    }
  }

  const files = await findOnnxFiles(folder);
  if (files.length === 0) {
    io.stderr.write(`No .onnx files found in "${folder}" or its onnx/ subfolder.\n`);
    return 1;
  }
  const summaries: OnnxModelSummary[] = [];
  for (const file of files) {
    try {
      const { model, source } = await openModelFile(file);
      summaries.push(summarizeModel(model, { bytes: source.bytes, path: file, load: source.load }));
    } catch (error) {
      if (!(error instanceof OnnxFormatError)) throw error;
      io.stderr.write(`${error.message}\n`);
      exitCode = 1;
    }
  }

  if (options.json) {
    io.stdout.write(`${JSON.stringify({ folder, config, models: summaries }, null, 2)}\n`);
    return exitCode;
  }
  const parts = [`Folder  ${folder}\n`];
  if (config !== null) parts.push(section('config.json', configRows(config)));
  for (const summary of summaries) parts.push(`\n${formatSummary(summary, options.all)}`);
  io.stdout.write(parts.join(''));
  return exitCode;
}

/** Returns the .onnx files of `folder` and of `folder/onnx`, sorted by path. */
async function findOnnxFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of [folder, join(folder, 'onnx')]) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((entry) => entry.endsWith('.onnx')).sort()) found.push(join(dir, name));
  }
  return found;
}

function configRows(config: Record<string, unknown>): string[][] {
  return CONFIG_KEYS.filter((key) => key in config).map((key) => [key, JSON.stringify(config[key])]);
}

/** Formats a model summary as text sections, like a model inspector. */
export function formatSummary(summary: OnnxModelSummary, allInitializers: boolean): string {
  const parts = [
    `Model  ${summary.path === null ? '(bytes)' : basename(summary.path)}\n`,
    section('Format', formatRows(summary)),
    section(`Inputs (${summary.inputs.length})`, summary.inputs.map((value) => [value.name, value.type, formatShape(value.shape)])),
    section(`Outputs (${summary.outputs.length})`, summary.outputs.map((value) => [value.name, value.type, formatShape(value.shape)])),
    section('Seq2seq', seq2seqRows(summary)),
    section('Capture', captureRows(summary)),
    section(
      `Operators (${summary.nodeCount} nodes, ${summary.subgraphCount} subgraphs, ${summary.operators.length} types)`,
      summary.operators.map((op) => [op.domain, op.opType, String(op.count)]),
    ),
    section(
      `Parameters  ${formatCount(summary.parameterCount)} (${formatBytes(summary.parameterBytes)})`,
      summary.parametersByDataType.map((total) => [total.dataType, formatCount(total.parameters), formatBytes(total.bytes)]),
    ),
    section(initializerTitle(summary, allInitializers), initializerRows(summary, allInitializers)),
  ];
  if (summary.externalFiles.length > 0) {
    parts.push(
      section(
        'External data',
        summary.externalFiles.map((file) => [file.location, `${file.tensorCount} tensors`, formatBytes(file.bytes), fileState(file)]),
      ),
    );
  }
  if (summary.warnings.length > 0) parts.push(section('Warnings', summary.warnings.map((warning) => [warning])));
  return parts.join('');
}

function formatRows(summary: OnnxModelSummary): string[][] {
  const rows = [
    ['File size', formatBytes(summary.fileSize)],
    ['IR version', String(summary.irVersion)],
    ['Opsets', summary.opsetImports.map((opset) => `${opset.domain} ${opset.version}`).join(', ')],
    ['Producer', `${summary.producerName} ${summary.producerVersion}`.trim()],
    ['Graph', summary.graphName],
  ];
  if (summary.domain !== '') rows.push(['Domain', summary.domain]);
  if (summary.modelVersion !== 0) rows.push(['Model version', String(summary.modelVersion)]);
  if (summary.functionCount > 0) rows.push(['Functions', String(summary.functionCount)]);
  if (summary.docString !== '') rows.push(['Doc string', oneLine(summary.docString)]);
  for (const entry of summary.metadata) rows.push([`metadata ${entry.key}`, oneLine(entry.value)]);
  return rows;
}

function seq2seqRows(summary: OnnxModelSummary): string[][] {
  const facts = summary.seq2seq;
  const show = (value: number | null): string => (value === null ? 'unknown' : String(value));
  return [
    ['Role', facts.role],
    ['Layers', show(facts.layers)],
    ['Heads', show(facts.heads)],
    ['d_model', show(facts.dModel)],
    ['Vocabulary', show(facts.vocabSize)],
    ['KV cache inputs', listNames(facts.kvCacheInputs)],
    ['KV cache outputs', listNames(facts.kvCacheOutputs)],
  ];
}

function captureRows(summary: OnnxModelSummary): string[][] {
  const capture = summary.capture;
  return [
    ['Attention', capture.attentionUnavailable === null ? `${capture.attentionTensors} tensors` : `not available: ${capture.attentionUnavailable}`],
    ['Feed-forward', capture.ffnUnavailable === null ? `${capture.ffnTensors} tensors` : `not available: ${capture.ffnUnavailable}`],
  ];
}

function initializerTitle(summary: OnnxModelSummary, all: boolean): string {
  const count = summary.initializers.length;
  return all || count <= DEFAULT_INITIALIZER_ROWS ? `Initializers (${count})` : `Initializers (${count}, largest ${DEFAULT_INITIALIZER_ROWS}; --all lists every one)`;
}

function initializerRows(summary: OnnxModelSummary, all: boolean): string[][] {
  const rows = all ? summary.initializers : [...summary.initializers].sort((a, b) => b.bytes - a.bytes).slice(0, DEFAULT_INITIALIZER_ROWS);
  return rows.map((row) => [
    row.name,
    row.dataType,
    `[${row.shape.join(', ')}]`,
    formatBytes(row.bytes),
    row.location === undefined ? row.storage : `external ${row.location}`,
  ]);
}

/** Formats tensor statistics as a text section. */
export function formatStatistics(statistics: TensorStatistics): string {
  const show = (value: number | null): string => (value === null ? 'n/a' : String(Number(value.toPrecision(6))));
  return section(`Tensor ${statistics.name}`, [
    ['Elements', formatCount(statistics.elementCount)],
    ['Min', show(statistics.min)],
    ['Max', show(statistics.max)],
    ['Mean', show(statistics.mean)],
    ['Std', show(statistics.std)],
    ['Zeros', `${statistics.zeroPercent.toFixed(2)}%`],
    ['NaN', String(statistics.nanCount)],
  ]);
}

/** Formats a titled block of left-aligned columns. */
function section(title: string, rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const lines = rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`.trimEnd());
  return `\n${title}\n${lines.length > 0 ? lines.join('\n') : '  (none)'}\n`;
}

function fileState(file: OnnxModelSummary['externalFiles'][number]): string {
  if (file.exists === false) return 'missing';
  if (file.fileSize === null) return '';
  return `file ${formatBytes(file.fileSize)}`;
}

function formatShape(shape: readonly Dim[] | null): string {
  if (shape === null) return '';
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}

function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length <= 2 ? names.join(', ') : `${names.length} (${names[0]} … ${names[names.length - 1]})`;
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Formats a byte count with decimal units (kB = 1000 bytes), as file managers show sizes. */
function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}
