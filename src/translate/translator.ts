import { basename } from 'node:path';
import { type CapturePlan, createInstrumenter, TraceRecorder } from '../capture';
import {
  DecodingError,
  DecodingOptionsError,
  DecodingTask,
  resolveDecodingOptions,
  type DecodingObserver,
  type DecodingOverrides,
} from '../decoding';
import { type ExtraFetches, NO_EXTRA_FETCHES, OrtInference, Seq2SeqModel } from '../model';
import type { ModelSummary } from '../protocol/trace';
import type { GenerationOverrides, LoadOptions, TranslateRequest, TranslateResponse, TranslationResult } from './types';

function toOverrides(options: GenerationOverrides = {}): DecodingOverrides {
  return {
    numBeams: options.numBeams,
    maxNewTokens: options.maxNewTokens,
    minLength: options.minLength,
    lengthPenalty: options.lengthPenalty,
    earlyStopping: options.earlyStopping,
    numReturnSequences: options.numReturnSequences,
    noRepeatNgramSize: options.noRepeatNgramSize,
    repetitionPenalty: options.repetitionPenalty,
  };
}

/**
 * A loaded encoder-decoder model ready to translate. Create with `Translator.load`, release with `dispose`.
 * Several `translate` calls may run at once: each run keeps its own encoder output and KV cache.
 */
export class Translator {
  private constructor(
    readonly model: Seq2SeqModel,
    readonly summary: ModelSummary,
    /** Tensors that capture can fetch; they are requested only by runs that ask for capture. */
    readonly capturePlan: CapturePlan,
  ) {}

  get modelDir(): string {
    return this.model.files.dir;
  }

  /** Warnings about generation_config.json fields that are not used. */
  get warnings(): readonly string[] {
    return this.model.generationWarnings;
  }

  /** Loads the model folder `modelDir`; throws `ModelLoadError` naming the file when something is wrong. */
  static async load(modelDir: string, options: LoadOptions = {}): Promise<Translator> {
    // The graphs get extra outputs at load time; runs without capture do not fetch them.
    const instrumenter = createInstrumenter();
    const model = await Seq2SeqModel.load(modelDir, {
      precision: options.precision,
      decoderLayout: options.decoderLayout,
      transform: instrumenter.transform,
    });
    const { config, files } = model;
    const decoderFiles =
      files.decoder.layout === 'merged'
        ? [files.decoder.merged]
        : files.decoder.layout === 'split'
          ? [files.decoder.decoder, files.decoder.withPast]
          : [files.decoder.decoder];
    const summary: ModelSummary = {
      id: basename(modelDir),
      modelType: config.modelType,
      encoderLayers: config.encoderLayers,
      decoderLayers: config.decoderLayers,
      encoderHeads: config.encoderHeads,
      decoderHeads: config.decoderHeads,
      dModel: config.dModel,
      ffnDim: config.ffnDim,
      vocabSize: config.vocabSize,
      decoderLayout: decoderFiles.map((file) => basename(file)).join(' + '),
      precision: files.precision,
    };
    return new Translator(model, summary, instrumenter.plan());
  }

  /** Translates `request.texts` as one batch; results come back in input order. */
  async translate(request: TranslateRequest): Promise<TranslateResponse> {
    const start = performance.now();
    const { model } = this;
    const { options } = resolveDecodingOptions(model.generationConfig, model.tokenDefaults, toOverrides(request.options));
    if (request.texts.length === 0) {
      return { results: [], stats: { segments: 0, steps: 0, generatedTokens: 0, encodeMs: 0, decodeMs: 0, totalMs: 0, ortMs: 0 } };
    }

    const sources = request.texts.map((text) => model.tokenizer.encode(text));
    this.checkLengths(sources, options.maxNewTokens);
    const capture = request.capture || undefined;
    const plan = this.capturePlan;
    const fetches: ExtraFetches = capture
      ? {
          encoder: plan.encoder.map((target) => target.outputName),
          decoder: plan.decoder.map((target) => target.outputName),
          withPast: plan.withPast.map((target) => target.outputName),
        }
      : NO_EXTRA_FETCHES;
    const inference = new OrtInference(model.sessions, model.cache, model.config.vocabSize, fetches);

    const recorder = capture
      ? new TraceRecorder({
          model: this.summary,
          plan,
          options: { ...capture, numBeams: options.numBeams, maxNewTokens: options.maxNewTokens, lengthPenalty: options.lengthPenalty },
          texts: request.texts,
          piece: (id) => model.tokenizer.piece(id),
          decode: (ids) => model.tokenizer.decode(ids),
          decoderStartTokenId: options.decoderStartTokenId,
        })
      : undefined;
    let steps = 0;
    let encodeMs = 0;
    const observer: DecodingObserver = {
      onEncoded: (input, extras) => {
        encodeMs = performance.now() - start;
        recorder?.onEncoded(input, extras);
      },
      onStep: (step, sequences, scores, result, extras) => {
        steps = step + 1;
        recorder?.onStep(step, sequences, scores, result, extras);
      },
      onFinished: (finished) => recorder?.onFinished(finished),
    };
    const task = new DecodingTask(inference, options, model.config.vocabSize, observer);
    const decoded = await task.run(sources, request.signal);
    const traces = recorder?.traces();

    const results: TranslationResult[] = decoded.map((sequences, index) => {
      const nBest = sequences.map((sequence) => ({
        text: model.tokenizer.decode(sequence.tokens),
        tokenIds: sequence.tokens,
        sumLogprob: sequence.sumLogprob,
        avgLogprob: sequence.avgLogprob,
        score: sequence.score,
      }));
      const best = nBest[0];
      const trace = traces?.[index];
      return { text: best.text, tokenIds: best.tokenIds, sumLogprob: best.sumLogprob, avgLogprob: best.avgLogprob, nBest, ...(trace ? { trace } : {}) };
    });

    const totalMs = performance.now() - start;
    return {
      results,
      stats: {
        segments: request.texts.length,
        steps,
        generatedTokens: results.reduce((sum, result) => sum + result.tokenIds.length, 0),
        encodeMs,
        decodeMs: totalMs - encodeMs,
        totalMs,
        ortMs: inference.runMs,
      },
    };
  }

  /** Rejects sources and output lengths beyond the model's position embeddings, which ONNX Runtime would fail on. */
  private checkLengths(sources: readonly (readonly number[])[], maxNewTokens: number): void {
    const limit = this.model.config.maxPositions;
    if (limit === undefined) return;

    const longest = sources.reduce((max, source, index) => (source.length > sources[max].length ? index : max), 0);
    if (sources[longest].length > limit) {
      throw new DecodingError(
        `Segment ${longest + 1} has ${sources[longest].length} tokens: the model accepts at most ${limit} (max_position_embeddings). Split the text into shorter segments.`,
      );
    }
    if (maxNewTokens + 1 > limit) {
      throw new DecodingOptionsError(
        `Invalid max_new_tokens (${maxNewTokens}) for max_position_embeddings (${limit}): the decoder sequence, start token included, must fit; use at most ${limit - 1}.`,
      );
    }
  }

  /** Releases the ONNX Runtime sessions. Safe to call twice. */
  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
