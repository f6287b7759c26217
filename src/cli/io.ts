import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Output and input streams of a command. Tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Folder of the embedded demo model, found next to the bundle (dist/) or the sources (src/cli/). */
export function defaultModelDir(): string {
  const candidates = [resolve(__dirname, '..', 'models', 'demo-en-fr'), resolve(__dirname, '..', '..', 'models', 'demo-en-fr')];
  return candidates.find((dir) => existsSync(join(dir, 'config.json'))) ?? candidates[0];
}

/** Reads all of stdin as text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Source segments: the positional text, else stdin split into non-empty lines. */
export async function readSegments(positionals: readonly string[], io: CliIo): Promise<string[]> {
  if (positionals.length > 0) return [positionals.join(' ')];
  if (io.stdin.isTTY) return [];
  return (await readAll(io.stdin))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
