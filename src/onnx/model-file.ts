/** Reads an .onnx file from disk with the checks a user-supplied path needs. */
import { readFile, stat } from 'node:fs/promises';

import { OnnxFormatError } from './errors';
import { resolveExternalDataPath } from './external-data';
import { forEachGraph } from './graph-walk';
import type { OnnxModel } from './model-types';
import { readModel } from './read-model';
import { loadModelSkeleton } from './sparse-file';
import type { TensorSource } from './tensor-values';

/** Largest model file read: protobuf messages cannot exceed 2 GiB, larger models use external data. */
const MAX_MODEL_BYTES = 2 ** 31 - 1;

export interface ModelFile {
  readonly path: string;
  readonly bytes: Buffer;
  readonly model: OnnxModel;
}

/**
 * Reads and lazily parses the model at `path`, and checks that every external data location stays
 * in the model's folder (without opening the data files). Throws `OnnxFormatError` naming the file.
 */
export async function readModelFile(path: string): Promise<ModelFile> {
  await checkModelPath(path);
  const bytes = await readFile(path);
  const model = parseWithPath(path, bytes);
  return { path, bytes, model };
}

/** A model opened without reading its weights: `source.bytes` holds only what the reader needed. */
export interface OpenedModelFile {
  readonly path: string;
  readonly fileSize: number;
  readonly model: OnnxModel;
  /** Source for `readTensorNumbers` and `summarizeModel`; it reads payloads from disk on request. */
  readonly source: TensorSource & { readonly bytes: Buffer; readonly load: (start: number, end: number) => void };
  /** Bytes read from disk to parse the model. */
  readonly bytesRead: number;
}

/**
 * Parses the model at `path` like `readModelFile`, but reads only message headers, nodes and value
 * infos from disk and no weight payloads, so a 340 MB decoder opens in a few MB of reads. Use
 * `readModelFile` when the complete bytes are needed, for example to create an ONNX Runtime session.
 */
export async function openModelFile(path: string): Promise<OpenedModelFile> {
  const fileSize = await checkModelPath(path);
  let file;
  try {
    file = loadModelSkeleton(path, fileSize);
  } catch (error) {
    throw withPath(error, path);
  }
  const model = parseWithPath(path, file.bytes);
  const load = (start: number, end: number): void => file.load(start, end);
  return { path, fileSize, model, source: { bytes: file.bytes, modelPath: path, load }, bytesRead: file.bytesRead };
}

/** Checks that `path` is a readable regular file within the protobuf size limit and returns its size. */
async function checkModelPath(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new OnnxFormatError(`"${path}" is a directory, expected an .onnx file.`, path);
    }
    if (!info.isFile()) throw new OnnxFormatError(`"${path}" is not a regular file.`, path);
    size = info.size;
  } catch (error) {
    if (error instanceof OnnxFormatError) throw error;
    throw new OnnxFormatError(`Model file "${path}" not found or not readable (${errorCode(error)}).`, path);
  }
  if (size === 0) throw new OnnxFormatError(`${path}: Invalid ONNX model: the input is empty (0 bytes).`, path);
  if (size > MAX_MODEL_BYTES) {
    throw new OnnxFormatError(
      `Model file "${path}" has ${size} bytes, more than the 2 GiB protobuf limit; save the weights as external data.`,
      path,
    );
  }
  return size;
}

function parseWithPath(path: string, bytes: Uint8Array): OnnxModel {
  try {
    const model = readModel(bytes);
    checkExternalLocations(model, path);
    return model;
  } catch (error) {
    throw withPath(error, path);
  }
}

/** Prefixes an OnnxFormatError that does not name a file with `path`. */
function withPath(error: unknown, path: string): unknown {
  if (error instanceof OnnxFormatError && error.file === undefined) {
    return new OnnxFormatError(`${path}: ${error.message}`, path);
  }
  return error;
}

function checkExternalLocations(model: OnnxModel, path: string): void {
  forEachGraph(model.graph, (graph) => {
    for (const tensor of graph.initializers) {
      if (tensor.externalData !== null) resolveExternalDataPath(path, tensor.externalData.location);
    }
  });
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
