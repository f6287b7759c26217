/**
 * Builds the model folder view: `config.json`, `generation_config.json` and a summary of every `.onnx`
 * file in the folder and its direct subfolders (Optimum puts them in `onnx/`). No `vscode` import;
 * the folder is reached through `ModelFolder`, which the host implements with `vscode.workspace.fs`.
 */
import type { FolderModelView, FolderView, JsonFileView, KeyValueView } from '../../protocol/inspector-messages';
import { loadFolderModelSummary } from './loadModel';
import type { ModelSource } from './modelSource';

/** Maximum `.onnx` files summarized in one folder; the view reports how many more were found. */
export const MAX_FOLDER_MODELS = 64;
/** Longer JSON values are cut in the view. */
export const MAX_JSON_VALUE_LENGTH = 300;

export interface FolderEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory';
}

/** A model folder reached through the file system that contains it. Paths are relative, with "/" separators. */
export interface ModelFolder {
  /** The folder's path or URI as the user knows it. */
  readonly display: string;
  /** The folder's URI as a string, e.g. "file:///models/opus-mt-en-fr". */
  readonly uri: string;
  /** Lists a folder ("" is the model folder itself); entries that are neither files nor folders are left out. */
  list(path: string): Promise<readonly FolderEntry[]>;
  /** Reads a text file, or returns undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** Returns a source for the model file at `path`. */
  modelSource(path: string): ModelSource;
}

function valueText(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > MAX_JSON_VALUE_LENGTH ? `${text.slice(0, MAX_JSON_VALUE_LENGTH)}…` : text;
}

/** Parses a JSON file of the folder into its top-level fields, or returns why it cannot. */
export function jsonFileView(fileName: string, text: string | undefined): JsonFileView {
  if (text === undefined) return { fileName, status: 'missing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { fileName, status: 'invalid', error: `Invalid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { fileName, status: 'invalid', error: 'Expected a JSON object at the top level.' };
  }
  const entries: KeyValueView[] = Object.entries(parsed).map(([key, value]) => ({ key, value: valueText(value) }));
  return { fileName, status: 'ok', entries };
}

/** Lists the `.onnx` files of the folder and of its direct subfolders, sorted by path. */
export async function findModelFiles(folder: ModelFolder): Promise<string[]> {
  const found: string[] = [];
  const root = await folder.list('');
  for (const entry of root) {
    if (entry.kind === 'file' && entry.name.toLowerCase().endsWith('.onnx')) found.push(entry.name);
  }
  for (const entry of root) {
    if (entry.kind !== 'directory' || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    for (const inner of await folder.list(entry.name)) {
      if (inner.kind === 'file' && inner.name.toLowerCase().endsWith('.onnx')) found.push(`${entry.name}/${inner.name}`);
    }
  }
  return found.sort();
}

/**
 * Builds the folder view. Each model file is read and summarized in turn, so at most one file's bytes are
 * in memory at a time. `onProgress` is called before each file with its path.
 */
export async function buildFolderView(folder: ModelFolder, onProgress?: (path: string, index: number, total: number) => void): Promise<FolderView> {
  const paths = await findModelFiles(folder);
  const models: FolderModelView[] = [];
  const shown = paths.slice(0, MAX_FOLDER_MODELS);

  for (const [index, path] of shown.entries()) {
    onProgress?.(path, index, shown.length);
    const source = folder.modelSource(path);
    const fileSize = (await source.stamp()).size;
    const result = await loadFolderModelSummary(source);
    models.push(
      result.ok ? { path, fileSize, summary: result.summary, error: null } : { path, fileSize, summary: null, error: result.message },
    );
  }

  return {
    folder: folder.display,
    folderUri: folder.uri,
    config: jsonFileView('config.json', await folder.readText('config.json')),
    generationConfig: jsonFileView('generation_config.json', await folder.readText('generation_config.json')),
    models,
    skippedModels: paths.length - shown.length,
  };
}
