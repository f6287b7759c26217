/**
 * A row of token chips (a listbox): arrow keys move the focus between tokens, Home and End jump to the ends,
 * and Enter or Space selects the focused token. Focus and hover highlight the token on the whole page
 * through the `data-token` keys; clicking selects it through `data-select`.
 */
import { html } from './dom';
import type { HighlightController } from './highlight';
import { htmlLabel, labelText, type TokenLabel } from './labels';

export interface TokenListItem {
  readonly label: TokenLabel;
  readonly key: string;
  /** Extra words for screen readers, e.g. "position 3". */
  readonly description?: string;
}

function focusItem(items: readonly HTMLElement[], from: number, to: number): void {
  const target = Math.min(items.length - 1, Math.max(0, to));
  items[from].tabIndex = -1;
  items[target].tabIndex = 0;
  items[target].focus();
}

/** Renders tokens as a keyboard-navigable listbox. */
export function renderTokenList(
  items: readonly TokenListItem[],
  ariaLabel: string,
  highlight: HighlightController,
): HTMLElement {
  const chips = items.map((item, i) =>
    htmlLabel(item.label, {
      class: 'token-chip',
      role: 'option',
      tabindex: i === 0 ? '0' : '-1',
      'data-token': item.key,
      'data-select': item.key,
      'aria-label': item.description === undefined ? labelText(item.label) : `${labelText(item.label)}, ${item.description}`,
    }),
  );
  const list = html('div', { class: 'token-list', role: 'listbox', 'aria-label': ariaLabel, 'aria-orientation': 'horizontal' }, ...chips);

  list.addEventListener('keydown', (event) => {
    const current = chips.findIndex((chip) => chip === document.activeElement);
    if (current < 0) return;

    const targets: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowUp: current - 1,
      ArrowRight: current + 1,
      ArrowDown: current + 1,
      Home: 0,
      End: chips.length - 1,
    };
    if (event.key in targets) {
      event.preventDefault();
      focusItem(chips, current, targets[event.key]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const key = items[current].key;
      highlight.select(highlight.selected === key ? null : key);
    } else if (event.key === 'Escape') {
      highlight.select(null);
    }
  });
  return list;
}
