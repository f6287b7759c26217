/** Long lists shown a page at a time behind a "Show N more" button, so a list of thousands of rows builds quickly. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html } from '../common/dom';
import { formatCount } from './format';
import type { Strings } from './strings';

export class PagedList<T> {
  /** The "Show N more" button; hidden when every item is shown. */
  readonly moreButton: HTMLElement;
  private items: readonly T[] = [];
  private shown = 0;

  constructor(
    private readonly pageSize: number,
    private readonly strings: Strings,
    /** Appends the element of one item to the list. */
    private readonly append: (item: T) => void,
    /** Called after each page with the number of items shown and the number of items in the list. */
    private readonly onShown: (shown: number, total: number) => void,
    action: string,
  ) {
    this.moreButton = html('vscode-button', { secondary: true, 'data-action': action });
    this.moreButton.addEventListener('click', () => this.next());
  }

  /** Replaces the items (the caller empties the list element first) and shows the first page. */
  reset(items: readonly T[]): void {
    this.items = items;
    this.shown = 0;
    this.next();
  }

  /** Shows pages until `item` is shown; does nothing when the list does not contain it. */
  reveal(item: T): void {
    const index = this.items.indexOf(item);
    while (index >= this.shown && this.shown < this.items.length) this.next();
  }

  /** Shows the next page. */
  next(): void {
    const page = this.items.slice(this.shown, this.shown + this.pageSize);
    for (const item of page) this.append(item);
    this.shown += page.length;
    this.onShown(this.shown, this.items.length);
    this.moreButton.hidden = this.shown >= this.items.length;
    this.moreButton.textContent = this.strings.t('showMore', formatCount(Math.min(this.pageSize, this.items.length - this.shown)));
  }
}
