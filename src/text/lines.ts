/** Splits text into lines and each line into a prefix that is kept, the content, and a suffix. */

/** One source line. */
export interface SourceLine {
  /** The line without its line ending. */
  readonly body: string;
  /** '\r\n', '\n', '\r', or '' for a last line without one. */
  readonly eol: string;
}

/** A line split into the parts that are kept and the part that may be translated. */
export interface LineParts {
  /** Indentation, comment or quote markers, and a list marker, with the whitespace after them. */
  readonly prefix: string;
  /** The text between prefix and suffix, empty when the line has nothing else. */
  readonly content: string;
  /** Trailing whitespace, with the closer of a block comment or an HTML comment when the line ends with one. */
  readonly suffix: string;
  /** The comment and quote markers without whitespace, with every block comment opener shown as '*'. */
  readonly markers: string;
  /** Whether the prefix ends with a list marker such as '- ', '* ', '1. ' or '2) '. */
  readonly listItem: boolean;
  /** Whether the prefix opens a block comment that the line does not close. */
  readonly opensBlockComment: boolean;
}

/** Splits text into lines, keeping each line ending so that the lines concatenate to the text. */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (const match of text.matchAll(/\r\n|\n|\r/g)) {
    lines.push({ body: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) {
    lines.push({ body: text.slice(start), eol: '' });
  }
  return lines;
}

// A byte order mark and indentation.
const INDENT = /^\ufeff?\s*/;
// Line comment markers ('//', '///', '//!', '#', '--', ';', '%'), block comment openers ('/*', '/**',
// '<!--') and Markdown quotes ('>'). Each must be followed by whitespace or the end of the line, so
// '#include' and '--flag' are content.
const COMMENT_MARKER = /^(?:\/\/+!?|#+|--|;+|%+|\/\*+!?|<!--|>)(?=\s|$)\s*/;
// Inside a block comment, a leading '*' continues the comment. Elsewhere it is a list bullet.
const BLOCK_COMMENT_STAR = /^\*(?=\s|$)\s*/;
// Bullets and numbers of list items, optionally with a Markdown task box.
const LIST_MARKER = /^(?:[-+*•]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/;

/**
 * Returns where the suffix of `rest` starts: trailing whitespace, optionally around the closer of a
 * block comment or an HTML comment. It scans from the end, because a regular expression such as
 * `\s*(closer)?\s*$` backtracks for minutes on a line with a few thousand inner spaces.
 */
function findSuffixStart(rest: string): number {
  const trimmed = rest.trimEnd();
  let start = trimmed.length;
  if (trimmed.endsWith('-->')) {
    start -= 3;
  } else if (trimmed.endsWith('*/')) {
    start -= 1;
    while (start > 0 && rest[start - 1] === '*') {
      start--;
    }
  } else {
    return start;
  }
  return rest.slice(0, start).trimEnd().length;
}

/**
 * Splits one line into prefix, content and suffix. `inBlockComment` is true when an earlier line
 * opened a block comment that is still open, which makes a leading '*' a comment marker.
 */
export function splitLineParts(body: string, inBlockComment: boolean): LineParts {
  let rest = body;
  let prefix = '';
  const take = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(rest);
    if (match === null || match[0] === '') {
      return undefined;
    }
    prefix += match[0];
    rest = rest.slice(match[0].length);
    return match[0];
  };

  take(INDENT);
  let markers = '';
  let opensBlockComment = false;
  for (;;) {
    const marker = take(COMMENT_MARKER) ?? (inBlockComment ? take(BLOCK_COMMENT_STAR) : undefined);
    if (marker === undefined) {
      break;
    }
    // '/*' and '/**' count as '*', so a block comment's first line continues into its ' * ' lines.
    const trimmed = marker.trim();
    if (trimmed.startsWith('/*')) {
      opensBlockComment = true;
      markers += '*';
    } else {
      markers += trimmed;
    }
  }
  const listItem = take(LIST_MARKER) !== undefined;
  if (rest.includes('*/')) {
    opensBlockComment = false;
  }

  const suffixStart = findSuffixStart(rest);
  return {
    prefix,
    content: rest.slice(0, suffixStart),
    suffix: rest.slice(suffixStart),
    markers,
    listItem,
    opensBlockComment,
  };
}
