/** Reads an .onnx file from disk with the checks a user-supplied path needs. */
import { readFile, stat } from 'node:fs/promises';

import { OnnxFormatError } from './errors';
import { resolveExternalDataPath } from './external-data';
import { forEachGraph } from './graph-walk';
import type { OnnxModel } from './model-types';
import { readModel } from './read-model';

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
  if (size > MAX_MODEL_BYTES) {
    throw new OnnxFormatError(
      `Model file "${path}" has ${size} bytes, more than the 2 GiB protobuf limit; save the weights as external data.`,
      path,
    );
  }

  const bytes = await readFile(path);
  try {
    const model = readModel(bytes);
    checkExternalLocations(model, path);
    return { path, bytes, model };
  } catch (error) {
    if (error instanceof OnnxFormatError && error.file === undefined) {
      throw new OnnxFormatError(`${path}: ${error.message}`, path);
    }
    throw error;
  }
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
