/**
 * An SVG heatmap with token labels on both axes, hover and keyboard navigation, and row and column
 * overlays that light up when a token of that row or column is highlighted anywhere on the page.
 */
import { html, svg } from './dom';
import type { HighlightController } from './highlight';
import { figureSvg } from './figure';
import { appendSvgLabel, maxLabelWidth, measureText, type TokenLabel } from './labels';
import { heatColorCss, type Theme } from './theme';

export interface HeatmapSpec {
  /** [rows, cols] row-major. */
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  readonly rowLabels: readonly TokenLabel[];
  readonly colLabels: readonly TokenLabel[];
  /** Token key of each row ("tgt:2"), or null when a row is not a token (e.g. a layer). */
  readonly rowKeys: readonly (string | null)[];
  readonly colKeys: readonly (string | null)[];
  /** The value drawn in full accent colour. */
  readonly scaleMax: number;
  /** The value drawn in the background colour (default 0); values between are mixed linearly and clamped. */
  readonly scaleMin?: number;
  readonly theme: Theme;
  readonly ariaLabel: string;
  /** Token that clicking a cell (or Enter on it) selects; clicking does not toggle, Escape clears. */
  readonly selectKeyOf: (row: number, col: number) => string | null;
  /** Text shown in the readout line for a cell, e.g. "chat → cat: 0.42". */
  readonly describeCell: (row: number, col: number, value: number) => string;
  /** Called when a cell is clicked or activated with Enter, after the selection changed. */
  readonly onCellActivate?: (row: number, col: number) => void;
  /** Readout text when no cell is hovered. */
  readonly hint: string;
  readonly legendLabel: string;
}

export interface HeatmapFigure {
  /** The readout line and the SVG, ready to insert. */
  readonly element: HTMLElement;
  readonly svg: SVGSVGElement;
}

const LEGEND_STEPS = 10;
const LEGEND_HEIGHT = 28;
const GAP = 6;

/** Returns a cell size in CSS pixels that keeps large matrices on screen and small ones readable. */
export function cellSizeFor(rows: number, cols: number): number {
  return Math.min(22, Math.max(10, Math.floor(360 / Math.max(rows, cols, 1))));
}

/** Formats a value for a readout with three significant digits. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toPrecision(3);
}

/** Maps a value to [0, 1] on the spec's scale; non-finite values and an empty scale give 0. */
function scaledValue(spec: HeatmapSpec, value: number): number {
  const min = spec.scaleMin ?? 0;
  const range = spec.scaleMax - min;
  if (!Number.isFinite(value) || !(range > 0)) return 0;
  return (value - min) / range;
}

function tokenAttributes(keys: readonly (string | null)[]): string | undefined {
  const present = keys.filter((key): key is string => key !== null);
  return present.length === 0 ? undefined : present.join(' ');
}

/** Left edge of the legend swatches: after the row labels and after the legend's own label. */
function legendStart(spec: HeatmapSpec, left: number): number {
  return Math.max(left, Math.ceil(measureText(spec.legendLabel)) + GAP * 2);
}

interface Layout {
  readonly cell: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

function layoutOf(spec: HeatmapSpec): Layout {
  const cell = cellSizeFor(spec.rows, spec.cols);
  const left = Math.ceil(maxLabelWidth(spec.rowLabels)) + GAP;
  const top = Math.ceil(maxLabelWidth(spec.colLabels)) + GAP;
  const width = Math.max(left + spec.cols * cell, legendStart(spec, left) + LEGEND_STEPS * 12 + 80) + 2;
  const height = top + spec.rows * cell + LEGEND_HEIGHT;
  return { cell, left, top, width, height };
}

function drawCells(spec: HeatmapSpec, layout: Layout): SVGGElement {
  const group = svg('g', { class: 'heat-cells', 'shape-rendering': 'crispEdges' });
  for (let r = 0; r < spec.rows; r++) {
    for (let c = 0; c < spec.cols; c++) {
      const t = scaledValue(spec, spec.values[r * spec.cols + c]);
      group.appendChild(
        svg('rect', {
          class: 'heat-cell',
          x: layout.left + c * layout.cell,
          y: layout.top + r * layout.cell,
          width: layout.cell,
          height: layout.cell,
          fill: heatColorCss(spec.theme, t),
          'data-r': r,
          'data-c': c,
          'data-cell-tokens': tokenAttributes([spec.rowKeys[r], spec.colKeys[c]]),
        }),
      );
    }
  }
  return group;
}

function drawAxisLabels(spec: HeatmapSpec, layout: Layout): SVGGElement {
  const group = svg('g', { class: 'axis-labels' });
  spec.rowLabels.forEach((label, r) => {
    const text = svg('text', {
      class: 'axis-label',
      x: layout.left - GAP / 2,
      y: layout.top + (r + 0.5) * layout.cell,
      'text-anchor': 'end',
      'dominant-baseline': 'central',
      'data-token': spec.rowKeys[r] ?? undefined,
      'data-select': spec.rowKeys[r] ?? undefined,
    });
    appendSvgLabel(text, label);
    group.appendChild(text);
  });
  spec.colLabels.forEach((label, c) => {
    const x = layout.left + (c + 0.5) * layout.cell;
    const text = svg('text', {
      class: 'axis-label',
      transform: `translate(${x} ${layout.top - GAP / 2}) rotate(-90)`,
      'text-anchor': 'start',
      'dominant-baseline': 'central',
      'data-token': spec.colKeys[c] ?? undefined,
      'data-select': spec.colKeys[c] ?? undefined,
    });
    appendSvgLabel(text, label);
    group.appendChild(text);
  });
  return group;
}

function drawOverlays(spec: HeatmapSpec, layout: Layout): SVGGElement {
  const group = svg('g', { class: 'heat-overlays' });
  spec.rowKeys.forEach((key, r) => {
    if (key === null) return;
    group.appendChild(
      svg('rect', {
        class: 'heat-overlay',
        x: layout.left,
        y: layout.top + r * layout.cell,
        width: spec.cols * layout.cell,
        height: layout.cell,
        'data-token': key,
      }),
    );
  });
  spec.colKeys.forEach((key, c) => {
    if (key === null) return;
    group.appendChild(
      svg('rect', {
        class: 'heat-overlay',
        x: layout.left + c * layout.cell,
        y: layout.top,
        width: layout.cell,
        height: spec.rows * layout.cell,
        'data-token': key,
      }),
    );
  });
  return group;
}

function drawLegend(spec: HeatmapSpec, layout: Layout): SVGGElement {
  const y = layout.top + spec.rows * layout.cell + 10;
  const group = svg('g', { class: 'heat-legend' });
  group.appendChild(
    svg('text', { class: 'legend-label', x: 0, y: y + 6, 'dominant-baseline': 'central' }, spec.legendLabel),
  );

  const x0 = legendStart(spec, layout.left);
  for (let i = 0; i < LEGEND_STEPS; i++) {
    const t = i / (LEGEND_STEPS - 1);
    group.appendChild(
      svg('rect', { class: 'legend-swatch', x: x0 + i * 12, y, width: 12, height: 12, fill: heatColorCss(spec.theme, t) }),
    );
  }
  const labelX = x0 + LEGEND_STEPS * 12 + 4;
  const scaleText = `${formatValue(spec.scaleMin ?? 0)} – ${formatValue(spec.scaleMax)}`;
  group.appendChild(svg('text', { class: 'legend-label', x: labelX, y: y + 6, 'dominant-baseline': 'central' }, scaleText));
  return group;
}

/** Connects pointer and keyboard input: a readout line, a keyboard cursor and cell activation. */
function attachInput(
  spec: HeatmapSpec,
  layout: Layout,
  root: SVGSVGElement,
  readout: HTMLElement,
  highlight: HighlightController,
): void {
  const cursor = svg('rect', { class: 'heat-cursor', width: layout.cell, height: layout.cell, visibility: 'hidden' });
  root.appendChild(cursor);
  let row = 0;
  let col = 0;

  const activate = (r: number, c: number): void => {
    const key = spec.selectKeyOf(r, c);
    if (key !== null) highlight.select(key);
    spec.onCellActivate?.(r, c);
  };
  const show = (r: number, c: number): void => {
    readout.textContent = spec.describeCell(r, c, spec.values[r * spec.cols + c]);
  };
  const moveCursor = (): void => {
    cursor.setAttribute('x', String(layout.left + col * layout.cell));
    cursor.setAttribute('y', String(layout.top + row * layout.cell));
    cursor.setAttribute('visibility', 'visible');
    show(row, col);
    highlight.hover([spec.rowKeys[row], spec.colKeys[col]].filter((key): key is string => key !== null));
  };

  root.addEventListener('pointerover', (event) => {
    const target = event.target instanceof Element ? event.target.closest('.heat-cell') : null;
    if (target === null) return;
    show(Number(target.getAttribute('data-r')), Number(target.getAttribute('data-c')));
  });
  root.addEventListener('pointerleave', () => {
    readout.textContent = spec.hint;
  });
  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('.heat-cell') : null;
    if (target === null) return;
    row = Number(target.getAttribute('data-r'));
    col = Number(target.getAttribute('data-c'));
    activate(row, col);
  });
  root.addEventListener('focus', () => {
    // Only keyboard focus shows the cursor; a click focuses the SVG too, and the pointer already shows the cell.
    if (root.matches(':focus-visible')) moveCursor();
  });
  root.addEventListener('blur', () => {
    cursor.setAttribute('visibility', 'hidden');
    readout.textContent = spec.hint;
  });
  root.addEventListener('keydown', (event) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      row = Math.min(spec.rows - 1, Math.max(0, row + move[0]));
      col = Math.min(spec.cols - 1, Math.max(0, col + move[1]));
      moveCursor();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(row, col);
    } else if (event.key === 'Escape') {
      highlight.select(null);
    }
  });
}

/** Draws a heatmap and wires its input; `highlight` receives hovered and selected tokens. */
export function renderHeatmap(spec: HeatmapSpec, highlight: HighlightController): HeatmapFigure {
  const layout = layoutOf(spec);
  const root = figureSvg('heatmap', layout.width, layout.height, spec.ariaLabel, { tabindex: 0, 'aria-roledescription': 'heatmap' });
  root.append(drawCells(spec, layout), drawAxisLabels(spec, layout), drawOverlays(spec, layout), drawLegend(spec, layout));

  const readout = html('div', { class: 'readout', 'aria-live': 'polite' }, spec.hint);
  attachInput(spec, layout, root, readout, highlight);

  const element = html('div', { class: 'heatmap-figure' }, readout, html('div', { class: 'scroll-x' }, root));
  return { element, svg: root };
}
