import { join } from 'node:path';
import { ModelLoadError } from './errors';
import { type JsonObject, readJsonObject } from './json-file';

/** Architecture facts from config.json that the runtime and the views need. */
export interface ModelConfig {
  readonly modelType: string;
  readonly dModel: number;
  readonly encoderLayers: number;
  readonly decoderLayers: number;
  readonly encoderHeads: number;
  readonly decoderHeads: number;
  readonly ffnDim: number;
  readonly vocabSize: number;
  readonly padTokenId: number | undefined;
  readonly eosTokenId: number | undefined;
  readonly decoderStartTokenId: number | undefined;
  /** Maximum sequence length of the position embeddings (`max_position_embeddings`), when config.json sets it. */
  readonly maxPositions: number | undefined;
  /** The whole parsed config.json. */
  readonly raw: JsonObject;
}

/** Reads the first of `keys` that is a positive integer; other model families name the same field differently. */
function positiveInt(raw: JsonObject, file: string, keys: readonly string[]): number {
  for (const key of keys) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new ModelLoadError(`Malformed ${file}: "${key}" must be a positive integer, found ${JSON.stringify(value)}.`, file);
    }
    return value;
  }
  throw new ModelLoadError(`Malformed ${file}: missing "${keys[0]}" (expected a positive integer).`, file);
}

function optionalTokenId(raw: JsonObject, file: string, key: string): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.length > 0 && Number.isInteger(value[0])) return value[0] as number;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ModelLoadError(`Malformed ${file}: "${key}" must be a token id, found ${JSON.stringify(value)}.`, file);
  }
  return value;
}

/** Reads `<dir>/config.json`. */
export async function readModelConfig(dir: string): Promise<ModelConfig> {
  const file = join(dir, 'config.json');
  const raw = (await readJsonObject(file, true)) as JsonObject;

  const dModel = positiveInt(raw, file, ['d_model', 'hidden_size']);
  const encoderLayers = positiveInt(raw, file, ['encoder_layers', 'num_layers', 'num_hidden_layers']);
  const decoderLayers = positiveInt(raw, file, ['decoder_layers', 'num_decoder_layers', 'num_layers', 'num_hidden_layers']);
  const encoderHeads = positiveInt(raw, file, ['encoder_attention_heads', 'num_heads', 'num_attention_heads']);
  const decoderHeads = positiveInt(raw, file, ['decoder_attention_heads', 'num_heads', 'num_attention_heads']);
  const ffnDim = positiveInt(raw, file, ['decoder_ffn_dim', 'd_ff', 'intermediate_size', 'encoder_ffn_dim']);
  const vocabSize = positiveInt(raw, file, ['vocab_size']);

  return {
    modelType: typeof raw.model_type === 'string' ? raw.model_type : 'unknown',
    dModel,
    encoderLayers,
    decoderLayers,
    encoderHeads,
    decoderHeads,
    ffnDim,
    vocabSize,
    padTokenId: optionalTokenId(raw, file, 'pad_token_id'),
    eosTokenId: optionalTokenId(raw, file, 'eos_token_id'),
    decoderStartTokenId: optionalTokenId(raw, file, 'decoder_start_token_id'),
    maxPositions: raw.max_position_embeddings === undefined ? undefined : positiveInt(raw, file, ['max_position_embeddings']),
    raw,
  };
}
