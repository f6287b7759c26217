import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ModelLoadError } from './errors';

/** A parsed JSON object read from a model folder. */
export type JsonObject = Record<string, unknown>;

/**
 * Reads and parses a JSON object file; `null` when the file is absent and `required` is false.
 * Throws `ModelLoadError` naming the file when it is missing (and required), unreadable or not an object.
 */
export async function readJsonObject(path: string, required: boolean): Promise<JsonObject | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return null;
    if (code === 'ENOENT') {
      throw new ModelLoadError(`Missing ${basename(path)}: expected it at ${path}.`, path);
    }
    throw new ModelLoadError(`Cannot read ${path}: ${(error as Error).message}`, path);
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelLoadError(
      `Malformed ${basename(path)}: expected JSON, found a parse error (${(error as Error).message}).`,
      path,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'an array' : JSON.stringify(value);
    throw new ModelLoadError(`Malformed ${basename(path)}: expected a JSON object, found ${found}.`, path);
  }
  return value as JsonObject;
}
