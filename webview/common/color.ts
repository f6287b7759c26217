/** Colours as numbers, for mixing theme colours into heatmap scales. */

/** A colour with 0–255 channels and alpha in 0–1. */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

function parseHex(hex: string): Rgba | undefined {
  const digits = hex.length === 3 || hex.length === 4 ? [...hex].map((d) => d + d).join('') : hex;
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(digits)) return undefined;

  const channel = (offset: number): number => parseInt(digits.slice(offset, offset + 2), 16);
  return { r: channel(0), g: channel(2), b: channel(4), a: digits.length === 8 ? channel(6) / 255 : 1 };
}

function parseFunctional(args: string): Rgba | undefined {
  // Accepts both "r, g, b, a" and "r g b / a".
  const parts = args.split(/[\s,/]+/).filter((part) => part.length > 0);
  if (parts.length !== 3 && parts.length !== 4) return undefined;

  const numbers = parts.map((part) => (part.endsWith('%') ? (parseFloat(part) / 100) * 255 : parseFloat(part)));
  if (numbers.some((n) => !Number.isFinite(n))) return undefined;

  let alpha = 1;
  if (parts.length === 4) alpha = parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  return { r: numbers[0], g: numbers[1], b: numbers[2], a: alpha };
}

/**
 * Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(...)` and `rgba(...)`; returns undefined for any
 * other form (named colours and `color-mix()` must be normalized by the browser first).
 */
export function parseColor(text: string): Rgba | undefined {
  const value = text.trim().toLowerCase();
  if (value.startsWith('#')) return parseHex(value.slice(1));

  const match = /^rgba?\((.*)\)$/.exec(value);
  return match === null ? undefined : parseFunctional(match[1]);
}

/** Mixes two colours linearly: t = 0 gives `from`, t = 1 gives `to`; t is clamped to [0, 1]. */
export function mixColors(from: Rgba, to: Rgba, t: number): Rgba {
  const k = Math.min(1, Math.max(0, t));
  const lerp = (a: number, b: number): number => a + (b - a) * k;
  return { r: lerp(from.r, to.r), g: lerp(from.g, to.g), b: lerp(from.b, to.b), a: lerp(from.a, to.a) };
}

/** Formats a colour as `rgb(r, g, b)` or `rgba(r, g, b, a)` with integer channels. */
export function formatColor(color: Rgba): string {
  const r = Math.round(color.r);
  const g = Math.round(color.g);
  const b = Math.round(color.b);
  if (color.a >= 1) return `rgb(${r}, ${g}, ${b})`;
  return `rgba(${r}, ${g}, ${b}, ${Math.round(color.a * 1000) / 1000})`;
}
