/**
 * Translates whole editor texts: each text is split into sentence segments, all segments are translated in
 * batches, and each text is rebuilt with its layout (blank lines, indentation, list markers) kept.
 * No `vscode` import.
 */
import type { Trace } from '../protocol/trace';
import { batchSegments, joinText, splitText } from '../text';
import { DecodingCancelledError } from '../translate';
import type { CaptureRequest, GenerationOverrides, RunStats } from '../translate/types';
import { ExtensionError } from './errors';
import type { TranslatorLike } from './modelManager';

export interface TextRunOptions {
  readonly overrides: GenerationOverrides;
  /**
   * Capture for the run. NOTE: only the first segment of the first text is captured, in its own call,
   * because a trace per segment of a long text would cost memory that the panel (one trace) never shows.
   */
  readonly capture: CaptureRequest | false;
  /** Maximum segments per `translate` call. */
  readonly maxBatchSegments: number;
  /** Maximum characters per `translate` call. */
  readonly maxBatchChars: number;
  readonly signal?: AbortSignal;
  /** Called after each batch with the number of segments translated so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface TextRunResult {
  /** One translation per input text, in order. */
  readonly translations: readonly string[];
  /** The trace of the first segment, when capture was requested and there was a segment. */
  readonly trace?: Trace;
  /** Sums over all `translate` calls. */
  readonly stats: RunStats;
}

const ZERO_STATS: RunStats = { segments: 0, steps: 0, generatedTokens: 0, encodeMs: 0, decodeMs: 0, totalMs: 0, ortMs: 0 };

function addStats(a: RunStats, b: RunStats): RunStats {
  return {
    segments: a.segments + b.segments,
    steps: a.steps + b.steps,
    generatedTokens: a.generatedTokens + b.generatedTokens,
    encodeMs: a.encodeMs + b.encodeMs,
    decodeMs: a.decodeMs + b.decodeMs,
    totalMs: a.totalMs + b.totalMs,
    ortMs: a.ortMs + b.ortMs,
  };
}

/** A segment of one input text: where its translation goes. */
interface SegmentRef {
  readonly textIndex: number;
  readonly segmentIndex: number;
  readonly text: string;
}

export async function translateTexts(
  translator: TranslatorLike,
  texts: readonly string[],
  options: TextRunOptions,
): Promise<TextRunResult> {
  const segmented = texts.map((text) => splitText(text));
  const outputs: string[][] = segmented.map((item) => item.segments.map(() => ''));
  const refs: SegmentRef[] = segmented.flatMap((item, textIndex) =>
    item.segments.map((segment, segmentIndex) => ({ textIndex, segmentIndex, text: segment.text })),
  );

  let stats = ZERO_STATS;
  let trace: Trace | undefined;
  let done = 0;

  const translateBatch = async (batch: readonly SegmentRef[], capture: CaptureRequest | false): Promise<void> => {
    if (options.signal?.aborted) throw new DecodingCancelledError();
    const response = await translator.translate({
      texts: batch.map((ref) => ref.text),
      options: options.overrides,
      capture,
      signal: options.signal,
    });
    if (response.results.length !== batch.length) {
      throw new ExtensionError(`The model returned ${response.results.length} translations for ${batch.length} segments.`);
    }
    batch.forEach((ref, i) => (outputs[ref.textIndex][ref.segmentIndex] = response.results[i].text));
    if (capture !== false) trace = response.results[0].trace;
    stats = addStats(stats, response.stats);
    done += batch.length;
    options.onProgress?.(done, refs.length);
  };

  let rest = refs;
  if (options.capture !== false && refs.length > 0) {
    await translateBatch(refs.slice(0, 1), options.capture);
    rest = refs.slice(1);
  }
  for (const batch of batchSegments(rest, options.maxBatchSegments, options.maxBatchChars)) {
    await translateBatch(batch, false);
  }

  const translations = segmented.map((item, index) => joinText(item, outputs[index]));
  return { translations, trace, stats };
}
