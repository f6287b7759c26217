import { DecodingOptionsError } from './errors';

/**
 * Options of one decoding run, resolved from generation_config.json and the caller's overrides.
 * Lengths follow Hugging Face: `minLength` counts the decoder start token, `maxNewTokens` does not.
 */
export interface DecodingOptions {
  /** Maximum number of generated tokens (EOS included). */
  readonly maxNewTokens: number;
  /** EOS is blocked while the decoder sequence (start token included) is shorter than this. */
  readonly minLength: number;
  readonly numBeams: number;
  /** Exponent of the hypothesis length that divides its sum of log-probabilities (beam search). */
  readonly lengthPenalty: number;
  /** Beam search stop rule: true = as soon as `numBeams` hypotheses are finished; false = heuristic; 'never' = exact. */
  readonly earlyStopping: boolean | 'never';
  readonly numReturnSequences: number;
  /** No n-gram of this size occurs twice in a decoder sequence; 0 = off. */
  readonly noRepeatNgramSize: number;
  /** > 1 discourages tokens already in the decoder sequence; 1 = off. */
  readonly repetitionPenalty: number;
  /** Token sequences that must never be generated. */
  readonly badWordsIds: readonly (readonly number[])[];
  /** Tokens that are never generated. */
  readonly suppressTokens: readonly number[];
  /** Token forced as the first generated token. */
  readonly forcedBosTokenId: number | undefined;
  /** Token forced when only one position is left. */
  readonly forcedEosTokenId: number | undefined;
  readonly decoderStartTokenId: number;
  readonly eosTokenIds: readonly number[];
  readonly padTokenId: number;
  /** Log-softmax the scores again after the other filters, as opus-mt's generation_config.json requests. */
  readonly renormalizeLogits: boolean;
}

/** Options a caller may set; `undefined` takes the model's generation_config.json value. */
export interface DecodingOverrides {
  readonly maxNewTokens?: number;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly numBeams?: number;
  readonly lengthPenalty?: number;
  readonly earlyStopping?: boolean | 'never';
  readonly numReturnSequences?: number;
  readonly noRepeatNgramSize?: number;
  readonly repetitionPenalty?: number;
  readonly badWordsIds?: readonly (readonly number[])[];
  readonly suppressTokens?: readonly number[];
  readonly forcedBosTokenId?: number;
  readonly forcedEosTokenId?: number;
  readonly decoderStartTokenId?: number;
  readonly eosTokenId?: number | readonly number[];
  readonly padTokenId?: number;
  readonly renormalizeLogits?: boolean;
}

/** Token ids from config.json used when generation_config.json does not set them. */
export interface ModelTokenDefaults {
  readonly vocabSize: number;
  readonly eosTokenId?: number;
  readonly padTokenId?: number;
  readonly decoderStartTokenId?: number;
}

/** Resolved options and notes about generation_config.json fields that were not used. */
export interface ResolvedOptions {
  readonly options: DecodingOptions;
  /** One line per generation_config.json field that this runtime does not read. */
  readonly warnings: readonly string[];
}

/** generation_config.json fields read by `resolveDecodingOptions`. */
const USED_FIELDS = new Set([
  'max_length', 'max_new_tokens', 'min_length', 'min_new_tokens', 'num_beams', 'length_penalty', 'early_stopping',
  'num_return_sequences', 'no_repeat_ngram_size', 'repetition_penalty', 'bad_words_ids', 'suppress_tokens',
  'forced_bos_token_id', 'forced_eos_token_id', 'decoder_start_token_id', 'eos_token_id', 'pad_token_id',
  'renormalize_logits',
]);

/** Fields that carry no decoding behaviour (bookkeeping or output format). */
const NEUTRAL_FIELDS = new Set([
  'transformers_version', '_from_model_config', 'bos_token_id', 'use_cache', 'output_attentions',
  'output_hidden_states', 'output_scores', 'output_logits', 'return_dict_in_generate',
]);

/** Fields whose listed value is a no-op; any other value changes decoding in a way this runtime does not implement. */
const NO_OP_VALUES: Record<string, readonly unknown[]> = {
  do_sample: [false],
  num_beam_groups: [1],
  diversity_penalty: [0],
  encoder_no_repeat_ngram_size: [0],
  encoder_repetition_penalty: [1],
  exponential_decay_length_penalty: [null],
  begin_suppress_tokens: [null],
  penalty_alpha: [null],
  constraints: [null],
  force_words_ids: [null],
  sequence_bias: [null],
  guidance_scale: [null, 1],
  typical_p: [1],
  epsilon_cutoff: [0],
  eta_cutoff: [0],
  max_time: [null],
  remove_invalid_values: [false],
  forced_decoder_ids: [null],
};

/** Sampling settings: they only matter when do_sample is true, which is rejected above. */
const SAMPLING_FIELDS = new Set(['temperature', 'top_k', 'top_p', 'min_p']);

function fail(message: string): never {
  throw new DecodingOptionsError(message);
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) fail(`Invalid ${name} ${JSON.stringify(value)}: expected an integer ≥ ${min}.`);
}

function checkTokenId(name: string, value: number, vocabSize: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= vocabSize) {
    fail(`Invalid ${name} ${JSON.stringify(value)}: expected a token id in [0, ${vocabSize}).`);
  }
}

function readNumber(config: Record<string, unknown>, key: string): number | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') fail(`Invalid ${key} ${JSON.stringify(value)} in generation_config.json: expected a number.`);
  return value;
}

function readIdList(config: Record<string, unknown>, key: string): number[] | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) return value as number[];
  fail(`Invalid ${key} ${JSON.stringify(value)} in generation_config.json: expected a token id or a list of ids.`);
}

function readSequences(config: Record<string, unknown>, key: string): number[][] | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  const valid = Array.isArray(value) && value.every((seq) => Array.isArray(seq) && seq.every((id) => typeof id === 'number'));
  if (!valid) fail(`Invalid ${key} ${JSON.stringify(value)} in generation_config.json: expected a list of token id lists.`);
  return value as number[][];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rejects generation_config.json fields whose value requests behaviour this runtime does not implement. */
function checkUnsupportedFields(config: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (USED_FIELDS.has(key) || NEUTRAL_FIELDS.has(key)) continue;

    const noOps = NO_OP_VALUES[key];
    if (noOps) {
      if (value === undefined || noOps.some((noOp) => sameValue(noOp, value))) continue;
      if (Array.isArray(value) && value.length === 0) continue;
      fail(`Unsupported ${key} ${JSON.stringify(value)} in generation_config.json: Seq2Seq Lens implements greedy and beam search only; set it to ${JSON.stringify(noOps[0])}.`);
    }
    if (SAMPLING_FIELDS.has(key)) {
      warnings.push(`generation_config.json sets ${key}=${JSON.stringify(value)}, which only applies to sampling (do_sample is false): not used.`);
      continue;
    }
    warnings.push(`generation_config.json field ${key}=${JSON.stringify(value)} is not read by Seq2Seq Lens.`);
  }
  return warnings;
}

/**
 * Resolves decoding options: caller overrides, then generation_config.json, then config.json token ids,
 * then Hugging Face's defaults. Throws `DecodingOptionsError` for an invalid value or an impossible combination,
 * naming the fields involved.
 */
export function resolveDecodingOptions(
  generationConfig: Record<string, unknown>,
  model: ModelTokenDefaults,
  overrides: DecodingOverrides = {},
): ResolvedOptions {
  const warnings = checkUnsupportedFields(generationConfig);

  // Lengths. max_new_tokens wins over max_length, as in transformers.
  if (overrides.maxNewTokens !== undefined && overrides.maxLength !== undefined) {
    fail(`Conflicting max_new_tokens (${overrides.maxNewTokens}) and max_length (${overrides.maxLength}): set only one.`);
  }
  const configMaxNew = readNumber(generationConfig, 'max_new_tokens');
  const configMaxLength = readNumber(generationConfig, 'max_length');
  let maxNewTokens: number;
  if (overrides.maxNewTokens !== undefined) maxNewTokens = overrides.maxNewTokens;
  else if (overrides.maxLength !== undefined) maxNewTokens = overrides.maxLength - 1;
  else if (configMaxNew !== undefined) maxNewTokens = configMaxNew;
  else if (configMaxLength !== undefined) maxNewTokens = configMaxLength - 1;
  else maxNewTokens = 19; // transformers' default max_length is 20 including the start token.
  if (overrides.maxLength !== undefined) checkInteger('max_length', overrides.maxLength, 2);
  checkInteger('max_new_tokens', maxNewTokens, 1);

  const configMinNew = readNumber(generationConfig, 'min_new_tokens');
  const minLength =
    overrides.minLength ?? (configMinNew !== undefined ? configMinNew + 1 : readNumber(generationConfig, 'min_length') ?? 0);
  checkInteger('min_length', minLength, 0);
  if (minLength > maxNewTokens + 1) {
    fail(`Impossible min_length (${minLength}) with max_new_tokens (${maxNewTokens}): min_length counts the start token, so it must be ≤ max_new_tokens + 1.`);
  }

  // Beam search.
  const numBeams = overrides.numBeams ?? readNumber(generationConfig, 'num_beams') ?? 1;
  checkInteger('num_beams', numBeams, 1);
  const numReturnSequences = overrides.numReturnSequences ?? readNumber(generationConfig, 'num_return_sequences') ?? 1;
  checkInteger('num_return_sequences', numReturnSequences, 1);
  if (numReturnSequences > numBeams) {
    fail(`Impossible num_return_sequences (${numReturnSequences}) > num_beams (${numBeams}): raise num_beams or lower num_return_sequences.`);
  }
  const lengthPenalty = overrides.lengthPenalty ?? readNumber(generationConfig, 'length_penalty') ?? 1;
  if (!Number.isFinite(lengthPenalty)) fail(`Invalid length_penalty ${lengthPenalty}: expected a finite number.`);
  if (numBeams === 1 && overrides.lengthPenalty !== undefined && overrides.lengthPenalty !== 1) {
    fail(`length_penalty (${overrides.lengthPenalty}) has no effect with num_beams (1): use num_beams > 1 or leave length_penalty unset.`);
  }
  const configEarly = generationConfig.early_stopping;
  const earlyStopping = overrides.earlyStopping ?? (configEarly === undefined || configEarly === null ? false : configEarly);
  if (earlyStopping !== true && earlyStopping !== false && earlyStopping !== 'never') {
    fail(`Invalid early_stopping ${JSON.stringify(earlyStopping)}: expected true, false or "never".`);
  }
  if (numBeams === 1 && overrides.earlyStopping !== undefined) {
    fail(`early_stopping (${JSON.stringify(overrides.earlyStopping)}) has no effect with num_beams (1): use num_beams > 1.`);
  }

  // Logit filters.
  const noRepeatNgramSize = overrides.noRepeatNgramSize ?? readNumber(generationConfig, 'no_repeat_ngram_size') ?? 0;
  checkInteger('no_repeat_ngram_size', noRepeatNgramSize, 0);
  const repetitionPenalty = overrides.repetitionPenalty ?? readNumber(generationConfig, 'repetition_penalty') ?? 1;
  if (!(repetitionPenalty > 0) || !Number.isFinite(repetitionPenalty)) {
    fail(`Invalid repetition_penalty ${repetitionPenalty}: expected a number > 0 (1 = off).`);
  }

  // Token ids.
  const vocab = model.vocabSize;
  const eosTokenIds =
    overrides.eosTokenId !== undefined
      ? ([] as number[]).concat(overrides.eosTokenId)
      : readIdList(generationConfig, 'eos_token_id') ?? (model.eosTokenId !== undefined ? [model.eosTokenId] : []);
  if (eosTokenIds.length === 0) fail('Missing eos_token_id: set it in generation_config.json or config.json.');
  eosTokenIds.forEach((id) => checkTokenId('eos_token_id', id, vocab));

  const padTokenId = overrides.padTokenId ?? readNumber(generationConfig, 'pad_token_id') ?? model.padTokenId ?? eosTokenIds[0];
  checkTokenId('pad_token_id', padTokenId, vocab);
  const decoderStartTokenId =
    overrides.decoderStartTokenId ?? readNumber(generationConfig, 'decoder_start_token_id') ?? model.decoderStartTokenId;
  if (decoderStartTokenId === undefined) {
    fail('Missing decoder_start_token_id: set it in generation_config.json or config.json.');
  }
  checkTokenId('decoder_start_token_id', decoderStartTokenId, vocab);

  const forcedBosTokenId = overrides.forcedBosTokenId ?? readNumber(generationConfig, 'forced_bos_token_id');
  if (forcedBosTokenId !== undefined) checkTokenId('forced_bos_token_id', forcedBosTokenId, vocab);
  const forcedEosTokenId = overrides.forcedEosTokenId ?? readIdList(generationConfig, 'forced_eos_token_id')?.[0];
  if (forcedEosTokenId !== undefined) checkTokenId('forced_eos_token_id', forcedEosTokenId, vocab);

  const badWordsIds = overrides.badWordsIds ?? readSequences(generationConfig, 'bad_words_ids') ?? [];
  for (const sequence of badWordsIds) {
    if (sequence.length === 0) fail('Invalid bad_words_ids: a sequence is empty.');
    sequence.forEach((id) => checkTokenId('bad_words_ids', id, vocab));
  }
  const suppressTokens = overrides.suppressTokens ?? readIdList(generationConfig, 'suppress_tokens') ?? [];
  suppressTokens.forEach((id) => checkTokenId('suppress_tokens', id, vocab));

  const blocked = new Set<number>([...suppressTokens, ...badWordsIds.filter((s) => s.length === 1).map((s) => s[0])]);
  for (const eos of eosTokenIds) {
    if (blocked.has(eos)) {
      fail(`Impossible eos_token_id (${eos}) listed in suppress_tokens or bad_words_ids: no sequence could end. Remove it from those lists.`);
    }
  }
  if (forcedBosTokenId !== undefined && blocked.has(forcedBosTokenId)) {
    fail(`Impossible forced_bos_token_id (${forcedBosTokenId}) listed in suppress_tokens or bad_words_ids: remove one of them.`);
  }

  const configRenormalize = generationConfig.renormalize_logits;
  if (configRenormalize !== undefined && configRenormalize !== null && typeof configRenormalize !== 'boolean') {
    fail(`Invalid renormalize_logits ${JSON.stringify(configRenormalize)} in generation_config.json: expected true or false.`);
  }
  const renormalizeLogits = overrides.renormalizeLogits ?? configRenormalize === true;

  const options: DecodingOptions = Object.freeze({
    maxNewTokens,
    minLength,
    numBeams,
    lengthPenalty,
    earlyStopping,
    numReturnSequences,
    noRepeatNgramSize,
    repetitionPenalty,
    badWordsIds,
    suppressTokens,
    forcedBosTokenId,
    forcedEosTokenId,
    decoderStartTokenId,
    eosTokenIds,
    padTokenId,
    renormalizeLogits,
  });
  return { options, warnings };
}
