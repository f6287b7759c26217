import type { ModelSummary } from '../protocol/trace';
import type { LoadOptions, TranslateRequest, TranslateResponse } from './types';

/**
 * A loaded encoder-decoder model ready to translate. Create with `Translator.load`, release with `dispose`.
 */
export class Translator {
  private constructor(
    readonly modelDir: string,
    readonly summary: ModelSummary,
  ) {}

  /** Loads the model folder `modelDir`; throws `ModelLoadError` naming the file when something is wrong. */
  static async load(modelDir: string, _options: LoadOptions = {}): Promise<Translator> {
    throw new Error(`Translator.load(${modelDir}) is not implemented yet.`);
  }

  /** Translates `request.texts` as one batch. */
  async translate(_request: TranslateRequest): Promise<TranslateResponse> {
    throw new Error('Translator.translate is not implemented yet.');
  }

  /** Releases the ONNX Runtime sessions. Safe to call twice. */
  async dispose(): Promise<void> {}
}
