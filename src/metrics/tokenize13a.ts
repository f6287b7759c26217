/**
 * The "13a" tokenizer: sacreBLEU's default for BLEU, which sacreBLEU describes as equivalent to the
 * tokenization of WMT's mteval-v13a.pl script.
 */
import { splitOnWhitespace } from './pythonText';

// Entity replacements, applied in this order. Because '&amp;' is decoded before '&lt;', the text
// '&amp;lt;' ends up as '<', as in sacreBLEU.
const ENTITIES: readonly (readonly [string, string])[] = [
  ['&quot;', '"'],
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
];

// Rules applied in order, each replacing all non-overlapping matches from left to right.
const RULES: readonly (readonly [RegExp, string])[] = [
  // ASCII symbols become separate tokens: space to '&', '(' to '+', '/', ':' to '@', '[' to '`'
  // and '{' to '~'. The apostrophe, comma, hyphen, period, digits and letters are left alone here.
  [/([\x20-\x26\x28-\x2b\x2f\x3a-\x40\x5b-\x60\x7b-\x7e])/g, ' $1 '],
  // A period or comma after a non-digit is split off.
  [/([^0-9])([.,])/g, '$1 $2 '],
  // A period or comma before a non-digit is split off, so '3.14' and '1,000' stay whole.
  [/([.,])([^0-9])/g, ' $1 $2'],
  // A hyphen after a digit is split off, as in '1990-2000'.
  [/([0-9])(-)/g, '$1 $2 '],
];

/** Tokenizes one segment with the 13a rules and returns the tokens joined by single spaces. */
export function tokenize13a(segment: string): string {
  let line = segment.replaceAll('<skipped>', '');
  line = line.replaceAll('-\n', '');
  line = line.replaceAll('\n', ' ');
  for (const [entity, character] of ENTITIES) {
    line = line.replaceAll(entity, character);
  }

  line = ` ${line} `;
  for (const [pattern, replacement] of RULES) {
    line = line.replace(pattern, replacement);
  }
  return splitOnWhitespace(line).join(' ');
}
