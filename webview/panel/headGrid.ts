/**
 * A layers × heads grid of small heatmaps on canvas (the first column is the mean over heads). Clicking a
 * thumbnail, or Enter on it, selects that layer and head; arrow keys move between thumbnails. Bands over
 * each thumbnail show the row and column of the hovered (or else the selected) token.
 */
import type { LayerAttention } from '../../src/protocol/trace';
import { formatColor } from '../common/color';
import type { DisposableStore } from '../common/disposables';
import { html, svg } from '../common/dom';
import type { HighlightController } from '../common/highlight';
import { FIGURE_FONT_SIZE } from '../common/labels';
import type { ExportFigure } from '../common/svgExport';
import { heatColor, type Theme } from '../common/theme';
import { headMatrix, maxValue, type HeadChoice } from './attentionData';
import type { Axis } from './tokens';

/** Maximum side length of a thumbnail, in CSS pixels. */
const THUMB_SIZE = 56;
const LABEL_WIDTH = 28;
const HEADER_HEIGHT = 16;
const GAP = 4;

export interface HeadGridSpec {
  readonly layers: readonly LayerAttention[];
  readonly heads: number;
  readonly rows: Axis;
  readonly cols: Axis;
  readonly selectedLayer: number;
  readonly selectedHead: HeadChoice;
  readonly theme: Theme;
  readonly headLabel: (head: HeadChoice) => string;
  readonly cellLabel: (layer: number, head: HeadChoice) => string;
  readonly ariaLabel: string;
  readonly onSelect: (layerPosition: number, head: HeadChoice) => void;
}

export interface HeadGrid {
  readonly element: HTMLElement;
  readonly figure: (title: string) => ExportFigure;
}

interface Thumbnail {
  readonly button: HTMLButtonElement;
  readonly canvas: HTMLCanvasElement;
  readonly rowBand: HTMLElement;
  readonly colBand: HTMLElement;
  readonly layerPosition: number;
  readonly head: HeadChoice;
}

function pixelsPerCell(rows: number, cols: number): number {
  return Math.max(1, Math.floor(THUMB_SIZE / Math.max(rows, cols, 1)));
}

function drawThumbnail(canvas: HTMLCanvasElement, matrix: Float32Array, rows: number, cols: number, theme: Theme): void {
  const cell = pixelsPerCell(rows, cols);
  const scale = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(cols * cell * scale);
  canvas.height = Math.ceil(rows * cell * scale);
  canvas.style.width = `${cols * cell}px`;
  canvas.style.height = `${rows * cell}px`;

  const context = canvas.getContext('2d');
  if (context === null) return;
  context.scale(scale, scale);

  // Each thumbnail is scaled to its own maximum so that the pattern of every head is visible.
  const max = maxValue(matrix);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const value = matrix[r * cols + c];
      context.fillStyle = formatColor(heatColor(theme, max > 0 ? value / max : 0));
      context.fillRect(c * cell, r * cell, cell, cell);
    }
  }
}

function updateBands(thumbnails: readonly Thumbnail[], keys: readonly string[], spec: HeadGridSpec): void {
  const cell = pixelsPerCell(spec.rows.keys.length, spec.cols.keys.length);
  const row = keys.map((key) => spec.rows.keys.indexOf(key)).find((index) => index >= 0);
  const col = keys.map((key) => spec.cols.keys.indexOf(key)).find((index) => index >= 0);
  for (const thumbnail of thumbnails) {
    thumbnail.rowBand.hidden = row === undefined;
    thumbnail.colBand.hidden = col === undefined;
    if (row !== undefined) thumbnail.rowBand.style.top = `${row * cell}px`;
    if (row !== undefined) thumbnail.rowBand.style.height = `${cell}px`;
    if (col !== undefined) thumbnail.colBand.style.left = `${col * cell}px`;
    if (col !== undefined) thumbnail.colBand.style.width = `${cell}px`;
  }
}

function moveFocus(thumbnails: readonly Thumbnail[], from: Thumbnail, columns: number, key: string): boolean {
  const index = thumbnails.indexOf(from);
  const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns };
  const step = steps[key];
  if (step === undefined) return false;

  const target = thumbnails[index + step];
  if (target === undefined) return true;
  from.button.tabIndex = -1;
  target.button.tabIndex = 0;
  target.button.focus();
  return true;
}

function exportFigure(thumbnails: readonly Thumbnail[], spec: HeadGridSpec, columns: number, title: string): ExportFigure {
  return {
    title,
    toSvg: () => {
      const pitch = THUMB_SIZE + GAP * 2;
      const width = LABEL_WIDTH + columns * pitch;
      const height = HEADER_HEIGHT + spec.layers.length * pitch;
      const foreground = formatColor(spec.theme.foreground);
      const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-size': FIGURE_FONT_SIZE, fill: foreground });

      const heads: HeadChoice[] = ['mean', ...Array.from({ length: spec.heads }, (_, h) => h)];
      heads.forEach((head, c) => {
        root.appendChild(svg('text', { x: LABEL_WIDTH + c * pitch + GAP, y: HEADER_HEIGHT - 4 }, spec.headLabel(head)));
      });
      spec.layers.forEach((layer, r) => {
        root.appendChild(svg('text', { x: 0, y: HEADER_HEIGHT + r * pitch + pitch / 2, 'dominant-baseline': 'central' }, `L${layer.layer}`));
      });
      thumbnails.forEach((thumbnail, i) => {
        const x = LABEL_WIDTH + (i % columns) * pitch + GAP;
        const y = HEADER_HEIGHT + Math.floor(i / columns) * pitch + GAP;
        root.appendChild(
          svg('image', {
            href: thumbnail.canvas.toDataURL('image/png'),
            x,
            y,
            width: parseFloat(thumbnail.canvas.style.width),
            height: parseFloat(thumbnail.canvas.style.height),
          }),
        );
      });
      return root;
    },
  };
}

/** Builds the grid; listeners on `highlight` are removed through `disposables`. */
export function renderHeadGrid(spec: HeadGridSpec, highlight: HighlightController, disposables: DisposableStore): HeadGrid {
  const heads: HeadChoice[] = ['mean', ...Array.from({ length: spec.heads }, (_, h) => h)];
  const columns = heads.length;
  const thumbnails: Thumbnail[] = [];
  const grid = html('div', { class: 'head-grid', role: 'group', 'aria-label': spec.ariaLabel });
  grid.style.gridTemplateColumns = `${LABEL_WIDTH}px repeat(${columns}, auto)`;

  grid.appendChild(html('span', { class: 'head-grid-corner' }));
  for (const head of heads) grid.appendChild(html('span', { class: 'head-grid-header' }, spec.headLabel(head)));

  spec.layers.forEach((layer, layerPosition) => {
    grid.appendChild(html('span', { class: 'head-grid-row-label' }, `L${layer.layer}`));
    for (const head of heads) {
      const selected = layerPosition === spec.selectedLayer && head === spec.selectedHead;
      const canvas = html('canvas', { class: 'thumb-canvas', 'aria-hidden': 'true' });
      const rowBand = html('span', { class: 'thumb-band thumb-band-row', hidden: true });
      const colBand = html('span', { class: 'thumb-band thumb-band-col', hidden: true });
      const button = html(
        'button',
        {
          class: selected ? 'thumb is-current' : 'thumb',
          type: 'button',
          tabindex: selected ? 0 : -1,
          'aria-pressed': String(selected),
          'aria-label': spec.cellLabel(layer.layer, head),
          'data-layer': layerPosition,
          'data-head': String(head),
        },
        html('span', { class: 'thumb-frame' }, canvas, rowBand, colBand),
      );
      drawThumbnail(canvas, headMatrix(layer, head), spec.rows.keys.length, spec.cols.keys.length, spec.theme);
      grid.appendChild(button);
      thumbnails.push({ button, canvas, rowBand, colBand, layerPosition, head });
    }
  });
  if (!thumbnails.some((thumbnail) => thumbnail.button.tabIndex === 0) && thumbnails.length > 0) {
    thumbnails[0].button.tabIndex = 0;
  }

  for (const thumbnail of thumbnails) {
    thumbnail.button.addEventListener('click', () => spec.onSelect(thumbnail.layerPosition, thumbnail.head));
    thumbnail.button.addEventListener('keydown', (event) => {
      if (moveFocus(thumbnails, thumbnail, columns, event.key)) event.preventDefault();
    });
  }

  disposables.add(
    highlight.subscribe((hovered, selected) => {
      let keys = hovered;
      if (keys.length === 0 && selected !== null) keys = [selected];
      updateBands(thumbnails, keys, spec);
    }),
  );

  const element = html('div', { class: 'scroll-x' }, grid);
  return { element, figure: (title) => exportFigure(thumbnails, spec, columns, title) };
}
