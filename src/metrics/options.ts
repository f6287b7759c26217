/** Up-front checks for metric options, so that a misspelt or out-of-range option is rejected, not ignored. */
import { MetricsError } from './errors';

/** Throws if `options` has a key outside `known`. */
export function rejectUnknownOptions(metric: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new MetricsError(`Unknown ${metric} option '${key}'. Known options: ${known.join(', ')}.`);
    }
  }
}

/** Throws unless `value` is an integer of at least `min`. */
export function requireInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MetricsError(`Invalid ${name} ${String(value)}: expected an integer of at least ${min}.`);
  }
  return value;
}

/** Throws unless `value` is a finite number of at least `min`. */
export function requireNumber(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new MetricsError(`Invalid ${name} ${String(value)}: expected a finite number of at least ${min}.`);
  }
  return value;
}

/** Throws unless `value` is a boolean. */
export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new MetricsError(`Invalid ${name} ${String(value)}: expected true or false.`);
  }
  return value;
}
