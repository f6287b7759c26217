/** Horizontal bar charts in SVG, in titled groups, for probabilities and signed neuron values. */
import { svg } from './dom';
import { figureSvg } from './figure';
import { appendSvgLabel, maxLabelWidth, measureText, type TokenLabel } from './labels';

export interface BarRow {
  readonly label: TokenLabel;
  readonly value: number;
  /** Text drawn after the bar, e.g. "42.0%". */
  readonly valueText: string;
  /** Token key of the row, so it takes part in hover and selection. */
  readonly key?: string;
  /** Draws the row as the chosen one (e.g. the candidate that the decoder kept). */
  readonly emphasis?: boolean;
}

export interface BarGroup {
  readonly title: string;
  /** Token shown after the title, e.g. the token chosen at a step. */
  readonly titleLabel?: TokenLabel;
  readonly titleKey?: string;
  readonly rows: readonly BarRow[];
}

export interface BarChartSpec {
  readonly groups: readonly BarGroup[];
  readonly ariaLabel: string;
  /** Bar length in CSS pixels for the largest absolute value. */
  readonly barWidth?: number;
}

const ROW_HEIGHT = 16;
const TITLE_HEIGHT = 22;
const GAP = 6;

function drawRow(row: BarRow, y: number, labelWidth: number, zeroX: number, barWidth: number, scale: number): SVGGElement {
  const group = svg('g', {
    class: row.emphasis === true ? 'bar-row is-chosen' : 'bar-row',
    'data-token': row.key,
    'data-select': row.key,
  });
  const length = scale > 0 ? (Math.abs(row.value) / scale) * barWidth : 0;
  const negative = row.value < 0;

  group.appendChild(svg('rect', { class: 'row-highlight', x: 0, y, width: '100%', height: ROW_HEIGHT }));
  const label = svg('text', {
    class: 'bar-label',
    x: labelWidth - GAP / 2,
    y: y + ROW_HEIGHT / 2,
    'text-anchor': 'end',
    'dominant-baseline': 'central',
  });
  appendSvgLabel(label, row.label);
  group.appendChild(label);

  group.appendChild(
    svg('rect', {
      class: negative ? 'bar bar-negative' : 'bar',
      x: negative ? zeroX - length : zeroX,
      y: y + 3,
      width: Math.max(length, 0.5),
      height: ROW_HEIGHT - 6,
    }),
  );
  const valueText = svg(
    'text',
    {
      class: 'bar-value',
      x: negative ? zeroX - length - GAP : zeroX + length + GAP,
      y: y + ROW_HEIGHT / 2,
      'text-anchor': negative ? 'end' : 'start',
      'dominant-baseline': 'central',
    },
    row.valueText,
  );
  group.appendChild(valueText);
  return group;
}

function drawTitle(group: BarGroup, y: number): SVGTextElement {
  const title = svg('text', {
    class: 'group-title',
    x: 0,
    y: y + TITLE_HEIGHT / 2 + 2,
    'dominant-baseline': 'central',
    'data-token': group.titleKey,
    'data-select': group.titleKey,
  });
  title.appendChild(document.createTextNode(group.title));
  if (group.titleLabel !== undefined) {
    const tokenSpan = svg('tspan', { class: 'group-token' });
    appendSvgLabel(tokenSpan, group.titleLabel);
    title.appendChild(tokenSpan);
  }
  return title;
}

/**
 * Draws the groups one under another. When any value is negative, bars grow left and right from a zero
 * line; otherwise they all start at the label column.
 */
export function renderBarChart(spec: BarChartSpec): SVGSVGElement {
  const rows = spec.groups.flatMap((group) => group.rows);
  const barWidth = spec.barWidth ?? 160;
  const labelWidth = Math.ceil(maxLabelWidth(rows.map((row) => row.label))) + GAP;
  const scale = rows.reduce((max, row) => Math.max(max, Math.abs(row.value)), 0);
  const signed = rows.some((row) => row.value < 0);
  const valueWidth = Math.ceil(rows.reduce((max, row) => Math.max(max, measureText(row.valueText)), 0)) + GAP * 2;

  const zeroX = labelWidth + (signed ? barWidth + valueWidth : 0);
  const titleWidth = spec.groups.reduce((max, group) => Math.max(max, measureText(group.title) + 80), 0);
  const width = Math.max(zeroX + barWidth + valueWidth, titleWidth);
  const height = spec.groups.reduce((sum, group) => sum + TITLE_HEIGHT + group.rows.length * ROW_HEIGHT, 0) + GAP;

  const root = figureSvg('bar-chart', width, height, spec.ariaLabel);
  if (signed) {
    root.appendChild(svg('line', { class: 'zero-line', x1: zeroX, x2: zeroX, y1: 0, y2: height }));
  }

  let y = 0;
  for (const group of spec.groups) {
    root.appendChild(drawTitle(group, y));
    y += TITLE_HEIGHT;
    for (const row of group.rows) {
      root.appendChild(drawRow(row, y, labelWidth, zeroX, barWidth, scale));
      y += ROW_HEIGHT;
    }
  }
  return root;
}
