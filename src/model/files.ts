import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelLoadError } from './errors';

/** Decoder graphs that a folder provides, in the order the runtime prefers them. */
export type DecoderFiles =
  /** One graph with an If on `use_cache_branch`: the first step without past, later steps with it. */
  | { readonly layout: 'merged'; readonly merged: string }
  /** A first-step graph and a with-past graph. */
  | { readonly layout: 'split'; readonly decoder: string; readonly withPast: string }
  /** Only the first-step graph: every step re-runs the whole prefix. */
  | { readonly layout: 'no-cache'; readonly decoder: string };

export type DecoderLayout = DecoderFiles['layout'];

export interface ModelFiles {
  readonly dir: string;
  /** Folder that contains the .onnx files: `dir` or `dir/onnx`. */
  readonly onnxDir: string;
  readonly precision: string;
  /** Precisions for which an encoder file exists, 'fp32' first. */
  readonly availablePrecisions: readonly string[];
  readonly encoder: string;
  readonly decoder: DecoderFiles;
}

// The longer names come first in the alternation so that "decoder_model_merged" is not read as a "merged" precision.
const GRAPH_FILE = /^(encoder_model|decoder_model_merged|decoder_with_past_model|decoder_model)(?:_([a-z0-9]+))?\.onnx$/;

/** Files by graph kind and precision suffix ('fp32' for no suffix). */
type GraphIndex = Map<string, Map<string, string>>;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function indexGraphs(onnxDir: string): Promise<GraphIndex> {
  const index: GraphIndex = new Map();
  for (const name of await readdir(onnxDir)) {
    const match = GRAPH_FILE.exec(name);
    if (!match) continue;

    const graph = match[1];
    const precision = match[2] ?? 'fp32';
    if (!index.has(graph)) index.set(graph, new Map());
    index.get(graph)!.set(precision, join(onnxDir, name));
  }
  return index;
}

function chooseDecoder(
  index: GraphIndex,
  precision: string,
  requested: DecoderLayout | undefined,
  onnxDir: string,
): DecoderFiles {
  const merged = index.get('decoder_model_merged')?.get(precision);
  const decoder = index.get('decoder_model')?.get(precision);
  const withPast = index.get('decoder_with_past_model')?.get(precision);
  const suffix = precision === 'fp32' ? '' : `_${precision}`;

  if (requested === 'merged' || (requested === undefined && merged)) {
    if (!merged) {
      throw new ModelLoadError(`Missing decoder_model_merged${suffix}.onnx in ${onnxDir} (decoder layout "merged" was requested).`);
    }
    return { layout: 'merged', merged };
  }
  if (requested === 'split' || (requested === undefined && decoder && withPast)) {
    if (!decoder || !withPast) {
      const missing = !decoder ? `decoder_model${suffix}.onnx` : `decoder_with_past_model${suffix}.onnx`;
      throw new ModelLoadError(`Missing ${missing} in ${onnxDir} (decoder layout "split" was requested).`);
    }
    return { layout: 'split', decoder, withPast };
  }
  if (!decoder) {
    throw new ModelLoadError(
      `Missing decoder in ${onnxDir}: expected decoder_model_merged${suffix}.onnx, or decoder_model${suffix}.onnx ` +
        `(with or without decoder_with_past_model${suffix}.onnx).`,
    );
  }
  return { layout: 'no-cache', decoder };
}

/**
 * Finds the encoder and decoder graphs of a model folder in the Optimum / transformers.js layout
 * (`dir/onnx/*.onnx` or `dir/*.onnx`), for one precision suffix ('fp32' = no suffix).
 */
export async function findModelFiles(
  dir: string,
  precision = 'fp32',
  layout?: DecoderLayout,
): Promise<ModelFiles> {
  if (!(await isDirectory(dir))) {
    throw new ModelLoadError(`Model folder not found: ${dir}. Pass a folder that contains config.json and onnx/.`, dir);
  }
  const onnxDir = (await isDirectory(join(dir, 'onnx'))) ? join(dir, 'onnx') : dir;
  const index = await indexGraphs(onnxDir);

  const encoders = index.get('encoder_model') ?? new Map<string, string>();
  // fp32 first, then the other suffixes in alphabetical order.
  const others = [...encoders.keys()].filter((name) => name !== 'fp32').sort();
  const availablePrecisions = encoders.has('fp32') ? ['fp32', ...others] : others;
  if (encoders.size === 0) {
    throw new ModelLoadError(`Missing encoder in ${onnxDir}: expected encoder_model.onnx (or a precision variant such as encoder_model_quantized.onnx).`, onnxDir);
  }
  const encoder = encoders.get(precision);
  if (!encoder) {
    const expected = precision === 'fp32' ? 'encoder_model.onnx' : `encoder_model_${precision}.onnx`;
    throw new ModelLoadError(
      `Precision "${precision}" not found in ${onnxDir}: expected ${expected}; available: ${availablePrecisions.join(', ')}.`,
      onnxDir,
    );
  }

  return {
    dir,
    onnxDir,
    precision,
    availablePrecisions,
    encoder,
    decoder: chooseDecoder(index, precision, layout, onnxDir),
  };
}
