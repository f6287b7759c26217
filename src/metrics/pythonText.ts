/**
 * String helpers that behave like Python's `str` methods, so that scores match sacreBLEU exactly.
 * JavaScript's `\s` and UTF-16 indexing differ from Python in a few characters, which would change
 * n-gram counts.
 */

// The characters for which Python 3's str.isspace() is true, and so the ones str.split() and
// str.rstrip() remove. Unlike JavaScript's \s, the set contains U+001C–U+001F and U+0085 and lacks U+FEFF.
const PYTHON_WHITESPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const WHITESPACE_RUN = new RegExp(`${PYTHON_WHITESPACE}+`, 'g');
const WHITESPACE_CHARACTER = new RegExp(`^${PYTHON_WHITESPACE}$`);

/** Splits on runs of whitespace and drops empty parts, like Python's `text.split()`. */
export function splitOnWhitespace(text: string): string[] {
  return text.split(WHITESPACE_RUN).filter((part) => part !== '');
}

/**
 * Removes trailing whitespace, like Python's `text.rstrip()`. It scans from the end, because the
 * regular expression `\s+$` takes quadratic time on long runs of inner whitespace.
 */
export function stripTrailingWhitespace(text: string): string {
  let end = text.length;
  while (end > 0 && WHITESPACE_CHARACTER.test(text[end - 1])) {
    end--;
  }
  return text.slice(0, end);
}

/** Splits a string into Unicode code points, which is what Python indexes and counts. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}
