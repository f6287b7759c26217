/**
 * Theme colours read from the `--vscode-*` variables that VS Code sets on the webview's root element, for
 * drawing that CSS cannot style (canvas pixels and per-cell heatmap fills).
 */
import { formatColor, mixColors, parseColor, type Rgba } from './color';

export interface Theme {
  /** `--vscode-editor-background`: the zero end of every heatmap scale. */
  readonly background: Rgba;
  /** `--vscode-foreground`. */
  readonly foreground: Rgba;
  /** `--vscode-charts-blue`: the full end of heatmap scales and positive bars. */
  readonly accent: Rgba;
  /** `--vscode-charts-red`: negative bars. */
  readonly negative: Rgba;
  /** `--vscode-focusBorder`: hover and selection outlines drawn on canvas. */
  readonly highlight: Rgba;
}

// NOTE: these stand-ins are used only when a variable is missing, which VS Code does not do. They keep a
// page opened outside VS Code readable.
const FALLBACKS: Readonly<Record<keyof Theme, string>> = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  accent: '#3794ff',
  negative: '#f14c4c',
  highlight: '#007fd4',
};

const VARIABLES: Readonly<Record<keyof Theme, string>> = {
  background: '--vscode-editor-background',
  foreground: '--vscode-foreground',
  accent: '--vscode-charts-blue',
  negative: '--vscode-charts-red',
  highlight: '--vscode-focusBorder',
};

let normalizer: CanvasRenderingContext2D | null | undefined;

/** Lets the browser turn any CSS colour (named, hsl, color-mix) into `#rrggbb` or `rgba(...)`. */
function normalizeCssColor(value: string): string {
  if (normalizer === undefined) normalizer = document.createElement('canvas').getContext('2d');
  if (normalizer === null) return value;

  // An invalid colour leaves fillStyle unchanged, so two different starting values detect it.
  normalizer.fillStyle = '#000000';
  normalizer.fillStyle = value;
  const first = String(normalizer.fillStyle);
  normalizer.fillStyle = '#ffffff';
  normalizer.fillStyle = value;
  return first === String(normalizer.fillStyle) ? first : '';
}

function readVariable(style: CSSStyleDeclaration, name: string, fallback: string): Rgba {
  const raw = style.getPropertyValue(name).trim();
  const parsed = raw === '' ? undefined : (parseColor(raw) ?? parseColor(normalizeCssColor(raw)));
  return parsed ?? (parseColor(fallback) as Rgba);
}

/** Reads the current theme colours from the computed style of `root`. */
export function readTheme(root: Element = document.documentElement): Theme {
  const style = getComputedStyle(root);
  const entries = (Object.keys(VARIABLES) as (keyof Theme)[]).map((key) => [
    key,
    readVariable(style, VARIABLES[key], FALLBACKS[key]),
  ]);
  return Object.fromEntries(entries) as Theme;
}

/** Returns the heatmap colour for a value scaled to [0, 1] (background at 0, accent at 1). */
export function heatColor(theme: Theme, t: number): Rgba {
  return mixColors(theme.background, theme.accent, t);
}

/** Returns `heatColor` as a CSS colour string. */
export function heatColorCss(theme: Theme, t: number): string {
  return formatColor(heatColor(theme, t));
}

/** Returns the parts of the page that VS Code rewrites on a theme switch, so other class changes are ignored. */
function themeSignature(): string {
  const themeClasses = [...document.body.classList].filter((name) => name.startsWith('vscode-')).sort();
  return [themeClasses.join(' '), document.body.getAttribute('data-vscode-theme-name') ?? '', document.documentElement.getAttribute('style') ?? ''].join('|');
}

/**
 * Calls `onChange` when VS Code switches the colour theme: it rewrites the root element's `style` (the
 * variables) and the body's theme class (`vscode-light`, `vscode-dark`, `vscode-high-contrast`, …) and
 * theme attributes. Returns a function that stops watching.
 */
export function watchTheme(onChange: () => void): () => void {
  let signature = themeSignature();
  const observer = new MutationObserver(() => {
    const next = themeSignature();
    if (next === signature) return;
    signature = next;
    onChange();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-name'] });
  return () => observer.disconnect();
}
