/**
 * The Initializers tab: a sortable, filterable table of every initializer, shown a page at a time, and
 * the statistics of ONE tensor, which the host computes when the user presses Statistics on its row.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { InitializerView, TensorStatsView } from '../../src/protocol/inspector-messages';
import { clear, html } from '../common/dom';
import { code, fieldTable, uniqueId } from './elements';
import { formatBytes, formatCount, formatStat, shapeText } from './format';
import type { InitializerColumn } from './state';
import { INITIALIZER_COLUMNS } from './state';
import { PagedList } from './paging';
import type { StringKey, Strings } from './strings';
import type { InspectorContext } from './viewContext';

/** Rows added to the table per page. */
export const PAGE_SIZE = 200;

/** The page's record of one tensor's statistics request. */
export type StatsEntry =
  | { readonly status: 'pending' }
  | { readonly status: 'done'; readonly stats: TensorStatsView }
  | { readonly status: 'failed'; readonly error: string };

const COLUMN_KEYS: Readonly<Record<InitializerColumn, StringKey>> = {
  name: 'columnName',
  dtype: 'columnDtype',
  shape: 'columnShape',
  bytes: 'columnBytes',
  storage: 'columnStorage',
};

/** Compares two rows by `column` alone; equal rows are ordered by name afterwards. */
function compareColumn(column: InitializerColumn, a: InitializerView, b: InitializerView): number {
  switch (column) {
    case 'name':
      return 0;
    case 'dtype':
      return a.dtype.localeCompare(b.dtype);
    case 'shape':
      return a.elementCount - b.elementCount || shapeText(a.shape).localeCompare(shapeText(b.shape));
    case 'bytes':
      return a.byteCount - b.byteCount;
    case 'storage':
      return a.storage.localeCompare(b.storage) || (a.location ?? '').localeCompare(b.location ?? '');
  }
}

/** Returns the rows whose name, data type or shape contains `filter` (any case), sorted. */
export function selectRows(
  rows: readonly InitializerView[],
  filter: string,
  column: InitializerColumn,
  descending: boolean,
): InitializerView[] {
  const needle = filter.trim().toLowerCase();
  const matches = needle === '' ? [...rows] : rows.filter((row) => `${row.name} ${row.dtype} ${shapeText(row.shape)}`.toLowerCase().includes(needle));
  const direction = descending ? -1 : 1;
  return matches.sort((a, b) => {
    const byColumn = compareColumn(column, a, b);
    if (byColumn !== 0) return direction * byColumn;
    // The name breaks ties, and is the sort key itself for the name column.
    return (column === 'name' ? direction : 1) * a.name.localeCompare(b.name);
  });
}

export interface InitializerTab {
  readonly element: HTMLElement;
  /** Shows the latest statistics state of `name`. */
  showStats(name: string, entry: StatsEntry): void;
}

function statsContent(strings: Strings, name: string, entry: StatsEntry): HTMLElement {
  if (entry.status === 'pending') return html('p', { class: 'hint' }, strings.t('statsPending', name));
  if (entry.status === 'failed') return html('p', { class: 'error-text', role: 'alert' }, strings.t('statsError', name, entry.error));
  const stats = entry.stats;
  return html(
    'div',
    { class: 'stats-result' },
    html('h3', {}, strings.t('statsTitle', name)),
    fieldTable([
      [strings.t('columnElements'), formatCount(stats.elementCount)],
      [strings.t('statMin'), formatStat(stats.min)],
      [strings.t('statMax'), formatStat(stats.max)],
      [strings.t('statMean'), formatStat(stats.mean)],
      [strings.t('statStd'), formatStat(stats.std)],
      [strings.t('statZeros'), `${formatStat(stats.zeroPercent)} %`],
      [strings.t('statNan'), formatCount(stats.nanCount)],
    ]),
    html('p', { class: 'hint' }, strings.t('statElapsed', Math.round(stats.elapsedMs))),
  );
}

/** Renders the Initializers tab; `stats` contains the results received so far, `selected` the tensor shown. */
export function renderInitializers(
  context: InspectorContext,
  stats: ReadonlyMap<string, StatsEntry>,
  selected: string | null,
): InitializerTab {
  const { strings, state } = context;
  const all = context.model.initializers;
  const statsPanel = html('div', { class: 'stats-panel', role: 'region', 'aria-live': 'polite', 'aria-label': strings.t('statsButton') });
  const showStats = (name: string, entry: StatsEntry): void => {
    clear(statsPanel);
    statsPanel.appendChild(statsContent(strings, name, entry));
  };
  const selectedEntry = selected === null ? undefined : stats.get(selected);
  if (selected !== null && selectedEntry !== undefined) showStats(selected, selectedEntry);
  else statsPanel.appendChild(html('p', { class: 'hint' }, strings.t('statsHint')));

  const filterId = uniqueId('initializer-filter');
  const filter = html('vscode-textfield', {
    id: filterId,
    type: 'search',
    placeholder: strings.t('filterPlaceholder'),
    'aria-label': strings.t('filterLabel'),
    'data-control': 'initializer-filter',
  });
  filter.value = state.initializerFilter;
  const countLine = html('p', { class: 'hint', role: 'status', 'data-role': 'initializer-count' });
  const tableSlot = html('div', { class: 'initializer-table-slot' });
  let body = html('vscode-table-body', { slot: 'body' });

  let filterText = state.initializerFilter;

  const headerElement = (): HTMLElement => {
    const header = html('vscode-table-header', { slot: 'header' });
    for (const column of INITIALIZER_COLUMNS) {
      const label = strings.t(COLUMN_KEYS[column]);
      const active = state.sortColumn === column;
      let arrow = '';
      let sort = 'none';
      if (active) {
        arrow = state.sortDescending ? ' ▼' : ' ▲';
        sort = state.sortDescending ? 'descending' : 'ascending';
      }
      const button = html(
        'button',
        { type: 'button', class: 'sort-button', 'data-sort': column, 'aria-label': strings.t('sortBy', label) },
        label,
        arrow,
      );
      button.addEventListener('click', () => {
        const descending = active ? !state.sortDescending : column === 'bytes';
        context.update({ sortColumn: column, sortDescending: descending });
      });
      header.appendChild(html('vscode-table-header-cell', { 'aria-sort': sort }, button));
    }
    header.appendChild(html('vscode-table-header-cell', {}, ''));
    return header;
  };

  const rowElement = (row: InitializerView): HTMLElement => {
    const button = html(
      'vscode-button',
      { secondary: true, 'data-action': 'stats', 'aria-label': strings.t('statsButtonLabel', row.name) },
      strings.t('statsButton'),
    );
    button.addEventListener('click', () => {
      showStats(row.name, { status: 'pending' });
      context.post({ type: 'requestStats', name: row.name });
    });
    const storage = row.storage === 'inline' ? strings.t('storageInline') : strings.t('storageExternal', row.location ?? '');
    return html(
      'vscode-table-row',
      { 'data-name': row.name },
      html('vscode-table-cell', {}, code(row.name)),
      html('vscode-table-cell', {}, row.dtype),
      html('vscode-table-cell', {}, code(shapeText(row.shape))),
      html('vscode-table-cell', { title: `${formatCount(row.byteCount)} B` }, formatBytes(row.byteCount)),
      html('vscode-table-cell', {}, storage),
      html('vscode-table-cell', {}, button),
    );
  };

  const pages = new PagedList<InitializerView>(
    PAGE_SIZE,
    strings,
    (row) => body.appendChild(rowElement(row)),
    (shown, total) => {
      countLine.textContent =
        filterText.trim() === ''
          ? strings.t('initializerCount', formatCount(shown), formatCount(total))
          : strings.t('initializerMatches', formatCount(shown), formatCount(total), formatCount(all.length));
    },
    'show-more',
  );

  // vscode-table sizes the columns from the first row when its body is slotted, so each new row set
  // gets a new table with the first page already in its body.
  const refill = (): void => {
    body = html('vscode-table-body', { slot: 'body' });
    pages.reset(selectRows(all, filterText, state.sortColumn, state.sortDescending));
    const table = html('vscode-table', { class: 'initializer-table', zebra: true, 'bordered-rows': true, resizable: true }, headerElement(), body);
    table.columns = ['40%', '11%', '17%', '11%', '11%', '10%'];
    clear(tableSlot);
    tableSlot.appendChild(table);
  };

  filter.addEventListener('input', () => {
    filterText = filter.value;
    context.update({ initializerFilter: filterText }, false);
    refill();
  });
  refill();

  const element = html(
    'div',
    { class: 'initializer-view' },
    html('div', { class: 'toolbar' }, filter, countLine),
    statsPanel,
    tableSlot,
    pages.moreButton,
  );
  return { element, showStats };
}
