/**
 * Export of figures as one standalone SVG document or a PNG image. Figures on screen take colours and
 * fonts from CSS (`--vscode-*` variables), which a saved file cannot resolve, so each element's computed
 * style is copied into presentation attributes of a clone.
 */
import { svg } from './dom';
import { formatColor } from './color';
import type { Theme } from './theme';

/** A figure of the current view that can be exported. */
export interface ExportFigure {
  readonly title: string;
  /** Returns a detached, self-contained SVG element (colours and fonts inlined). */
  toSvg(): SVGSVGElement;
}

const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
] as const;

const PADDING = 12;
const TITLE_HEIGHT = 24;

/**
 * Returns a clone of an SVG element shown on the page with its computed styles written as presentation
 * attributes. Elements that are hidden (`display: none` or `visibility: hidden`) are left out, and data
 * and focus attributes are dropped.
 */
export function inlineStyledClone(source: SVGSVGElement): SVGSVGElement {
  const clone = source.cloneNode(true) as SVGSVGElement;
  const sourceElements = [source, ...source.querySelectorAll('*')];
  const cloneElements = [clone, ...clone.querySelectorAll('*')];
  const hidden: Element[] = [];

  sourceElements.forEach((original, i) => {
    const copy = cloneElements[i];
    const style = getComputedStyle(original);
    if (style.display === 'none' || style.visibility === 'hidden') {
      hidden.push(copy);
      return;
    }
    for (const property of STYLE_PROPERTIES) {
      const value = style.getPropertyValue(property);
      if (value !== '' && value !== 'auto') copy.setAttribute(property, value);
    }
    for (const name of copy.getAttributeNames()) {
      if (name.startsWith('data-') || name === 'tabindex' || name === 'class') copy.removeAttribute(name);
    }
  });
  for (const element of hidden) element.remove();
  return clone;
}

function numberAttribute(element: SVGSVGElement, name: string): number {
  return Number(element.getAttribute(name) ?? '0');
}

/** Stacks figures under their titles on the theme background and returns the SVG document text. */
export function composeSvgDocument(figures: readonly ExportFigure[], theme: Theme): {
  readonly text: string;
  readonly width: number;
  readonly height: number;
} {
  const parts = figures.map((figure) => ({ title: figure.title, element: figure.toSvg() }));
  const width = Math.ceil(Math.max(200, ...parts.map((part) => numberAttribute(part.element, 'width')))) + PADDING * 2;
  const height = Math.ceil(
    parts.reduce((sum, part) => sum + TITLE_HEIGHT + numberAttribute(part.element, 'height') + PADDING, PADDING),
  );

  const fontFamily = getComputedStyle(document.body).fontFamily;
  const root = svg('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': fontFamily,
  });
  root.appendChild(svg('rect', { x: 0, y: 0, width, height, fill: formatColor(theme.background) }));

  let y = PADDING;
  for (const part of parts) {
    root.appendChild(
      svg(
        'text',
        { x: PADDING, y: y + TITLE_HEIGHT / 2, 'dominant-baseline': 'central', 'font-size': 13, 'font-weight': 'bold', fill: formatColor(theme.foreground) },
        part.title,
      ),
    );
    y += TITLE_HEIGHT;
    part.element.setAttribute('x', String(PADDING));
    part.element.setAttribute('y', String(y));
    root.appendChild(part.element);
    y += numberAttribute(part.element, 'height') + PADDING;
  }
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

/**
 * Renders an SVG document to a PNG data URL at `scale` device pixels per CSS pixel. Loads the SVG as an
 * image from a blob URL, so the page's CSP must allow `img-src blob:`.
 */
export async function svgToPngDataUrl(svgText: string, width: number, height: number, scale = 2): Promise<string> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();

    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('Canvas 2D context is not available, so the PNG cannot be drawn.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
