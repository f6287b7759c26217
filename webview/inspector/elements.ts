/** Page building blocks shared by the inspector views: titled sections and plain tables. */
import { html, type Child } from '../common/dom';

let nextId = 0;

/** Returns a page-unique element id with a readable prefix. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Creates a `<section>` labelled by its heading. */
export function section(title: string, ...children: Child[]): HTMLElement {
  const id = uniqueId('section');
  return html('section', { class: 'inspector-section', 'aria-labelledby': id }, html('h2', { id }, title), ...children);
}

/** Creates a two-column table of fields: name in a row header, value as text or an element. */
export function fieldTable(rows: readonly (readonly [string, Child])[]): HTMLTableElement {
  return html(
    'table',
    { class: 'field-table' },
    html('tbody', {}, ...rows.map(([name, value]) => html('tr', {}, html('th', { scope: 'row' }, name), html('td', {}, value)))),
  );
}

/** Creates a table with a header row; every cell is text or an element. */
export function dataTable(caption: string, headers: readonly string[], rows: readonly (readonly Child[])[]): HTMLTableElement {
  return html(
    'table',
    { class: 'data-table' },
    html('caption', { class: 'visually-hidden' }, caption),
    html('thead', {}, html('tr', {}, ...headers.map((header) => html('th', { scope: 'col' }, header)))),
    html('tbody', {}, ...rows.map((cells) => html('tr', {}, ...cells.map((cell) => html('td', {}, cell))))),
  );
}

/** Creates inline monospace text for names and shapes. */
export function code(text: string): HTMLElement {
  return html('code', {}, text);
}
