/**
 * The text edits that put translations into the document for each output mode. Plain data in and out,
 * so the rules are tested without VS Code; the command applies them in one `editor.edit` (one undo step).
 */
import { ExtensionError } from './errors';
import type { OutputMode } from './settings';

export interface Position {
  /** Zero-based line. */
  readonly line: number;
  /** Zero-based UTF-16 offset in the line. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Replace `range` with `text`; an empty range is an insertion. */
export interface PlannedEdit {
  readonly range: Range;
  readonly text: string;
}

export interface DocumentLines {
  /** Text of a line without its line break. */
  lineText(line: number): string;
  readonly eol: '\n' | '\r\n';
}

function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

function leadingWhitespace(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/**
 * Line below which `insertBelow` puts a selection's translation: the selection's last line, or the line
 * before when the selection ends at the start of a line (a whole-line selection that includes the break).
 */
function insertionLine(selection: Range): number {
  const { start, end } = selection;
  if (end.character === 0 && end.line > start.line) return end.line - 1;
  return end.line;
}

/**
 * Indentation for the translation's first line: the start line's leading whitespace, without the part that
 * the selection (and so the translation) already contains.
 */
function firstLinePrefix(selection: Range, document: DocumentLines): string {
  const indentation = leadingWhitespace(document.lineText(selection.start.line));
  return indentation.slice(0, Math.min(selection.start.character, indentation.length));
}

function blockBelow(selection: Range, translation: string, document: DocumentLines): string {
  const lines = translation.split(/\r?\n/);
  return document.eol + firstLinePrefix(selection, document) + lines.join(document.eol);
}

/**
 * Plans the edits for `translations[i]` of `selections[i]`, sorted by position. `replace` swaps each
 * selection for its translation. `insertBelow` adds each translation on new lines after the selection's last
 * line, and merges translations that land below the same line in selection order. `show` edits nothing.
 */
export function planEdits(
  mode: OutputMode,
  selections: readonly Range[],
  translations: readonly string[],
  document: DocumentLines,
): PlannedEdit[] {
  if (selections.length !== translations.length) {
    throw new ExtensionError(`Got ${translations.length} translations for ${selections.length} selections; expected one per selection.`);
  }
  const order = selections.map((_, index) => index).sort((a, b) => comparePositions(selections[a].start, selections[b].start));

  if (mode === 'show') return [];

  if (mode === 'replace') {
    return order.map((index) => ({ range: selections[index], text: translations[index] }));
  }

  const byLine = new Map<number, string>();
  for (const index of order) {
    const line = insertionLine(selections[index]);
    const block = blockBelow(selections[index], translations[index], document);
    byLine.set(line, (byLine.get(line) ?? '') + block);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, text]) => {
      const position = { line, character: document.lineText(line).length };
      return { range: { start: position, end: position }, text };
    });
}
