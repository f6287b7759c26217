/** Number, size and shape formatting for the inspector views. */
import type { InspectorDim } from '../../src/protocol/inspector-messages';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Formats a byte count with a binary unit: "512 B", "1.5 KiB", "340.2 MiB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} ${BYTE_UNITS[0]}` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** Formats a count with thousands separators of the page language: "46,465". */
export function formatCount(count: number): string {
  return count.toLocaleString(document.documentElement.lang || undefined);
}

/** Writes a shape as "[batch_size, 4, 8]"; symbolic dimensions keep their names, unknown ones are "?". */
export function shapeText(shape: readonly InspectorDim[] | null): string {
  if (shape === null) return '';
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}

/** Formats a statistic with up to six significant digits; null is shown as "–". */
export function formatStat(value: number | null): string {
  if (value === null) return '–';
  if (!Number.isFinite(value) || value === 0) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}
