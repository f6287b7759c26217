import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ModelLoadError } from './errors';
import type { DecoderFiles } from './files';

/** The graphs of a model, each as an ONNX Runtime session. */
export interface ModelSessions {
  readonly encoder: ort.InferenceSession;
  /** Merged decoder, or the first-step decoder of the split and no-cache layouts. */
  readonly decoder: ort.InferenceSession;
  /** With-past decoder of the split layout. */
  readonly withPast?: ort.InferenceSession;
}

/** Graph kind of a file, passed to the graph transform. */
export type GraphRole = 'encoder' | 'decoder' | 'decoder-merged' | 'decoder-with-past';

/** Rewrites a graph's bytes before the session is created (capture adds outputs this way). */
export type GraphTransform = (bytes: Uint8Array, role: GraphRole, file: string) => Uint8Array | Promise<Uint8Array>;

const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  graphOptimizationLevel: 'all',
  executionProviders: ['cpu'],
};

async function createSession(file: string, role: GraphRole, transform?: GraphTransform): Promise<ort.InferenceSession> {
  try {
    if (!transform) return await ort.InferenceSession.create(file, SESSION_OPTIONS);
    const bytes = await transform(new Uint8Array(await readFile(file)), role, file);
    return await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError(
      `Cannot load ${basename(file)}: expected an ONNX model that ONNX Runtime accepts, found an error (${(error as Error).message.trim()}).`,
      file,
    );
  }
}

/** Creates the sessions one after another (to bound peak memory); a failure releases the ones already created. */
export async function createSessions(encoderFile: string, decoder: DecoderFiles, transform?: GraphTransform): Promise<ModelSessions> {
  const created: ort.InferenceSession[] = [];
  try {
    const encoder = await createSession(encoderFile, 'encoder', transform);
    created.push(encoder);

    if (decoder.layout === 'merged') {
      const merged = await createSession(decoder.merged, 'decoder-merged', transform);
      created.push(merged);
      return { encoder, decoder: merged };
    }

    const first = await createSession(decoder.decoder, 'decoder', transform);
    created.push(first);
    if (decoder.layout === 'no-cache') return { encoder, decoder: first };

    const withPast = await createSession(decoder.withPast, 'decoder-with-past', transform);
    return { encoder, decoder: first, withPast };
  } catch (error) {
    await Promise.allSettled(created.map((session) => session.release()));
    throw error;
  }
}

/** Releases every session; errors from one do not stop the others. */
export async function releaseSessions(sessions: ModelSessions): Promise<void> {
  const all = [sessions.encoder, sessions.decoder, sessions.withPast].filter((s): s is ort.InferenceSession => s !== undefined);
  await Promise.allSettled(all.map((session) => session.release()));
}
