export { ModelLoadError } from './errors';
export { readModelConfig, type ModelConfig } from './config';
export { findModelFiles, type DecoderFiles, type DecoderLayout, type ModelFiles } from './files';
export { readCacheLayout, type CacheEntry, type CacheLayout } from './kv-cache';
export { IO } from './io-names';
export { Seq2SeqModel, type ModelLoadOptions } from './model';
export { OrtInference, NO_EXTRA_FETCHES, type ExtraFetches } from './ort-inference';
export type { GraphRole, GraphTransform, ModelSessions } from './sessions';
export { TextTokenizer } from './tokenizer';
