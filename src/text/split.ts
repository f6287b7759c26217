/** Splits editor text into sentence segments and a template that keeps everything else. */
import { TextError } from './errors';
import { splitLineParts, splitLines, type LineParts } from './lines';
import { splitSentences } from './sentences';
import type { LineWrap, Segment, Segmented } from './types';

/** A line with its parts and whether it has text to translate. */
interface ParsedLine extends LineParts {
  /** Zero-based line number. */
  readonly index: number;
  readonly body: string;
  readonly eol: string;
  /** Content with a letter or digit, outside a fenced code block. */
  readonly translatable: boolean;
}

// Translated text needs a letter or a digit, so rules like '---' and lone symbols stay as they are.
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
// Markdown code fences, also inside comments such as '/// ```'.
const FENCE = /^(?:```|~~~)/;

/** Collects literals and segments in order. */
class TemplateBuilder {
  private readonly segments: Segment[] = [];
  private readonly literals: string[] = [''];
  private readonly wraps: LineWrap[][] = [];

  appendLiteral(text: string): void {
    this.literals[this.literals.length - 1] += text;
  }

  addSegment(segment: Segment, wraps: LineWrap[]): void {
    this.segments.push(segment);
    this.wraps.push(wraps);
    this.literals.push('');
  }

  build(): Segmented {
    return { segments: this.segments, template: { literals: this.literals, wraps: this.wraps } };
  }
}

function parseLines(text: string): ParsedLine[] {
  let inBlockComment = false;
  let inFence = false;
  return splitLines(text).map((line, index) => {
    const parts = splitLineParts(line.body, inBlockComment);
    inBlockComment = parts.opensBlockComment || (inBlockComment && !line.body.includes('*/'));

    const isFence = FENCE.test(parts.content);
    const translatable = !inFence && !isFence && WORD_CHARACTER.test(parts.content);
    if (isFence) {
      inFence = !inFence;
    }
    return { ...parts, index, body: line.body, eol: line.eol, translatable };
  });
}

/**
 * Adds one block of lines that read as running text: its prefixes and line breaks go into the
 * template, and its sentences become segments, also when they wrap over several lines.
 */
function addBlock(block: readonly ParsedLine[], builder: TemplateBuilder): void {
  // The block's contents joined by one space per line break. Each break remembers its source text.
  let flow = '';
  const breaks: LineWrap[] = [];
  block.forEach((line, position) => {
    if (position > 0) {
      const previous = block[position - 1];
      breaks.push({ offset: flow.length, source: previous.suffix + previous.eol + line.prefix });
      flow += ' ';
    }
    flow += line.content;
  });

  // Ranges of the flow are visited left to right, so one pass over the breaks serves them all.
  let nextBreak = 0;
  const takeBreaksBefore = (end: number): LineWrap[] => {
    const breaksInRange: LineWrap[] = [];
    while (nextBreak < breaks.length && breaks[nextBreak].offset < end) {
      breaksInRange.push(breaks[nextBreak]);
      nextBreak++;
    }
    return breaksInRange;
  };
  // Rebuilds the source text of flow[start, end) by putting its line breaks back.
  const sourceOf = (start: number, end: number): string => {
    let source = '';
    let cursor = start;
    for (const lineBreak of takeBreaksBefore(end)) {
      source += flow.slice(cursor, lineBreak.offset) + lineBreak.source;
      cursor = lineBreak.offset + 1;
    }
    return source + flow.slice(cursor, end);
  };

  builder.appendLiteral(block[0].prefix);
  let cursor = 0;
  for (const { start, end } of splitSentences(flow)) {
    builder.appendLiteral(sourceOf(cursor, start));
    const text = flow.slice(start, end);
    if (WORD_CHARACTER.test(text)) {
      const line = block[0].index + nextBreak;
      const wraps = takeBreaksBefore(end).map((lineBreak) => ({
        offset: lineBreak.offset - start,
        source: lineBreak.source,
      }));
      builder.addSegment({ text, line }, wraps);
    } else {
      builder.appendLiteral(sourceOf(start, end));
    }
    cursor = end;
  }
  builder.appendLiteral(sourceOf(cursor, flow.length));

  const last = block[block.length - 1];
  builder.appendLiteral(last.suffix + last.eol);
}

/**
 * Splits text into sentences to translate and a template that rebuilds the text around them.
 *
 * Blank lines separate paragraphs. Each line keeps its prefix untranslated: indentation, comment
 * markers ('//', '#', ' * ', …), Markdown quotes and list markers ('- ', '1. '). Consecutive lines
 * with the same comment markers and no new list marker read as running text, so a sentence may
 * wrap over them. Lines without letters or digits and fenced code blocks are kept as they are.
 * `joinText(result, result.segments.map((segment) => segment.text))` returns `text` unchanged.
 *
 * NOTE: Markdown tables, HTML tags and indented code blocks are translated like prose, and
 * consecutive Markdown headings with the same level are read as one wrapped '#' comment.
 */
export function splitText(text: string): Segmented {
  if (typeof text !== 'string') {
    throw new TextError(`Cannot split ${String(text)}: expected a string.`);
  }

  const builder = new TemplateBuilder();
  let block: ParsedLine[] = [];
  const flush = (): void => {
    if (block.length > 0) {
      addBlock(block, builder);
      block = [];
    }
  };

  for (const line of parseLines(text)) {
    if (!line.translatable) {
      flush();
      builder.appendLiteral(line.body + line.eol);
      continue;
    }
    const previous = block[block.length - 1];
    if (previous !== undefined && (line.listItem || line.markers !== previous.markers)) {
      flush();
    }
    block.push(line);
  }
  flush();
  return builder.build();
}
