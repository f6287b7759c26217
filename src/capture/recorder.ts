import type { DecoderStep, DecodingObserver, EncoderInput, ExtraOutputs, FinishedSequence } from '../decoding';
import type {
  BeamRecord,
  Candidate,
  Captured,
  FinalView,
  Hypothesis,
  LayerActivations,
  LayerAttention,
  ModelSummary,
  StepRecord,
  TokenInfo,
  Trace,
  TraceOptions,
} from '../protocol/trace';
import { TRACE_FORMAT_VERSION } from '../protocol/trace';
import { type CaptureKey, type CapturePlan, type CaptureTarget, captureKey } from './plan';
import { ActivationView, AttentionView, summarizeActivations } from './tensors';
import { softmaxTopK } from './top-k';

/** Model and run facts that the recorder needs. */
export interface RecorderContext {
  readonly model: ModelSummary;
  readonly plan: CapturePlan;
  readonly options: TraceOptions;
  readonly texts: readonly string[];
  readonly piece: (id: number) => string;
  readonly decode: (ids: readonly number[]) => string;
  readonly decoderStartTokenId: number;
}

interface ItemState {
  readonly sourceLength: number;
  readonly encoderSelf: LayerAttention[];
  readonly encoderFfn: LayerActivations[];
  readonly steps: StepRecord[];
  hypotheses: Hypothesis[];
  final?: FinalView;
}

const KEYS: readonly CaptureKey[] = ['encoder.self', 'encoder.ffn', 'decoder.self', 'decoder.cross', 'decoder.ffn'];

/**
 * Records a trace per source item while a `DecodingTask` runs: encoder attention and activations once,
 * then at every step the candidates, the beams and the decoder attention and activations of the beams
 * that were alive before the step.
 */
export class TraceRecorder implements DecodingObserver {
  private items: ItemState[] = [];
  private source: number[][] = [];
  private beams = 1;
  private readonly available: Record<CaptureKey, boolean>;

  constructor(private readonly context: RecorderContext) {
    const { plan } = context;
    const all = [...plan.encoder, ...plan.decoder, ...plan.withPast];
    this.available = Object.fromEntries(KEYS.map((key) => [key, all.some((t) => captureKey(t) === key)])) as Record<CaptureKey, boolean>;
  }

  onEncoded(input: EncoderInput, extras: ExtraOutputs): void {
    this.beams = this.context.options.numBeams;
    this.source = input.inputIds.map((ids, item) => ids.slice(0, input.attentionMask[item].filter((bit) => bit === 1).length));
    this.items = this.source.map((ids) => ({ sourceLength: ids.length, encoderSelf: [], encoderFfn: [], steps: [], hypotheses: [] }));

    const { encoderHeads } = this.context.model;
    for (const target of this.context.plan.encoder) {
      const tensor = extras.get(target.outputName);
      if (!tensor) continue;

      if (target.kind === 'self') {
        const view = new AttentionView(tensor, encoderHeads, target.outputName);
        this.items.forEach((item, row) => {
          const n = item.sourceLength;
          item.encoderSelf.push({ layer: target.layer, probs: { shape: [encoderHeads, n, n], data: view.slice(row, 0, n, n) } });
        });
      } else if (target.kind === 'ffn') {
        const view = new ActivationView(tensor, this.items.length, target.outputName);
        this.items.forEach((item, row) => {
          const vectors = Array.from({ length: item.sourceLength }, (_, position) => view.vector(row, position));
          item.encoderFfn.push({ layer: target.layer, ...this.summarize(vectors) });
        });
      }
    }
    for (const item of this.items) {
      item.encoderSelf.sort((a, b) => a.layer - b.layer);
      item.encoderFfn.sort((a, b) => a.layer - b.layer);
    }
  }

  onStep(step: number, sequences: readonly (readonly number[])[], scores: Float32Array, result: DecoderStep, extras: ExtraOutputs): void {
    const vocab = scores.length / sequences.length;
    const targets = this.decoderTargets(extras);

    this.items.forEach((item, index) => {
      const records = result.records[index];
      if (records.length === 0) return; // finished earlier

      // All beams start identical, so only the first one is recorded at the first step.
      const beamsBefore = step === 0 ? 1 : this.beams;
      const rows = Array.from({ length: beamsBefore }, (_, beam) => index * this.beams + beam);

      const candidates: Candidate[][] = rows.map((row) =>
        softmaxTopK(scores, row * vocab, vocab, this.context.options.topK).map(([id, prob, logprob]) => ({
          id,
          piece: this.context.piece(id),
          prob,
          logprob,
        })),
      );
      const beams: BeamRecord[] = records.map((record) => ({
        beam: record.beam,
        parent: step === 0 ? -1 : record.parent,
        token: this.token(record.token),
        cumulativeLogprob: record.cumulativeLogprob,
        status: record.status,
      }));

      item.steps.push({
        step,
        candidates,
        beams,
        decoderSelfAttention: this.stepAttention(targets, 'self', rows, step + 1, extras),
        crossAttention: this.stepAttention(targets, 'cross', rows, item.sourceLength, extras),
        ffn: this.stepActivations(targets, rows, sequences.length, extras),
      });
    });
  }

  onFinished(results: readonly (readonly FinishedSequence[])[]): void {
    results.forEach((sequences, index) => {
      const item = this.items[index];
      item.hypotheses = sequences.map((sequence) => ({
        tokens: sequence.tokens.map((id) => this.token(id)),
        text: this.context.decode(sequence.tokens),
        sumLogprob: sequence.sumLogprob,
        avgLogprob: sequence.tokens.length > 0 ? sequence.sumLogprob / sequence.tokens.length : 0,
        score: sequence.score,
        beamPath: sequence.beamPath,
      }));
      if (sequences.length > 0) item.final = this.finalView(item, sequences[0]);
    });
  }

  /** Returns the traces, one per source item in input order. Call after the run finished. */
  traces(): Trace[] {
    const { model, options, texts } = this.context;
    return this.items.map((item, index) => ({
      version: TRACE_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      model,
      options,
      source: { text: texts[index], tokens: this.source[index].map((id) => this.token(id)) },
      encoderSelfAttention: this.captured('encoder.self', item.encoderSelf),
      encoderFfn: this.captured('encoder.ffn', item.encoderFfn),
      steps: item.steps,
      hypotheses: item.hypotheses,
      final: item.final ?? this.emptyFinal(),
    }));
  }

  private token(id: number): TokenInfo {
    return { id, piece: this.context.piece(id) };
  }

  private summarize(vectors: readonly Float32Array[]): Omit<LayerActivations, 'layer'> {
    return summarizeActivations(vectors, this.context.options.topNeurons, this.context.options.fullActivations);
  }

  private captured<T>(key: CaptureKey, layers: T[]): Captured<T> {
    if (!this.available[key]) {
      return { available: false, reason: this.context.plan.unavailable[key] ?? `${key} attention not found in the graph.` };
    }
    return { available: true, layers };
  }

  /** Targets whose outputs are in `extras` (the merged and split decoders name them the same way). */
  private decoderTargets(extras: ExtraOutputs): CaptureTarget[] {
    const { decoder, withPast } = this.context.plan;
    const seen = new Set<string>();
    return [...decoder, ...withPast].filter((target) => {
      if (seen.has(target.outputName) || !extras.has(target.outputName)) return false;
      seen.add(target.outputName);
      return true;
    });
  }

  /** Attention of the last query position for `rows`: per layer, probs [rows, heads, 1, keys]. */
  private stepAttention(
    targets: readonly CaptureTarget[],
    kind: 'self' | 'cross',
    rows: readonly number[],
    keys: number,
    extras: ExtraOutputs,
  ): Captured<LayerAttention> {
    const key: CaptureKey = kind === 'self' ? 'decoder.self' : 'decoder.cross';
    const heads = this.context.model.decoderHeads;
    const layers: LayerAttention[] = [];
    for (const target of targets) {
      if (target.kind !== kind) continue;
      const view = new AttentionView(extras.get(target.outputName)!, heads, target.outputName);
      const data = new Float32Array(rows.length * heads * keys);
      rows.forEach((row, i) => data.set(view.slice(row, view.tgt - 1, 1, keys), i * heads * keys));
      layers.push({ layer: target.layer, probs: { shape: [rows.length, heads, 1, keys], data } });
    }
    return this.captured(key, layers.sort((a, b) => a.layer - b.layer));
  }

  /** FFN activations of the last position for `rows`, per layer. */
  private stepActivations(targets: readonly CaptureTarget[], rows: readonly number[], batchRows: number, extras: ExtraOutputs): Captured<LayerActivations> {
    const layers: LayerActivations[] = [];
    for (const target of targets) {
      if (target.kind !== 'ffn') continue;
      const view = new ActivationView(extras.get(target.outputName)!, batchRows, target.outputName);
      layers.push({ layer: target.layer, ...this.summarize(rows.map((row) => view.vector(row, view.seq - 1))) });
    }
    return this.captured('decoder.ffn', layers.sort((a, b) => a.layer - b.layer));
  }

  /** Gathers the best hypothesis' attention and activations over all its steps into full matrices. */
  private finalView(item: ItemState, best: FinishedSequence): FinalView {
    const length = best.tokens.length;
    // Beam (alive before the step) that produced each token: the parent of the token's record.
    const producers = best.beamPath.map((beam, step) => {
      const record = item.steps[step].beams.find((b) => b.beam === beam);
      return step === 0 ? 0 : Math.max(record?.parent ?? 0, 0);
    });

    const gatherAttention = (select: (step: StepRecord) => Captured<LayerAttention> | undefined, key: CaptureKey, keys: (step: number) => number, width: number): Captured<LayerAttention> => {
      const first = item.steps[0] ? select(item.steps[0]) : undefined;
      if (!first || !first.available) return this.captured(key, []);
      const heads = this.context.model.decoderHeads;
      return this.captured(
        key,
        first.layers.map((layer, layerIndex) => {
          const data = new Float32Array(heads * length * width);
          for (let t = 0; t < length; t++) {
            const captured = select(item.steps[t]);
            if (!captured?.available) continue;
            const probs = captured.layers[layerIndex].probs;
            const n = keys(t);
            for (let head = 0; head < heads; head++) {
              const from = (producers[t] * heads + head) * n;
              data.set(probs.data.subarray(from, from + n), (head * length + t) * width);
            }
          }
          return { layer: layer.layer, probs: { shape: [heads, length, width], data } };
        }),
      );
    };

    const ffnFirst = item.steps[0]?.ffn;
    let ffn: Captured<LayerActivations> = this.captured('decoder.ffn', []);
    if (ffnFirst?.available) {
      ffn = this.captured(
        'decoder.ffn',
        ffnFirst.layers.map((layer, layerIndex) => gatherActivationRows(item.steps.slice(0, length).map((step, t) => {
          const captured = step.ffn as Extract<Captured<LayerActivations>, { available: true }>;
          return { layer: captured.layers[layerIndex], row: producers[t] };
        }), layer.layer)),
      );
    }

    const decoderInput = [this.context.decoderStartTokenId, ...best.tokens.slice(0, -1)].map((id) => this.token(id));
    return {
      decoderInput,
      decoderSelfAttention: gatherAttention((step) => step.decoderSelfAttention, 'decoder.self', (t) => t + 1, length),
      crossAttention: gatherAttention((step) => step.crossAttention, 'decoder.cross', () => item.sourceLength, item.sourceLength),
      ffn,
    };
  }

  private emptyFinal(): FinalView {
    return {
      decoderInput: [],
      decoderSelfAttention: this.captured('decoder.self', []),
      crossAttention: this.captured('decoder.cross', []),
      ffn: this.captured('decoder.ffn', []),
    };
  }
}

/** Builds one layer's activations over positions by taking row `row` of each step's per-beam activations. */
function gatherActivationRows(parts: readonly { layer: LayerActivations; row: number }[], layer: number): LayerActivations {
  const n = parts[0].layer.topIndices.shape[1];
  const width = parts[0].layer.full?.shape[1];
  const tokens = parts.length;
  const norm = new Float32Array(tokens);
  const topIndices = new Int32Array(tokens * n);
  const topValues = new Float32Array(tokens * n);
  const full = width !== undefined ? new Float32Array(tokens * width) : undefined;

  parts.forEach(({ layer: source, row }, t) => {
    norm[t] = source.norm.data[row];
    topIndices.set(source.topIndices.data.subarray(row * n, (row + 1) * n), t * n);
    topValues.set(source.topValues.data.subarray(row * n, (row + 1) * n), t * n);
    if (full && source.full && width !== undefined) full.set(source.full.data.subarray(row * width, (row + 1) * width), t * width);
  });

  return {
    layer,
    norm: { shape: [tokens], data: norm },
    topIndices: { shape: [tokens, n], data: topIndices },
    topValues: { shape: [tokens, n], data: topValues },
    ...(full && width !== undefined ? { full: { shape: [tokens, width], data: full } } : {}),
  };
}
