/**
 * Model files and folders reached through `vscode.workspace.fs`, for workspaces whose files are not on
 * the extension host's disk (remote, virtual). `file:` URIs use the `node:fs` versions instead.
 */
import * as vscode from 'vscode';
import type { FolderEntry, ModelFolder } from './folderSummary';
import { LocalModelFolder } from './localFolder';
import { LocalModelSource, type FileStamp, type ModelSource } from './modelSource';

/** Returns the last path segment of a URI, e.g. "decoder_model.onnx". */
function lastSegment(uri: vscode.Uri): string {
  return uri.path.split('/').filter((part) => part !== '').at(-1) ?? uri.path;
}

/**
 * A model file read through `vscode.workspace.fs`.
 * NOTE: that API reads whole files only, so `readRange` and `readExternal` read the whole file and keep
 * the requested part. Statistics of one tensor therefore cost a full read of its file.
 */
export class WorkspaceModelSource implements ModelSource {
  readonly fileName: string;
  readonly localPath = undefined;

  constructor(private readonly uri: vscode.Uri) {
    this.fileName = lastSegment(uri);
  }

  async stamp(): Promise<FileStamp> {
    const info = await vscode.workspace.fs.stat(this.uri);
    return { size: info.size, mtime: info.mtime };
  }

  async readAll(): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri);
  }

  async readRange(start: number, end: number): Promise<Uint8Array> {
    return (await this.readAll()).slice(start, end);
  }

  async readExternal(location: string, offset: number, length: number): Promise<Uint8Array> {
    const folder = vscode.Uri.joinPath(this.uri, '..');
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, ...location.split(/[\\/]+/)));
    return bytes.slice(offset, offset + length);
  }
}

/** A model folder listed and read through `vscode.workspace.fs`. */
export class WorkspaceModelFolder implements ModelFolder {
  readonly display: string;
  readonly uri: string;

  constructor(private readonly folder: vscode.Uri) {
    this.display = folder.toString(true);
    this.uri = folder.toString();
  }

  async list(path: string): Promise<readonly FolderEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.resolve(path));
    const listed: FolderEntry[] = [];
    for (const [name, type] of entries) {
      // FileType is a bit set: a symbolic link to a file is File | SymbolicLink.
      if (type & vscode.FileType.File) listed.push({ name, kind: 'file' });
      else if (type & vscode.FileType.Directory) listed.push({ name, kind: 'directory' });
    }
    return listed;
  }

  async readText(path: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.resolve(path)));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  modelSource(path: string): ModelSource {
    return new WorkspaceModelSource(this.resolve(path));
  }

  private resolve(path: string): vscode.Uri {
    return path === '' ? this.folder : vscode.Uri.joinPath(this.folder, ...path.split('/'));
  }
}

/** Returns the source for a model URI: `node:fs` for `file:` URIs, `vscode.workspace.fs` otherwise. */
export function modelSourceFor(uri: vscode.Uri): ModelSource {
  return uri.scheme === 'file' ? new LocalModelSource(uri.fsPath) : new WorkspaceModelSource(uri);
}

/** Returns the folder for a URI: `node:fs` for `file:` URIs, `vscode.workspace.fs` otherwise. */
export function modelFolderFor(uri: vscode.Uri): ModelFolder {
  return uri.scheme === 'file' ? new LocalModelFolder(uri.fsPath, uri.toString()) : new WorkspaceModelFolder(uri);
}
