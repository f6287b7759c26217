/**
 * Hover and selection of tokens across every view of a page.
 *
 * Views tag elements with token keys (strings such as "src:3" without spaces):
 * - `data-token="k1 k2"`: the element shows those tokens and gets `is-hovered` / `is-selected` classes
 *   when one of them is hovered or selected (labels, lines, row and column overlays);
 * - `data-cell-tokens="k1 k2"`: hovering the element highlights those tokens, but the element itself is
 *   not restyled (heatmap cells, where restyling thousands of cells would be slow);
 * - `data-select="k"`: clicking the element selects (or deselects) that token.
 * The page root gets `has-hover` and `has-selection` so CSS can dim what is not highlighted, and elements
 * with `role="option"` get `aria-selected` to match their `is-selected` class.
 */

export type HighlightListener = (hovered: readonly string[], selected: string | null) => void;

const TOKEN_SELECTOR = '[data-token],[data-cell-tokens]';

function keysOf(element: Element): string[] {
  const text = element.getAttribute('data-token') ?? element.getAttribute('data-cell-tokens') ?? '';
  return text.split(' ').filter((key) => key.length > 0);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

export class HighlightController {
  private hoveredKeys: readonly string[] = [];
  private selectedKey: string | null = null;
  private readonly listeners = new Set<HighlightListener>();

  constructor(private readonly root: HTMLElement) {
    root.addEventListener('pointerover', (event) => this.hoverFromEvent(event));
    root.addEventListener('pointerleave', () => this.hover([]));
    root.addEventListener('focusin', (event) => {
      // Focus on an element without tokens (a heatmap as a whole) leaves the hover to that element's own keys.
      const target = event.target instanceof Element ? event.target.closest(TOKEN_SELECTOR) : null;
      if (target !== null) this.hover(keysOf(target));
    });
    root.addEventListener('focusout', (event) => {
      if (!(event.relatedTarget instanceof Element) || event.relatedTarget.closest(TOKEN_SELECTOR) === null) {
        this.hover([]);
      }
    });
    root.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest('[data-select]') : null;
      const key = target?.getAttribute('data-select');
      if (key) this.select(key === this.selectedKey ? null : key);
    });
  }

  get hovered(): readonly string[] {
    return this.hoveredKeys;
  }

  get selected(): string | null {
    return this.selectedKey;
  }

  /** Highlights `keys` as hovered; an empty list clears the hover. */
  hover(keys: readonly string[]): void {
    if (sameKeys(keys, this.hoveredKeys)) return;
    this.hoveredKeys = [...keys];
    this.refresh();
  }

  /** Selects one token (or none) without notifying if nothing changed. */
  select(key: string | null): void {
    if (key === this.selectedKey) return;
    this.selectedKey = key;
    this.refresh();
  }

  /** Registers a listener for every hover or selection change. Returns a function that removes it. */
  subscribe(listener: HighlightListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reapplies the classes, e.g. after a view was rebuilt, and notifies the listeners. */
  refresh(): void {
    this.applyClass('is-hovered', this.hoveredKeys);
    this.applyClass('is-selected', this.selectedKey === null ? [] : [this.selectedKey]);
    for (const option of this.root.querySelectorAll('[role="option"]')) {
      option.setAttribute('aria-selected', String(option.classList.contains('is-selected')));
    }
    this.root.classList.toggle('has-hover', this.hoveredKeys.length > 0);
    this.root.classList.toggle('has-selection', this.selectedKey !== null);
    for (const listener of this.listeners) listener(this.hoveredKeys, this.selectedKey);
  }

  private hoverFromEvent(event: Event): void {
    const target = event.target instanceof Element ? event.target.closest(TOKEN_SELECTOR) : null;
    this.hover(target === null ? [] : keysOf(target));
  }

  private applyClass(className: string, keys: readonly string[]): void {
    for (const element of this.root.querySelectorAll(`.${className}`)) element.classList.remove(className);
    for (const key of keys) {
      for (const element of this.root.querySelectorAll(`[data-token~="${key}"]`)) element.classList.add(className);
    }
  }
}
