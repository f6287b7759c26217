/** Rebuilds a text from its template and one translation per segment. */
import { TextError } from './errors';
import type { LineWrap, Segmented } from './types';

/**
 * Returns the index of the space in `text` nearest to `target`, at or after `from`, preferring
 * the earlier one on a tie, or -1 when there is none.
 */
function nearestSpace(text: string, target: number, from: number): number {
  for (let distance = 0; target - distance >= from || target + distance < text.length; distance++) {
    const before = target - distance;
    if (before >= from && before < text.length && text[before] === ' ') {
      return before;
    }
    const after = target + distance;
    if (after >= from && after < text.length && text[after] === ' ') {
      return after;
    }
  }
  return -1;
}

/**
 * Puts a segment's line breaks back into its translation. Each break replaces the space nearest to
 * the same relative position, so an unchanged segment gets its breaks back exactly.
 *
 * NOTE: a break with no space left for it, as in Chinese or Japanese output, is dropped, so the
 * rest of the translation stays on the line before and the source line's prefix is lost.
 */
function rewrap(translation: string, wraps: readonly LineWrap[], sourceLength: number): string {
  let output = '';
  let cursor = 0;
  for (const wrap of wraps) {
    if (!translation.includes(' ', cursor)) {
      break;
    }
    const target = Math.round((wrap.offset * translation.length) / sourceLength);
    const space = nearestSpace(translation, target, cursor);
    output += translation.slice(cursor, space) + wrap.source;
    cursor = space + 1;
  }
  return output + translation.slice(cursor);
}

/**
 * Rebuilds the text that `splitText` split, with `translations[i]` in place of segment i.
 * Translations are inserted as they are, so they should not carry surrounding whitespace.
 */
export function joinText(segmented: Segmented, translations: readonly string[]): string {
  const { segments, template } = segmented;
  if (template.literals.length !== segments.length + 1 || template.wraps.length !== segments.length) {
    throw new TextError(
      `Invalid template: ${template.literals.length} literals and ${template.wraps.length} wrap lists ` +
        `for ${segments.length} segments. Pass the object that splitText returned.`,
    );
  }
  if (!Array.isArray(translations) || translations.length !== segments.length) {
    const count = Array.isArray(translations) ? translations.length : String(translations);
    throw new TextError(
      `Expected ${segments.length} translations, one per segment, but got ${count}. Pass them in segment order.`,
    );
  }

  let output = template.literals[0];
  segments.forEach((segment, index) => {
    const translation = translations[index];
    if (typeof translation !== 'string') {
      throw new TextError(`Translation ${index} is ${String(translation)}, not a string.`);
    }
    output += rewrap(translation, template.wraps[index], segment.text.length);
    output += template.literals[index + 1];
  });
  return output;
}
