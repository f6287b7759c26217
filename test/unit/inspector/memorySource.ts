/**
 * A `ModelSource` over bytes in memory, without a local path: it takes the path a remote workspace takes
 * through `vscode.workspace.fs` (whole-file reads, external data read by the source).
 */
import type { FileStamp, ModelSource } from '../../../src/extension/inspector/modelSource';

export class MemoryModelSource implements ModelSource {
  readonly localPath = undefined;
  /** Calls to `readExternal`, as "location@offset+length". */
  readonly externalReads: string[] = [];

  constructor(
    readonly fileName: string,
    public bytes: Uint8Array,
    private readonly siblings: Readonly<Record<string, Uint8Array>> = {},
    public mtime = 1,
  ) {}

  stamp(): Promise<FileStamp> {
    return Promise.resolve({ size: this.bytes.byteLength, mtime: this.mtime });
  }

  readAll(): Promise<Uint8Array> {
    return Promise.resolve(this.bytes);
  }

  readRange(start: number, end: number): Promise<Uint8Array> {
    return Promise.resolve(this.bytes.slice(start, end));
  }

  readExternal(location: string, offset: number, length: number): Promise<Uint8Array> {
    this.externalReads.push(`${location}@${offset}+${length}`);
    const file = this.siblings[location];
    if (file === undefined) return Promise.reject(new Error(`No sibling file "${location}".`));
    return Promise.resolve(file.slice(offset, offset + length));
  }
}
