/** Sentence boundaries in a run of text, found with punctuation and capitalisation rules. */

/** A sentence as a half-open range [start, end) of UTF-16 code units, starting and ending with non-whitespace. */
export interface SentenceRange {
  readonly start: number;
  readonly end: number;
}

const TERMINATORS = new Set(['.', '!', '?', '…', '。', '！', '？']);
const CLOSING_PUNCTUATION = new Set(['"', "'", '”', '’', '»', ')', ']', '}', '」', '』', '）']);
const OPENING_PUNCTUATION = new Set(['"', "'", '“', '‘', '«', '„', '(', '[', '{', '¿', '¡', '「', '『', '（']);
const QUOTES = new Set(['"', "'", '“', '‘', '«', '„', '「', '『']);

// Words that end with a period but rarely end a sentence. "etc." is included although it can end
// one, because merging two sentences into one segment harms a translation less than cutting one in two.
const ABBREVIATIONS = new Set([
  'al', 'approx', 'ca', 'cf', 'co', 'corp', 'dept', 'dr', 'eds', 'est', 'etc', 'gen', 'gov', 'hon',
  'inc', 'jr', 'ltd', 'mgr', 'mlle', 'mme', 'mr', 'mrs', 'ms', 'mt', 'prof', 'resp', 'rev', 'sr', 'st',
  'vs', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
// Abbreviations that are followed by a number, as in "No. 5" or "p. 12". Before other words they
// may end a sentence ("No. It was not.").
const NUMBER_ABBREVIATIONS = new Set(['art', 'ch', 'eq', 'eqs', 'fig', 'figs', 'no', 'nos', 'nr', 'p', 'pp', 'sec', 'vol']);
// Dotted abbreviations of one- or two-letter parts: "e.g.", "U.S.", "a.m.", "Ph.D.", "z.B.".
const DOTTED_ABBREVIATION = /^(?:\p{L}{1,2}\.){2,}$/u;
// An initial such as "J." in "J. Smith". "I." is left out because the pronoun often ends a sentence.
const INITIAL = /^(?!I\.)\p{Lu}\.$/u;
// Letters that may start a sentence: upper and title case, and letters of scripts without case.
const SENTENCE_START = /^[\p{Lu}\p{Lt}\p{Lo}\p{Nd}]/u;
// CJK full stops, exclamation and question marks end a sentence even without a space after them.
const CJK_BREAK = /[。！？]+[」』）"']*(?=\S)/gu;

function stripEnd(word: string, characters: ReadonlySet<string>): string {
  let end = word.length;
  while (end > 0 && characters.has(word[end - 1])) {
    end--;
  }
  return word.slice(0, end);
}

function stripStart(word: string, characters: ReadonlySet<string>): string {
  let start = 0;
  while (start < word.length && characters.has(word[start])) {
    start++;
  }
  return word.slice(start);
}

/** Returns true when a word that ends with a period is an abbreviation, given the word after it. */
function isAbbreviation(word: string, nextWord: string): boolean {
  const bare = stripStart(word, OPENING_PUNCTUATION);
  if (DOTTED_ABBREVIATION.test(bare) || INITIAL.test(bare)) {
    return true;
  }
  const stem = bare.slice(0, -1).toLowerCase();
  if (ABBREVIATIONS.has(stem)) {
    return true;
  }
  return NUMBER_ABBREVIATIONS.has(stem) && /^\p{Nd}/u.test(nextWord);
}

/** Returns true when a sentence ends between `word` and `nextWord`, which are separated by whitespace. */
function endsSentence(word: string, nextWord: string): boolean {
  const core = stripEnd(word, CLOSING_PUNCTUATION);
  const last = core.slice(-1);
  if (!TERMINATORS.has(last)) {
    return false;
  }
  if (last === '.' && isAbbreviation(core, nextWord)) {
    return false;
  }
  return QUOTES.has(nextWord[0]) || SENTENCE_START.test(stripStart(nextWord, OPENING_PUNCTUATION));
}

/**
 * Splits text into sentences. A sentence ends at '.', '!', '?' or '…' (after any closing quotes or
 * brackets) when whitespace and then a capital letter, a digit or a quote follow. Abbreviations
 * such as "e.g." and "Dr.", initials, and numbers such as 3.14 or v1.2.3 do not end one.
 * CJK sentence marks end a sentence without whitespace after them.
 */
export function splitSentences(text: string): SentenceRange[] {
  const words = Array.from(text.matchAll(/\S+/g), (match) => ({ start: match.index, end: match.index + match[0].length }));
  const ranges: SentenceRange[] = [];
  let start = -1;
  words.forEach((word, index) => {
    if (start < 0) {
      start = word.start;
    }
    const next = words[index + 1];
    if (next === undefined || endsSentence(text.slice(word.start, word.end), text.slice(next.start, next.end))) {
      ranges.push(...splitAtCjkMarks(text, start, word.end));
      start = -1;
    }
  });
  return ranges;
}

/** Splits the range [start, end) after CJK sentence marks that are followed directly by more text. */
function splitAtCjkMarks(text: string, start: number, end: number): SentenceRange[] {
  const ranges: SentenceRange[] = [];
  const sentence = text.slice(start, end);
  let from = 0;
  for (const match of sentence.matchAll(CJK_BREAK)) {
    const breakAt = match.index + match[0].length;
    ranges.push({ start: start + from, end: start + breakAt });
    from = breakAt;
  }
  ranges.push({ start: start + from, end });
  return ranges;
}
