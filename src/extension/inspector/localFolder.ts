/**
 * A model folder on the local disk, read with `node:fs`: used by the tests and by the host for `file:`
 * folders. No `vscode` import.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FolderEntry, ModelFolder } from './folderSummary';
import { LocalModelSource, type ModelSource } from './modelSource';

export class LocalModelFolder implements ModelFolder {
  constructor(
    readonly display: string,
    readonly uri: string = pathToFileURL(display).href,
  ) {}

  async list(path: string): Promise<readonly FolderEntry[]> {
    const entries = await readdir(join(this.display, path), { withFileTypes: true });
    const listed: FolderEntry[] = [];
    for (const entry of entries) {
      if (entry.isFile()) listed.push({ name: entry.name, kind: 'file' });
      else if (entry.isDirectory()) listed.push({ name: entry.name, kind: 'directory' });
    }
    return listed;
  }

  async readText(path: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.display, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  modelSource(path: string): ModelSource {
    return new LocalModelSource(join(this.display, path));
  }
}
