/**
 * The `seq2seqLens.*` settings as one validated object, and their mapping to pipeline options.
 * No `vscode` import: the caller passes a getter over the configuration section.
 */
import type { CaptureRequest, GenerationOverrides, LoadOptions } from '../translate/types';
import { ExtensionError } from './errors';

export const SETTINGS_SECTION = 'seq2seqLens';

export const OUTPUT_MODES = ['replace', 'insertBelow', 'show'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export const PRECISIONS = ['fp32', 'fp16', 'quantized', 'int8', 'uint8', 'q4'] as const;

export interface LensSettings {
  /** Model folder as written in the setting; '' means the embedded demo model. */
  readonly model: string;
  /** Extra model folders offered by Select Model. */
  readonly models: readonly string[];
  readonly precision: string;
  /** `null` keeps the value from the model's generation_config.json. */
  readonly numBeams: number | null;
  readonly maxNewTokens: number | null;
  readonly lengthPenalty: number | null;
  readonly noRepeatNgramSize: number | null;
  readonly outputMode: OutputMode;
  /** Record a trace (attention, candidates, activations) for Show Attention. */
  readonly capture: boolean;
  /** Candidates recorded per beam and step. */
  readonly topK: number;
  /** Neurons recorded per token and layer. */
  readonly topNeurons: number;
}

/** Reads one key of the `seq2seqLens` section; returns `undefined` when it is not set anywhere. */
export type SettingGetter = (key: string) => unknown;

/** Returns the setting's value, or `fallback` when it is unset. An explicit `null` is returned for validation. */
function valueOf(get: SettingGetter, key: string, fallback: unknown): unknown {
  const value = get(key);
  return value === undefined ? fallback : value;
}

function invalid(key: string, value: unknown, expected: string): ExtensionError {
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return new ExtensionError(
    `Invalid setting ${SETTINGS_SECTION}.${key}: ${shown}. Expected ${expected}.`,
    'openSettings',
  );
}

function readString(get: SettingGetter, key: string, fallback: string): string {
  const value = valueOf(get, key, fallback);
  if (typeof value !== 'string') throw invalid(key, value, 'a string');
  return value.trim();
}

function readStringList(get: SettingGetter, key: string): string[] {
  const value = valueOf(get, key, []);
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalid(key, value, 'a list of folder paths');
  }
  return (value as string[]).map((item) => item.trim()).filter((item) => item !== '');
}

function readChoice<T extends string>(get: SettingGetter, key: string, choices: readonly T[], fallback: T): T {
  const value = valueOf(get, key, fallback);
  if (!choices.includes(value as T)) throw invalid(key, value, `one of ${choices.join(', ')}`);
  return value as T;
}

/** Reads an integer in [min, max]. With a `null` fallback, `null` is also valid and keeps the model's default. */
function readInteger(get: SettingGetter, key: string, min: number, max: number, fallback: number | null): number | null {
  const value = valueOf(get, key, fallback);
  if (value === null && fallback === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(key, value, `an integer from ${min} to ${max}${fallback === null ? ' or null' : ''}`);
  }
  return value;
}

function readNumberOrNull(get: SettingGetter, key: string, min: number, max: number): number | null {
  const value = valueOf(get, key, null);
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(key, value, `a number from ${min} to ${max} or null`);
  }
  return value;
}

function readBoolean(get: SettingGetter, key: string, fallback: boolean): boolean {
  const value = valueOf(get, key, fallback);
  if (typeof value !== 'boolean') throw invalid(key, value, 'true or false');
  return value;
}

/** Reads and validates every setting; throws `ExtensionError` naming the first invalid one. */
export function readSettings(get: SettingGetter): LensSettings {
  return {
    model: readString(get, 'model', ''),
    models: readStringList(get, 'models'),
    precision: readChoice(get, 'precision', PRECISIONS, 'fp32'),
    numBeams: readInteger(get, 'numBeams', 1, 64, null),
    maxNewTokens: readInteger(get, 'maxNewTokens', 1, 4096, null),
    lengthPenalty: readNumberOrNull(get, 'lengthPenalty', -10, 10),
    noRepeatNgramSize: readInteger(get, 'noRepeatNgramSize', 0, 64, null),
    outputMode: readChoice(get, 'outputMode', OUTPUT_MODES, 'replace'),
    capture: readBoolean(get, 'capture', true),
    topK: readInteger(get, 'topK', 1, 50, 5) as number,
    topNeurons: readInteger(get, 'topNeurons', 1, 256, 8) as number,
  };
}

/** Generation options that override the model's generation_config.json; unset settings are left out. */
export function toGenerationOverrides(settings: LensSettings): GenerationOverrides {
  const overrides: { -readonly [K in keyof GenerationOverrides]: GenerationOverrides[K] } = {};
  if (settings.numBeams !== null) overrides.numBeams = settings.numBeams;
  if (settings.maxNewTokens !== null) overrides.maxNewTokens = settings.maxNewTokens;
  if (settings.lengthPenalty !== null) overrides.lengthPenalty = settings.lengthPenalty;
  if (settings.noRepeatNgramSize !== null) overrides.noRepeatNgramSize = settings.noRepeatNgramSize;
  return overrides;
}

/** Returns the capture request for a run, or `false` when capture is off. */
export function toCaptureRequest(settings: LensSettings): CaptureRequest | false {
  if (!settings.capture) return false;
  return { topK: settings.topK, topNeurons: settings.topNeurons, fullActivations: false };
}

/** Options for `Translator.load`. */
export function toLoadOptions(settings: LensSettings): LoadOptions {
  return { precision: settings.precision };
}

/** Settings whose change makes the loaded model stale, so it is unloaded. */
export const MODEL_SETTING_KEYS: readonly string[] = ['model', 'precision'];
