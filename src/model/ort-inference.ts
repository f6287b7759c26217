import * as ort from 'onnxruntime-node';
import { DecodingError } from '../decoding/errors';
import type { EncoderInput, ExtraOutputs, ExtraTensor, Inference } from '../decoding/inference';
import { IO } from './io-names';
import type { CacheLayout } from './kv-cache';
import type { ModelSessions } from './sessions';

/** Extra outputs to fetch from each graph (capture), by session. */
export interface ExtraFetches {
  readonly encoder: readonly string[];
  readonly decoder: readonly string[];
  readonly withPast: readonly string[];
}

export const NO_EXTRA_FETCHES: ExtraFetches = { encoder: [], decoder: [], withPast: [] };

function int64Tensor(rows: readonly (readonly number[])[]): ort.Tensor {
  const width = rows[0]?.length ?? 0;
  const data = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => row.forEach((value, c) => (data[r * width + c] = BigInt(value))));
  return new ort.Tensor('int64', data, [rows.length, width]);
}

/** Repeats each item of a [batch, ...] tensor `times` times along the first dimension. */
function repeatRows(tensor: ort.Tensor, times: number): ort.Tensor {
  if (times === 1) return tensor;
  const [batch, ...rest] = tensor.dims;
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const source = tensor.data as Float32Array | BigInt64Array;
  const output = new (source.constructor as Float32ArrayConstructor | BigInt64ArrayConstructor)(source.length * times);
  for (let item = 0; item < batch; item++) {
    const row = source.subarray(item * rowSize, (item + 1) * rowSize);
    for (let copy = 0; copy < times; copy++) (output as Float32Array).set(row as Float32Array, (item * times + copy) * rowSize);
  }
  return new ort.Tensor(tensor.type, output, [batch * times, ...rest]);
}

/** Gathers rows of a [rows, ...] float tensor: new row i is old row `sourceRows[i]`. */
function gatherRows(tensor: ort.Tensor, sourceRows: Int32Array): ort.Tensor {
  const [rows, ...rest] = tensor.dims;
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const source = tensor.data as Float32Array;
  const output = new Float32Array(rows * rowSize);
  sourceRows.forEach((from, to) => output.set(source.subarray(from * rowSize, (from + 1) * rowSize), to * rowSize));
  return new ort.Tensor('float32', output, tensor.dims);
}

function toExtras(outputs: ort.InferenceSession.ReturnType, names: readonly string[]): ExtraOutputs {
  const extras = new Map<string, ExtraTensor>();
  for (const name of names) {
    const tensor = outputs[name];
    if (tensor) extras.set(name, { dims: tensor.dims, data: tensor.data as Float32Array });
  }
  return extras;
}

/**
 * ONNX Runtime inference for one run: the encoder output repeated per beam and the KV cache.
 * Works with the merged decoder, the split pair and the first-step decoder alone (re-running the prefix).
 */
export class OrtInference implements Inference {
  /** [rows, srcLen, dModel] */
  private encoderHidden: ort.Tensor | undefined;
  /** [rows, srcLen] int64 */
  private encoderMask: ort.Tensor | undefined;
  /** past_key_values.* by input name, each [rows, heads, length, headDim]. */
  private past = new Map<string, ort.Tensor>();
  /** Sum of the time spent inside `session.run`, in milliseconds. */
  runMs = 0;

  constructor(
    private readonly sessions: ModelSessions,
    private readonly cache: CacheLayout | undefined,
    private readonly vocab: number,
    private readonly fetches: ExtraFetches = NO_EXTRA_FETCHES,
  ) {}

  async encode(input: EncoderInput, beams: number): Promise<ExtraOutputs> {
    const ids = int64Tensor(input.inputIds); // [batch, srcLen]
    const mask = int64Tensor(input.attentionMask); // [batch, srcLen]
    const session = this.sessions.encoder;
    const feeds: Record<string, ort.Tensor> = { [IO.inputIds]: ids };
    if (session.inputNames.includes(IO.attentionMask)) feeds[IO.attentionMask] = mask;

    const outputs = await this.run(session, feeds, [IO.lastHiddenState, ...this.fetches.encoder]);
    const hidden = outputs[IO.lastHiddenState];
    if (!hidden) throw new DecodingError(`Encoder returned no ${IO.lastHiddenState}: found ${Object.keys(outputs).join(', ')}.`);

    this.encoderHidden = repeatRows(hidden, beams);
    this.encoderMask = repeatRows(mask, beams);
    return toExtras(outputs, this.fetches.encoder);
  }

  async logits(sequences: readonly (readonly number[])[]): Promise<{ logits: Float32Array; extras: ExtraOutputs }> {
    if (!this.encoderHidden || !this.encoderMask) throw new DecodingError('logits() called before encode().');
    const rows = sequences.length;
    const firstStep = this.past.size === 0;
    const useCache = this.cache !== undefined && !(firstStep && this.sessions.withPast !== undefined) ? this.cache : undefined;

    // Session and decoder input: the whole prefix without cache, else the last token only.
    const session = !firstStep && this.sessions.withPast ? this.sessions.withPast : this.sessions.decoder;
    const extraNames = session === this.sessions.withPast ? this.fetches.withPast : this.fetches.decoder;
    const inputIds = this.cache === undefined ? sequences : sequences.map((sequence) => [sequence[sequence.length - 1]]);

    const feeds: Record<string, ort.Tensor> = {
      [IO.inputIds]: int64Tensor(inputIds),
      [IO.encoderAttentionMask]: this.encoderMask,
      [IO.encoderHiddenStates]: this.encoderHidden,
    };
    if (session.inputNames.includes(IO.useCacheBranch)) {
      feeds[IO.useCacheBranch] = new ort.Tensor('bool', new Uint8Array([firstStep ? 0 : 1]), [1]);
    }
    if (useCache) {
      for (const entry of useCache.entries) {
        feeds[entry.pastName] =
          this.past.get(entry.pastName) ??
          new ort.Tensor('float32', new Float32Array(0), [rows, useCache.heads, 0, useCache.headDim]);
      }
    }
    for (const name of Object.keys(feeds)) if (!session.inputNames.includes(name)) delete feeds[name];

    const presentNames = (this.cache?.entries ?? [])
      .filter((entry) => entry.kind === 'decoder' || firstStep)
      .map((entry) => entry.presentName)
      .filter((name) => session.outputNames.includes(name));
    const outputs = await this.run(session, feeds, [IO.logits, ...presentNames, ...extraNames]);

    // Decoder presents replace the cache every step. The encoder ones are real only at the first step,
    // because the with-past graphs return placeholders for them, so the first ones are kept.
    for (const entry of this.cache?.entries ?? []) {
      const present = outputs[entry.presentName];
      if (present && (entry.kind === 'decoder' || firstStep)) this.past.set(entry.pastName, present);
    }

    return { logits: this.lastPosition(outputs[IO.logits], rows), extras: toExtras(outputs, extraNames) };
  }

  reorder(sourceRows: Int32Array): void {
    // NOTE: encoder K/V rows are identical for all beams of an item and rows only move within an item,
    // so only the decoder self-attention cache is gathered.
    for (const entry of this.cache?.entries ?? []) {
      if (entry.kind !== 'decoder') continue;
      const tensor = this.past.get(entry.pastName);
      if (tensor) this.past.set(entry.pastName, gatherRows(tensor, sourceRows));
    }
  }

  dispose(): void {
    this.past.clear();
    this.encoderHidden = undefined;
    this.encoderMask = undefined;
  }

  private async run(
    session: ort.InferenceSession,
    feeds: Record<string, ort.Tensor>,
    fetches: readonly string[],
  ): Promise<ort.InferenceSession.ReturnType> {
    const start = performance.now();
    try {
      return await session.run(feeds, [...fetches]);
    } finally {
      this.runMs += performance.now() - start;
    }
  }

  /** Logits of the last position of each row: [rows, length, vocab] → [rows, vocab]. */
  private lastPosition(logits: ort.Tensor | undefined, rows: number): Float32Array {
    if (!logits) throw new DecodingError(`Decoder returned no ${IO.logits}.`);
    const [outRows, length, vocab] = logits.dims;
    if (outRows !== rows || vocab !== this.vocab || logits.dims.length !== 3) {
      throw new DecodingError(`Decoder logits have shape [${logits.dims.join(', ')}]: expected [${rows}, length, ${this.vocab}].`);
    }
    const data = logits.data as Float32Array;
    if (length === 1) return data;

    const output = new Float32Array(rows * vocab);
    for (let row = 0; row < rows; row++) {
      const offset = (row * length + length - 1) * vocab;
      output.set(data.subarray(offset, offset + vocab), row * vocab);
    }
    return output;
  }
}
