/**
 * Keeps at most one model loaded. Models load on first use, concurrent requests share one load, and a
 * model that is replaced or unloaded is disposed once the runs still using it finish.
 * No `vscode` import: the loader and the logger are passed in.
 */
import type { ModelSummary } from '../protocol/trace';
import { DecodingCancelledError } from '../translate';
import type { LoadOptions, TranslateRequest, TranslateResponse } from '../translate/types';

/** The part of `Translator` the extension uses, so tests can pass a fake. */
export interface TranslatorLike {
  readonly summary: ModelSummary;
  /** Problems found in the model's generation_config.json that did not stop the load. */
  readonly warnings?: readonly string[];
  translate(request: TranslateRequest): Promise<TranslateResponse>;
  dispose(): Promise<void>;
}

export interface ModelSpec {
  /** Absolute model folder. */
  readonly dir: string;
  readonly loadOptions: LoadOptions;
}

export type ModelLoader = (dir: string, options: LoadOptions) => Promise<TranslatorLike>;

export interface ModelLogger {
  info(message: string): void;
  error(error: string | Error): void;
}

export type ModelState = 'unloaded' | 'loading' | 'loaded';

interface Entry {
  readonly key: string;
  readonly spec: ModelSpec;
  readonly loading: Promise<TranslatorLike>;
  translator?: TranslatorLike;
  /** Runs currently using (or waiting for) this model. */
  users: number;
  /** Set when the entry stopped being current; it is disposed when `users` reaches 0. */
  retired: boolean;
}

/**
 * Waits for `promise` unless `signal` aborts first, then rejects with `DecodingCancelledError`. The promise
 * itself keeps running, so an aborted wait for a load leaves the model loading for the next run.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new DecodingCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DecodingCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function specKey(spec: ModelSpec): string {
  return JSON.stringify([spec.dir, spec.loadOptions.precision ?? '', spec.loadOptions.decoderLayout ?? '']);
}

export class ModelManager {
  private current: Entry | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly loader: ModelLoader,
    private readonly log: ModelLogger,
  ) {}

  /** Returns how far the load of `spec` got; 'unloaded' when `spec` is not the current model. */
  state(spec: ModelSpec): ModelState {
    if (this.current === undefined || this.current.key !== specKey(spec)) return 'unloaded';
    return this.current.translator === undefined ? 'loading' : 'loaded';
  }

  /** Summary of the loaded model, if one is loaded. */
  get loadedSummary(): ModelSummary | undefined {
    return this.current?.translator?.summary;
  }

  /** Calls `listener` whenever a load starts, finishes or fails, or the model is unloaded. */
  onDidChangeState(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Runs `work` with the model of `spec`, loading it first when needed. Switching to another spec retires
   * the previous model. A failed load is not cached, so the next call tries again. When `signal` aborts
   * during the load, the call rejects with `DecodingCancelledError` at once and the load goes on.
   */
  async use<T>(spec: ModelSpec, work: (translator: TranslatorLike) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const key = specKey(spec);
    if (this.current !== undefined && this.current.key !== key) this.retire(this.current);
    const entry = this.current ?? this.startLoad(spec, key);

    entry.users += 1;
    try {
      const translator = await untilAborted(entry.loading, signal);
      if (signal?.aborted) throw new DecodingCancelledError();
      return await work(translator);
    } finally {
      entry.users -= 1;
      if (entry.retired && entry.users === 0) this.disposeEntry(entry);
    }
  }

  /** Unloads the current model (after the runs using it finish). */
  unload(): void {
    if (this.current !== undefined) this.retire(this.current);
  }

  dispose(): void {
    this.unload();
    this.listeners.clear();
  }

  private startLoad(spec: ModelSpec, key: string): Entry {
    const started = performance.now();
    this.log.info(`Loading model ${spec.dir} (precision ${spec.loadOptions.precision ?? 'default'}).`);

    const entry: Entry = { key, spec, loading: this.loader(spec.dir, spec.loadOptions), users: 0, retired: false };
    this.current = entry;
    this.notify();

    entry.loading.then(
      (translator) => {
        entry.translator = translator;
        const ms = Math.round(performance.now() - started);
        this.log.info(`Loaded model ${translator.summary.id} from ${spec.dir} in ${ms} ms (${translator.summary.decoderLayout}, ${translator.summary.precision}).`);
        for (const warning of translator.warnings ?? []) this.log.info(`Model ${translator.summary.id}: ${warning}`);
        this.notify();
      },
      (error: unknown) => {
        // The caller of `use` reports the error with its stack; this line only dates the failure.
        const ms = Math.round(performance.now() - started);
        this.log.info(`Loading model ${spec.dir} failed after ${ms} ms: ${error instanceof Error ? error.message : String(error)}`);
        if (this.current === entry) this.current = undefined;
        this.notify();
      },
    );
    return entry;
  }

  private retire(entry: Entry): void {
    entry.retired = true;
    if (this.current === entry) this.current = undefined;
    if (entry.users === 0) this.disposeEntry(entry);
    this.notify();
  }

  /** Disposes a retired entry's translator once it has loaded; a failed load has nothing to free. */
  private disposeEntry(entry: Entry): void {
    entry.loading.then(
      async (translator) => {
        try {
          await translator.dispose();
          this.log.info(`Unloaded model ${entry.spec.dir}.`);
        } catch (error) {
          this.log.error(error instanceof Error ? error : String(error));
        }
      },
      () => undefined,
    );
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
