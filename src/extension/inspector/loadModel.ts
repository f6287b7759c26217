/**
 * Loads one `.onnx` file for the inspector: reads it, parses it lazily, summarizes it and builds the view.
 * No `vscode` import.
 *
 * A file on the local disk is opened with `openModelFile`, which reads headers, nodes and shapes but no
 * weight payloads. NOTE: a file reachable only through `vscode.workspace.fs` (a remote workspace) is read
 * whole, because that API has no ranged read. Its bytes are released once the view is built. External
 * data files are never read at load.
 */
import {
  OnnxFormatError,
  openModelFile,
  readModel,
  summarizeModel,
  type OnnxModel,
  type OnnxModelSummary,
  type TensorSource,
} from '../../onnx';
import type { FolderModelSummary, ModelView } from '../../protocol/inspector-messages';
import { ExtensionError } from '../errors';
import type { FileStamp, ModelSource } from './modelSource';
import { buildModelView, folderModelSummary } from './modelView';

/** Largest file read: a protobuf message cannot exceed 2 GiB; larger models keep their weights as external data. */
export const MAX_MODEL_BYTES = 2 ** 31 - 1;

/** A model that loaded: the parsed model (for statistics), its view and the stamp it was read at. */
export interface LoadedModel {
  readonly model: OnnxModel;
  readonly view: ModelView;
  readonly stamp: FileStamp;
}

/** The outcome of reading a file: the value, or why the file cannot be shown. */
export type LoadResult<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly message: string };

interface ReadModel {
  readonly model: OnnxModel;
  readonly summary: OnnxModelSummary;
  /** The bytes the model was parsed from, for the values of small constants. */
  readonly source: TensorSource;
  readonly stamp: FileStamp;
}

/**
 * Loads the model of `source` for the model editor. Malformed, unsupported and unsafe files (empty,
 * truncated, not ONNX, an IR version out of range, external data outside the folder) give `ok: false`
 * with the reason. Other errors, such as an I/O failure or a bug, are thrown.
 */
export async function loadModel(source: ModelSource): Promise<LoadResult<LoadedModel>> {
  return withFormatErrors(async () => {
    const { model, summary, source: tensors, stamp } = await readAndSummarize(source);
    return { model, view: buildModelView(source.fileName, model, summary, tensors), stamp };
  });
}

/** Loads the short summary the folder view lists; errors are sorted as in `loadModel`. */
export async function loadFolderModelSummary(source: ModelSource): Promise<LoadResult<{ summary: FolderModelSummary }>> {
  return withFormatErrors(async () => ({ summary: folderModelSummary((await readAndSummarize(source)).summary) }));
}

async function withFormatErrors<T extends object>(load: () => Promise<T>): Promise<LoadResult<T>> {
  try {
    return { ok: true, ...(await load()) };
  } catch (error) {
    if (error instanceof OnnxFormatError || error instanceof ExtensionError) return { ok: false, message: error.message };
    throw error;
  }
}

async function readAndSummarize(source: ModelSource): Promise<ReadModel> {
  const stamp = await source.stamp();
  const { model, tensors } = await readAndParse(source, stamp);
  const summary = summarizeModel(model, { bytes: tensors.bytes, path: source.localPath, load: tensors.load });
  return { model, summary, source: tensors, stamp };
}

async function readAndParse(source: ModelSource, stamp: FileStamp): Promise<{ model: OnnxModel; tensors: TensorSource }> {
  if (source.localPath !== undefined) {
    // openModelFile checks for directories, empty files and the size limit, and guards external data paths.
    const opened = await openModelFile(source.localPath);
    return { model: opened.model, tensors: opened.source };
  }
  if (stamp.size > MAX_MODEL_BYTES) {
    throw new ExtensionError(
      `Model file "${source.fileName}" has ${stamp.size} bytes, more than the 2 GiB protobuf limit; save the weights as external data.`,
    );
  }
  const bytes = await source.readAll();
  return { model: readModel(bytes), tensors: { bytes } };
}
