import { UsageError } from './errors';

/** Parses a flag value as an integer ≥ `min`. */
export function intFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new UsageError(`Invalid --${name} ${JSON.stringify(value)}: expected an integer ≥ ${min}.`);
  return parsed;
}

/** Parses a flag value as a finite number. */
export function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`Invalid --${name} ${JSON.stringify(value)}: expected a number.`);
  return parsed;
}

/** Parses --decoder-layout. */
export function layoutFlag(value: string | undefined): 'merged' | 'split' | 'no-cache' | undefined {
  if (value === undefined) return undefined;
  if (value === 'merged' || value === 'split' || value === 'no-cache') return value;
  throw new UsageError(`Invalid --decoder-layout ${JSON.stringify(value)}: expected merged, split or no-cache.`);
}

/** Flags shared by translate and trace. */
export const MODEL_FLAGS = {
  model: { type: 'string' },
  precision: { type: 'string' },
  'decoder-layout': { type: 'string' },
  beams: { type: 'string' },
  'max-new-tokens': { type: 'string' },
  'length-penalty': { type: 'string' },
  'no-repeat-ngram-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
