import { join } from 'node:path';
import { DecodingOptionsError, resolveDecodingOptions, type ModelTokenDefaults } from '../decoding';
import { type ModelConfig, readModelConfig } from './config';
import { ModelLoadError } from './errors';
import { findModelFiles, type DecoderLayout, type ModelFiles } from './files';
import { type JsonObject, readJsonObject } from './json-file';
import { type CacheLayout, readCacheLayout } from './kv-cache';
import { createSessions, type GraphTransform, type ModelSessions, releaseSessions } from './sessions';
import { TextTokenizer } from './tokenizer';

export interface ModelLoadOptions {
  readonly precision?: string;
  readonly decoderLayout?: DecoderLayout;
  /** Applied to every graph's bytes before its session is created. */
  readonly transform?: GraphTransform;
}

/** A model folder with its config, tokenizer and ONNX Runtime sessions. */
export class Seq2SeqModel {
  private released = false;

  private constructor(
    readonly files: ModelFiles,
    readonly config: ModelConfig,
    readonly generationConfig: JsonObject,
    /** Warnings about generation_config.json fields that are not used. */
    readonly generationWarnings: readonly string[],
    readonly tokenizer: TextTokenizer,
    readonly sessions: ModelSessions,
    /** KV cache layout; undefined for the no-cache layout. */
    readonly cache: CacheLayout | undefined,
    readonly loadMs: number,
  ) {}

  get tokenDefaults(): ModelTokenDefaults {
    return {
      vocabSize: this.config.vocabSize,
      eosTokenId: this.config.eosTokenId,
      padTokenId: this.config.padTokenId,
      decoderStartTokenId: this.config.decoderStartTokenId,
    };
  }

  /**
   * Loads a model folder in the Optimum / transformers.js layout. Throws `ModelLoadError` naming the file when
   * a file is missing or malformed, and releases whatever was created.
   */
  static async load(dir: string, options: ModelLoadOptions = {}): Promise<Seq2SeqModel> {
    const start = performance.now();
    const files = await findModelFiles(dir, options.precision ?? 'fp32', options.decoderLayout);
    const config = await readModelConfig(dir);
    const generationConfig = (await readJsonObject(join(dir, 'generation_config.json'), false)) ?? {};
    const tokenizer = await TextTokenizer.load(dir);

    let generationWarnings: readonly string[];
    try {
      generationWarnings = resolveDecodingOptions(generationConfig, {
        vocabSize: config.vocabSize,
        eosTokenId: config.eosTokenId,
        padTokenId: config.padTokenId,
        decoderStartTokenId: config.decoderStartTokenId,
      }).warnings;
    } catch (error) {
      if (!(error instanceof DecodingOptionsError)) throw error;
      throw new ModelLoadError(`Invalid generation settings in ${dir}: ${error.message}`, join(dir, 'generation_config.json'));
    }

    const sessions = await createSessions(files.encoder, files.decoder, options.transform);
    try {
      let cache: CacheLayout | undefined;
      if (files.decoder.layout === 'merged') cache = readCacheLayout(sessions.decoder, config, files.decoder.merged);
      if (files.decoder.layout === 'split') cache = readCacheLayout(sessions.withPast!, config, files.decoder.withPast);
      return new Seq2SeqModel(files, config, generationConfig, generationWarnings, tokenizer, sessions, cache, performance.now() - start);
    } catch (error) {
      await releaseSessions(sessions);
      throw error;
    }
  }

  /** Releases the ONNX Runtime sessions. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await releaseSessions(this.sessions);
  }
}
