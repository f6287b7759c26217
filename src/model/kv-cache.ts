import type { InferenceSession } from 'onnxruntime-node';
import type { ModelConfig } from './config';
import { ModelLoadError } from './errors';

/** One past key/value input of a with-past decoder and the present output that refreshes it. */
export interface CacheEntry {
  /** e.g. "past_key_values.0.decoder.key" */
  readonly pastName: string;
  /** e.g. "present.0.decoder.key" */
  readonly presentName: string;
  /** 'decoder' entries grow every step; 'encoder' ones (cross-attention K/V) are computed once at the first step. */
  readonly kind: 'decoder' | 'encoder';
  readonly layer: number;
}

/** The KV cache names of a decoder and the shape of its tensors: [rows, heads, length, headDim]. */
export interface CacheLayout {
  readonly entries: readonly CacheEntry[];
  readonly heads: number;
  readonly headDim: number;
}

const PAST_INPUT = /^past_key_values\.(\d+)\.(decoder|encoder)\.(key|value)$/;

function numericDim(value: number | string | undefined): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/**
 * Derives the KV cache layout from a with-past session's inputs and outputs: names from the input metadata,
 * heads and head size from the metadata's fixed dims, else from config.json (heads, d_model / heads).
 */
export function readCacheLayout(session: InferenceSession, config: ModelConfig, file: string): CacheLayout {
  const outputs = new Set(session.outputNames);
  const entries: CacheEntry[] = [];
  let heads: number | undefined;
  let headDim: number | undefined;

  for (const metadata of session.inputMetadata) {
    const match = PAST_INPUT.exec(metadata.name);
    if (!match) continue;

    const presentName = `present.${match[1]}.${match[2]}.${match[3]}`;
    const kind = match[2] as CacheEntry['kind'];
    if (kind === 'decoder' && !outputs.has(presentName)) {
      throw new ModelLoadError(`Malformed ${file}: input ${metadata.name} has no matching output ${presentName}.`, file);
    }
    entries.push({ pastName: metadata.name, presentName, kind, layer: Number(match[1]) });
    if (metadata.isTensor) {
      heads ??= numericDim(metadata.shape[1]);
      headDim ??= numericDim(metadata.shape[3]);
    }
  }
  if (entries.length === 0) {
    throw new ModelLoadError(`Malformed ${file}: expected past_key_values.N.decoder.key/value inputs, found none.`, file);
  }

  heads ??= config.decoderHeads;
  if (headDim === undefined) {
    if (config.dModel % heads !== 0) {
      throw new ModelLoadError(`Malformed config.json: d_model ${config.dModel} is not divisible by ${heads} decoder heads.`);
    }
    headDim = config.dModel / heads;
  }
  return { entries, heads, headDim };
}
