/**
 * The head view: query tokens on the left, key tokens on the right and a line for every pair whose
 * opacity is the attention weight. Hovering a token keeps its lines and dims the others.
 */
import { svg } from '../common/dom';
import { figureSvg } from '../common/figure';
import { appendSvgLabel, maxLabelWidth } from '../common/labels';
import type { Axis } from './tokens';

const ROW_PITCH = 18;
const LINE_SPAN = 140;
const GAP = 6;

/** Weights below this are not drawn, which keeps long sequences at a few lines per token. */
const MIN_DRAWN_WEIGHT = 0.01;

function drawColumn(axis: Axis, x: number, anchor: 'start' | 'end', top: number): SVGGElement {
  const group = svg('g', { class: 'head-tokens' });
  axis.labels.forEach((label, i) => {
    const text = svg('text', {
      class: 'axis-label head-token',
      x,
      y: top + (i + 0.5) * ROW_PITCH,
      'text-anchor': anchor,
      'dominant-baseline': 'central',
      'data-token': axis.keys[i],
      'data-select': axis.keys[i],
    });
    appendSvgLabel(text, label);
    group.appendChild(text);
  });
  return group;
}

/** Draws the head view of one matrix: [rows.length, cols.length] weights in [0, 1]. */
export function renderHeadView(matrix: ArrayLike<number>, rows: Axis, cols: Axis, ariaLabel: string): SVGSVGElement {
  const leftWidth = Math.ceil(maxLabelWidth(rows.labels)) + GAP;
  const rightWidth = Math.ceil(maxLabelWidth(cols.labels)) + GAP;
  const width = leftWidth + LINE_SPAN + rightWidth;
  const height = Math.max(rows.labels.length, cols.labels.length) * ROW_PITCH + GAP;
  const top = GAP / 2;

  const root = figureSvg('head-view', width, height, ariaLabel);

  const lines = svg('g', { class: 'head-lines' });
  const columns = cols.labels.length;
  for (let r = 0; r < rows.labels.length; r++) {
    for (let c = 0; c < columns; c++) {
      const weight = matrix[r * columns + c];
      if (!(weight >= MIN_DRAWN_WEIGHT)) continue;
      lines.appendChild(
        svg('line', {
          class: 'head-line',
          x1: leftWidth,
          y1: top + (r + 0.5) * ROW_PITCH,
          x2: leftWidth + LINE_SPAN,
          y2: top + (c + 0.5) * ROW_PITCH,
          'stroke-opacity': Math.min(1, weight).toFixed(3),
          'data-token': `${rows.keys[r]} ${cols.keys[c]}`,
        }),
      );
    }
  }
  root.append(lines, drawColumn(rows, leftWidth - GAP / 2, 'end', top), drawColumn(cols, leftWidth + LINE_SPAN + GAP / 2, 'start', top));
  return root;
}
