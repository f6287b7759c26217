/**
 * A synthetic but self-consistent trace for the panel tests, made by running a real beam search over a
 * tiny made-up model. Its logits favour a reference translation with seeded noise. Attention rows are
 * softmaxes, so each sums to 1, and decoder self-attention is causal. The final matrices are gathered from
 * the step of the beam that produced each token, as the capture code does.
 */
import type {
  BeamRecord,
  Candidate,
  Captured,
  FloatTensor,
  Hypothesis,
  LayerActivations,
  LayerAttention,
  StepRecord,
  TokenInfo,
  Trace,
} from '../../src/protocol/trace';

export type TracePart = 'encoderSelfAttention' | 'decoderSelfAttention' | 'crossAttention' | 'encoderFfn' | 'decoderFfn';

export interface SyntheticTraceOptions {
  readonly sourcePieces?: readonly string[];
  /** The translation the made-up model prefers; EOS is appended. */
  readonly targetPieces?: readonly string[];
  readonly encoderLayers?: number;
  readonly decoderLayers?: number;
  readonly heads?: number;
  readonly numBeams?: number;
  readonly topK?: number;
  readonly topNeurons?: number;
  /** Parts recorded as unavailable, with `UNAVAILABLE_REASON`. */
  readonly unavailable?: readonly TracePart[];
  readonly seed?: number;
}

export const UNAVAILABLE_REASON = 'the decoder graph fuses attention into one operator, so no Softmax output exists.';

const DEFAULT_SOURCE = ['▁The', '▁cat', '▁sat', '▁on', '▁the', '▁mat', '.', '</s>'];
const DEFAULT_TARGET = ['▁Le', '▁chat', '▁est', '▁assis', '▁sur', '▁le', '▁tapis', '.'];
const DISTRACTORS = ['▁La', '▁chien', '▁était', '▁assise', '▁un', '▁sol', '▁tapi', 's', '▁,'];
const PAD_ID = 0;
const EOS_ID = 1;
const FFN_DIM = 64;

/** Deterministic pseudo-random number in [0, 1) from a seed and a tuple of integers. */
function random(seed: number, ...values: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const value of values) {
    h = Math.imul(h ^ (value + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h / 4294967296;
}

function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

function tensor(shape: number[], data: Float32Array): FloatTensor {
  return { shape, data };
}

class Vocabulary {
  readonly pieces: string[] = ['<pad>', '</s>', '<unk>'];
  private readonly ids = new Map<string, number>(this.pieces.map((piece, id) => [piece, id]));

  id(piece: string): number {
    const known = this.ids.get(piece);
    if (known !== undefined) return known;
    this.pieces.push(piece);
    this.ids.set(piece, this.pieces.length - 1);
    return this.pieces.length - 1;
  }

  token(id: number): TokenInfo {
    return { id, piece: this.pieces[id] };
  }
}

interface Beam {
  readonly tokens: readonly number[];
  readonly sum: number;
  readonly path: readonly number[];
}

interface Ranked {
  readonly beam: number;
  readonly token: number;
  readonly sum: number;
}

/**
 * Synthetic model: log-probabilities over the first `size` ids of the vocabulary (the target pieces and
 * distractors) for the next token after `prefix`.
 */
function nextLogprobs(seed: number, size: number, reference: readonly number[], prefix: readonly number[]): number[] {
  const step = prefix.length;
  const onReference = prefix.every((id, i) => id === reference[i]);
  const expected = reference[step] ?? EOS_ID;
  const logits = Array.from({ length: size }, (_, id) => random(seed, step, id, prefix[step - 1] ?? -1));
  logits[PAD_ID] = -30;
  logits[expected] += onReference ? 5 : 3;
  // A plausible alternative at every step keeps several beams alive.
  logits[3 + ((step * 5 + 2) % (size - 3))] += 3;
  if (step === 0) logits[EOS_ID] = -30;
  if (!onReference && step >= 3) logits[EOS_ID] += 3;
  return softmax(logits).map((p) => Math.log(p));
}

function topCandidates(vocab: Vocabulary, logprobs: readonly number[], k: number): Candidate[] {
  return logprobs
    .map((logprob, id) => ({ id, logprob }))
    .sort((a, b) => b.logprob - a.logprob)
    .slice(0, k)
    .map(({ id, logprob }) => ({ id, piece: vocab.pieces[id], prob: Math.exp(logprob), logprob }));
}

/** Attention row of one query position: a softmax over `width` keys peaked near `center`. */
function attentionRow(seed: number, parts: number[], width: number, center: number, sharpness: number): number[] {
  const logits = Array.from({ length: width }, (_, j) => -Math.abs(j - center) * sharpness + random(seed, ...parts, j) * 1.2);
  return softmax(logits);
}

interface Geometry {
  readonly seed: number;
  readonly heads: number;
  readonly sourceLength: number;
  readonly targetLength: number;
}

/** Cross-attention of decoder position t (whose input token is `inputId`): [heads][src]. */
function crossRows(g: Geometry, layer: number, t: number, inputId: number): number[][] {
  return Array.from({ length: g.heads }, (_, h) => {
    const center = (t * (g.sourceLength - 1)) / Math.max(1, g.targetLength - 1) + (h % 2 === 0 ? 0 : 1);
    return attentionRow(g.seed, [1, layer, h, t, inputId], g.sourceLength, center, 0.6 + layer * 0.4 + h * 0.1);
  });
}

/** Decoder self-attention of position t over positions 0..t: [heads][t + 1]. */
function selfRows(g: Geometry, layer: number, t: number, inputId: number): number[][] {
  return Array.from({ length: g.heads }, (_, h) =>
    attentionRow(g.seed, [2, layer, h, t, inputId], t + 1, h === 0 ? 0 : t - (h % 2), 0.8 + layer * 0.3),
  );
}

function activations(seed: number, side: number, layer: number, positions: readonly number[], topNeurons: number): LayerActivations {
  const count = positions.length;
  const norm = new Float32Array(count);
  const topIndices = new Int32Array(count * topNeurons);
  const topValues = new Float32Array(count * topNeurons);

  positions.forEach((tokenId, i) => {
    norm[i] = 4 + 6 * random(seed, 3, side, layer, i, tokenId);
    const chosen = new Set<number>();
    const values: number[] = [];
    for (let n = 0; chosen.size < topNeurons; n++) {
      const index = Math.floor(random(seed, 4, side, layer, i, tokenId, n) * FFN_DIM);
      if (chosen.has(index)) continue;
      chosen.add(index);
      const magnitude = 3 - chosen.size * 0.4 + random(seed, 5, side, layer, i, n) * 0.3;
      values.push(random(seed, 6, side, layer, i, n) < 0.3 ? -magnitude : magnitude);
    }
    [...chosen].forEach((index, n) => {
      topIndices[i * topNeurons + n] = index;
      topValues[i * topNeurons + n] = values[n];
    });
  });
  return {
    layer,
    norm: tensor([count], norm),
    topIndices: { shape: [count, topNeurons], data: topIndices },
    topValues: tensor([count, topNeurons], topValues),
  };
}

function captured<T>(part: TracePart, unavailable: readonly TracePart[], layers: () => T[]): Captured<T> {
  return unavailable.includes(part) ? { available: false, reason: UNAVAILABLE_REASON } : { available: true, layers: layers() };
}

function detokenize(pieces: readonly string[]): string {
  return pieces
    .filter((piece) => !/^<[^<>\s]+>$/.test(piece))
    .join('')
    .replace(/▁/g, ' ')
    .trim();
}

/** Builds the trace. Every option has a realistic default: 3 + 2 layers, 4 heads, 4 beams, 8 source tokens. */
export function buildSyntheticTrace(options: SyntheticTraceOptions = {}): Trace {
  const seed = options.seed ?? 7;
  const heads = options.heads ?? 4;
  const numBeams = options.numBeams ?? 4;
  const topK = options.topK ?? 5;
  const topNeurons = options.topNeurons ?? 5;
  const encoderLayers = options.encoderLayers ?? 3;
  const decoderLayers = options.decoderLayers ?? 2;
  const unavailable = options.unavailable ?? [];
  const sourcePieces = options.sourcePieces ?? DEFAULT_SOURCE;

  const vocab = new Vocabulary();
  const reference = (options.targetPieces ?? DEFAULT_TARGET).map((piece) => vocab.id(piece));
  for (const piece of DISTRACTORS) vocab.id(piece);
  const targetVocabSize = vocab.pieces.length;
  const source = sourcePieces.map((piece) => vocab.token(vocab.id(piece)));
  const maxNewTokens = reference.length + 4;

  // Beam search as in transformers: rank 2 × beams candidates, keep `numBeams` alive, finish EOS in the top ranks.
  const steps: { step: number; candidates: Candidate[][]; beams: BeamRecord[]; inputs: number[] }[] = [];
  const finished: Hypothesis[] = [];
  let alive: Beam[] = [{ tokens: [], sum: 0, path: [] }];
  for (let step = 0; step < maxNewTokens && !(finished.length >= numBeams && step > reference.length); step++) {
    const logprobs = alive.map((beam) => nextLogprobs(seed, targetVocabSize, reference, beam.tokens));
    const ranked: Ranked[] = alive
      .flatMap((beam, b) => topCandidates(vocab, logprobs[b], 2 * numBeams).map((c) => ({ beam: b, token: c.id, sum: beam.sum + c.logprob })))
      .sort((a, b) => b.sum - a.sum)
      .slice(0, 2 * numBeams);

    const kept: BeamRecord[] = [];
    const ended: BeamRecord[] = [];
    const pruned: Ranked[] = [];
    const nextAlive: Beam[] = [];
    ranked.forEach((candidate, rank) => {
      const parent = alive[candidate.beam];
      const record = (beam: number, status: BeamRecord['status']): BeamRecord => ({
        beam,
        parent: step === 0 ? -1 : candidate.beam,
        token: vocab.token(candidate.token),
        cumulativeLogprob: candidate.sum,
        status,
      });
      if (nextAlive.length === numBeams || (candidate.token === EOS_ID && rank >= numBeams)) {
        pruned.push(candidate);
      } else if (candidate.token === EOS_ID) {
        const beamNumber = numBeams + ended.length;
        ended.push(record(beamNumber, 'finished'));
        const tokens = [...parent.tokens, candidate.token];
        finished.push({
          tokens: tokens.map((id) => vocab.token(id)),
          text: detokenize(tokens.map((id) => vocab.pieces[id])),
          sumLogprob: candidate.sum,
          avgLogprob: candidate.sum / tokens.length,
          score: candidate.sum / tokens.length,
          beamPath: [...parent.path, beamNumber],
        });
      } else {
        kept.push(record(nextAlive.length, 'alive'));
        nextAlive.push({ tokens: [...parent.tokens, candidate.token], sum: candidate.sum, path: [...parent.path, nextAlive.length] });
      }
    });
    let nextNumber = numBeams + ended.length;
    const prunedRecords: BeamRecord[] = pruned.map((candidate) => ({
      beam: nextNumber++,
      parent: step === 0 ? -1 : candidate.beam,
      token: vocab.token(candidate.token),
      cumulativeLogprob: candidate.sum,
      status: 'pruned',
    }));

    steps.push({
      step,
      candidates: logprobs.map((row) => topCandidates(vocab, row, topK)),
      beams: [...kept, ...ended, ...prunedRecords],
      inputs: alive.map((beam) => beam.tokens[beam.tokens.length - 1] ?? PAD_ID),
    });
    alive = nextAlive;
  }

  const hypotheses = finished.sort((a, b) => b.score - a.score).slice(0, numBeams);
  const best = hypotheses[0];
  const decoderInput = [vocab.token(PAD_ID), ...best.tokens.slice(0, -1)];
  const geometry: Geometry = { seed, heads, sourceLength: source.length, targetLength: best.tokens.length };

  const stepRecords: StepRecord[] = steps.map(({ step, candidates, beams, inputs }) => ({
    step,
    candidates,
    beams,
    crossAttention: captured('crossAttention', unavailable, () =>
      Array.from({ length: decoderLayers }, (_, layer) => ({
        layer,
        probs: tensor([inputs.length, heads, 1, source.length], Float32Array.from(inputs.flatMap((id) => crossRows(geometry, layer, step, id).flat()))),
      })),
    ),
    decoderSelfAttention: captured('decoderSelfAttention', unavailable, () =>
      Array.from({ length: decoderLayers }, (_, layer) => ({
        layer,
        probs: tensor([inputs.length, heads, 1, step + 1], Float32Array.from(inputs.flatMap((id) => selfRows(geometry, layer, step, id).flat()))),
      })),
    ),
  }));

  const length = best.tokens.length;
  const finalCross = (layer: number): LayerAttention => {
    const data = new Float32Array(heads * length * source.length);
    for (let t = 0; t < length; t++) {
      crossRows(geometry, layer, t, decoderInput[t].id).forEach((row, h) => data.set(row, (h * length + t) * source.length));
    }
    return { layer, probs: tensor([heads, length, source.length], data) };
  };
  const finalSelf = (layer: number): LayerAttention => {
    const data = new Float32Array(heads * length * length);
    for (let t = 0; t < length; t++) {
      selfRows(geometry, layer, t, decoderInput[t].id).forEach((row, h) => data.set(row, (h * length + t) * length));
    }
    return { layer, probs: tensor([heads, length, length], data) };
  };
  const encoderSelf = (layer: number): LayerAttention => {
    const data = new Float32Array(heads * source.length * source.length);
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < source.length; i++) {
        // Heads look at the token itself, the previous one, the next one, or the middle of the sentence.
        const offsets = [0, -1, 1, (source.length - 1) / 2 - i];
        const center = i + offsets[h % offsets.length];
        data.set(attentionRow(seed, [0, layer, h, i], source.length, center, 1.2 - layer * 0.3), (h * source.length + i) * source.length);
      }
    }
    return { layer, probs: tensor([heads, source.length, source.length], data) };
  };

  return {
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    model: {
      id: 'synthetic-en-fr',
      modelType: 'marian',
      encoderLayers,
      decoderLayers,
      encoderHeads: heads,
      decoderHeads: heads,
      dModel: 32,
      ffnDim: FFN_DIM,
      vocabSize: vocab.pieces.length,
      decoderLayout: 'decoder_model_merged.onnx',
      precision: 'fp32',
    },
    options: { numBeams, maxNewTokens, lengthPenalty: 1, topK, topNeurons, fullActivations: false },
    source: { text: detokenize(sourcePieces), tokens: source },
    encoderSelfAttention: captured('encoderSelfAttention', unavailable, () => Array.from({ length: encoderLayers }, (_, l) => encoderSelf(l))),
    encoderFfn: captured('encoderFfn', unavailable, () =>
      Array.from({ length: encoderLayers }, (_, l) => activations(seed, 0, l, source.map((t) => t.id), topNeurons)),
    ),
    steps: stepRecords,
    hypotheses,
    final: {
      decoderInput,
      decoderSelfAttention: captured('decoderSelfAttention', unavailable, () => Array.from({ length: decoderLayers }, (_, l) => finalSelf(l))),
      crossAttention: captured('crossAttention', unavailable, () => Array.from({ length: decoderLayers }, (_, l) => finalCross(l))),
      ffn: captured('decoderFfn', unavailable, () =>
        Array.from({ length: decoderLayers }, (_, l) => activations(seed, 1, l, decoderInput.map((t) => t.id), topNeurons)),
      ),
    },
  };
}
