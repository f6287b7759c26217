/**
 * The inspector state kept with `setState`, so the editor looks the same after VS Code hides and shows it
 * or restarts. The model itself is not kept: the host sends it again after `ready`.
 */

export type InspectorTab = 'summary' | 'initializers' | 'nodes' | 'graph';
export const INSPECTOR_TABS: readonly InspectorTab[] = ['summary', 'initializers', 'nodes', 'graph'];

export type InitializerColumn = 'name' | 'dtype' | 'shape' | 'bytes' | 'storage';
export const INITIALIZER_COLUMNS: readonly InitializerColumn[] = ['name', 'dtype', 'shape', 'bytes', 'storage'];

export interface InspectorState {
  readonly tab: InspectorTab;
  readonly sortColumn: InitializerColumn;
  readonly sortDescending: boolean;
  readonly initializerFilter: string;
  readonly nodeQuery: string;
  /** Graph shown by the Nodes and Graph tabs (a `GraphView.id`). */
  readonly graphId: string;
  /** Layer groups drawn node by node in the Graph tab, per graph id. */
  readonly expanded: Readonly<Record<string, readonly string[]>>;
  readonly showConstants: boolean;
  /** Index of the node whose details are shown, in the current graph, or null. */
  readonly selectedNode: number | null;
  /** URI of the folder the folder view shows, so the host can reopen it after a restart; null in the model editor. */
  readonly folderUri: string | null;
}

export const DEFAULT_STATE: InspectorState = {
  tab: 'summary',
  sortColumn: 'bytes',
  sortDescending: true,
  initializerFilter: '',
  nodeQuery: '',
  graphId: 'main',
  expanded: {},
  showConstants: false,
  selectedNode: null,
  folderUri: null,
};

const MAX_SAVED_TEXT = 1000;

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length <= MAX_SAVED_TEXT ? value : fallback;
}

function expandedGroups(value: unknown): Record<string, string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const result: Record<string, string[]> = {};
  for (const [graphId, keys] of Object.entries(value)) {
    if (Array.isArray(keys)) result[graphId] = keys.filter((key): key is string => typeof key === 'string');
  }
  return result;
}

/**
 * Returns the saved state with every invalid or missing field replaced by its default, because a state
 * saved by another version of the inspector may differ.
 */
export function restoreState(saved: unknown): InspectorState {
  if (saved === null || typeof saved !== 'object') return DEFAULT_STATE;
  const value = saved as Record<string, unknown>;
  const selected = value.selectedNode;
  return {
    tab: INSPECTOR_TABS.includes(value.tab as InspectorTab) ? (value.tab as InspectorTab) : DEFAULT_STATE.tab,
    sortColumn: INITIALIZER_COLUMNS.includes(value.sortColumn as InitializerColumn)
      ? (value.sortColumn as InitializerColumn)
      : DEFAULT_STATE.sortColumn,
    sortDescending: typeof value.sortDescending === 'boolean' ? value.sortDescending : DEFAULT_STATE.sortDescending,
    initializerFilter: text(value.initializerFilter, ''),
    nodeQuery: text(value.nodeQuery, ''),
    graphId: text(value.graphId, DEFAULT_STATE.graphId),
    expanded: expandedGroups(value.expanded),
    showConstants: typeof value.showConstants === 'boolean' ? value.showConstants : DEFAULT_STATE.showConstants,
    selectedNode: typeof selected === 'number' && Number.isInteger(selected) && selected >= 0 ? selected : null,
    folderUri: typeof value.folderUri === 'string' ? text(value.folderUri, '') || null : null,
  };
}
