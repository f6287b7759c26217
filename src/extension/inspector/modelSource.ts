/**
 * Where the inspector reads a model file from: the local disk through `node:fs`, or (in remote
 * workspaces) through `vscode.workspace.fs`, which `workspaceSource.ts` implements. This file has no
 * `vscode` import, so the loader and the statistics are tested in plain Node.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';

/** Size and modification time, compared before statistics to detect a file changed on disk. */
export interface FileStamp {
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly mtime: number;
}

export interface ModelSource {
  /** File name shown to the user, e.g. "decoder_model.onnx". */
  readonly fileName: string;
  /** Absolute path on the local disk, or undefined when the file is only reachable through VS Code. */
  readonly localPath: string | undefined;
  stamp(): Promise<FileStamp>;
  /** Reads the whole file. */
  readAll(): Promise<Uint8Array>;
  /** Reads bytes [start, end) of the file. */
  readRange(start: number, end: number): Promise<Uint8Array>;
  /**
   * Reads `length` bytes at `offset` of a file next to the model. `location` was already checked to be a
   * relative path that stays in the model folder. Only sources without `localPath` need it.
   */
  readExternal(location: string, offset: number, length: number): Promise<Uint8Array>;
}

/** A model file on the local disk, read with `node:fs`. */
export class LocalModelSource implements ModelSource {
  readonly fileName: string;

  constructor(readonly localPath: string) {
    this.fileName = basename(localPath);
  }

  async stamp(): Promise<FileStamp> {
    const info = await stat(this.localPath);
    return { size: info.size, mtime: info.mtimeMs };
  }

  async readAll(): Promise<Uint8Array> {
    return this.readRange(0, (await this.stamp()).size);
  }

  async readRange(start: number, end: number): Promise<Uint8Array> {
    const file = await open(this.localPath, 'r');
    try {
      const buffer = Buffer.alloc(end - start);
      let done = 0;
      while (done < buffer.byteLength) {
        const { bytesRead } = await file.read(buffer, done, buffer.byteLength - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    } finally {
      await file.close();
    }
  }

  readExternal(): Promise<Uint8Array> {
    // `readTensorNumbers` reads local external data itself, with the symlink guard of `src/onnx`.
    return Promise.reject(new Error('LocalModelSource.readExternal is not used: pass the model path to readTensorNumbers.'));
  }
}
