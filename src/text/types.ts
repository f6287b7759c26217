/** Types shared by splitting, joining and batching. */

/** One sentence to translate. */
export interface Segment {
  /** The sentence, trimmed. When it wraps over several lines, they are joined by single spaces. */
  readonly text: string;
  /** Zero-based line of the source text where the sentence starts. */
  readonly line: number;
}

/** A line break inside a segment that `joinText` puts back into the translation. */
export interface LineWrap {
  /** Index of the space in the segment text that stands for the line break. */
  readonly offset: number;
  /** The source text that the space replaced: trailing whitespace, line ending and the next line's prefix. */
  readonly source: string;
}

/** Everything of the source text that is not translated, kept to rebuild it. */
export interface Template {
  /** Text between segments: `literals[i]` precedes segment i, and the last one follows the last segment. */
  readonly literals: readonly string[];
  /** Line wraps of each segment, in order of offset. */
  readonly wraps: readonly (readonly LineWrap[])[];
}

/** A text split into segments, with the template that rebuilds it. */
export interface Segmented {
  readonly segments: readonly Segment[];
  readonly template: Template;
}
