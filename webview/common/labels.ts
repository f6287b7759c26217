/** Token labels as text nodes in SVG and HTML, and text measurement for laying out SVG figures. */
import { html, svg } from './dom';

/** A token prepared for display; `marker` is drawn dimmed before `text` (e.g. a word-start sign). */
export interface TokenLabel {
  readonly text: string;
  readonly marker: string;
  /** Special tokens such as `</s>` are drawn in italics. */
  readonly special: boolean;
}

/** Font size of text in SVG figures, in CSS pixels; `media/panel.css` sets the same size. */
export const FIGURE_FONT_SIZE = 11;

let measureContext: CanvasRenderingContext2D | null | undefined;

function figureFont(): string {
  return `${FIGURE_FONT_SIZE}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
}

/** Returns the width of `text` in the figure font, in CSS pixels (an estimate when canvas is unavailable). */
export function measureText(text: string): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (measureContext === null) return text.length * FIGURE_FONT_SIZE * 0.6;

  measureContext.font = figureFont();
  return measureContext.measureText(text).width;
}

/** Returns the width of a label with its marker, in CSS pixels. */
export function measureLabel(label: TokenLabel): number {
  return measureText(label.marker + label.text);
}

/** Returns the largest label width in a list (0 for an empty list). */
export function maxLabelWidth(labels: readonly TokenLabel[]): number {
  return labels.reduce((max, label) => Math.max(max, measureLabel(label)), 0);
}

/** Fills an SVG `<text>` (or `<tspan>`) with a label: marker in a dimmed `<tspan>`, then the text. */
export function appendSvgLabel(target: SVGTextElement | SVGTSpanElement, label: TokenLabel): void {
  if (label.marker !== '') target.appendChild(svg('tspan', { class: 'piece-marker' }, label.marker));
  target.appendChild(document.createTextNode(label.text));
  if (label.special) target.classList.add('piece-special');
}

/** Creates an HTML `<span>` for a label: marker in a dimmed span, then the text. */
export function htmlLabel(label: TokenLabel, attributes: Record<string, string> = {}): HTMLSpanElement {
  const className = ['piece', label.special ? 'piece-special' : '', attributes.class ?? ''].join(' ').trim();
  return html(
    'span',
    { ...attributes, class: className },
    label.marker === '' ? null : html('span', { class: 'piece-marker' }, label.marker),
    label.text,
  );
}

/** Returns a label's text without its marker (the marker alone when the text is empty), for aria labels and readouts. */
export function labelText(label: TokenLabel): string {
  return label.text === '' ? label.marker : label.text;
}
