/** A translator stand-in for tests of the extension's plain modules: it records calls and never loads ONNX. */
import type { TranslatorLike } from '../../../src/extension/modelManager';
import type { ModelSummary } from '../../../src/protocol/trace';
import type { TranslateRequest, TranslateResponse } from '../../../src/translate/types';

export function fakeSummary(id: string): ModelSummary {
  return {
    id,
    modelType: 'marian',
    encoderLayers: 2,
    decoderLayers: 2,
    encoderHeads: 4,
    decoderHeads: 4,
    dModel: 32,
    ffnDim: 64,
    vocabSize: 100,
    decoderLayout: 'decoder_model_merged.onnx',
    precision: 'fp32',
  };
}

export class FakeTranslator implements TranslatorLike {
  readonly summary: ModelSummary;
  readonly requests: TranslateRequest[] = [];
  disposeCount = 0;

  constructor(
    id: string,
    /** Maps each source text to its translation; the default upper-cases it. */
    private readonly translateOne: (text: string) => string = (text) => text.toUpperCase(),
  ) {
    this.summary = fakeSummary(id);
  }

  async translate(request: TranslateRequest): Promise<TranslateResponse> {
    this.requests.push(request);
    await Promise.resolve();
    const results = request.texts.map((text) => ({
      text: this.translateOne(text),
      tokenIds: [],
      sumLogprob: 0,
      avgLogprob: 0,
      nBest: [],
    }));
    const stats = { segments: request.texts.length, steps: 3, generatedTokens: 2 * request.texts.length, encodeMs: 1, decodeMs: 2, totalMs: 3, ortMs: 2 };
    return { results, stats };
  }

  async dispose(): Promise<void> {
    this.disposeCount += 1;
  }
}

/** Creates a promise with its resolve and reject functions, to control when a fake load finishes. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
