/**
 * The panel state kept with `setState`, so the view looks the same after VS Code hides and shows it again.
 * The trace itself is not kept: the host sends it again after `ready`.
 */
import { ATTENTION_KINDS, type AttentionKind, type HeadChoice } from './attentionData';
import { parseTokenKey } from './tokens';

export type PanelTab = 'generation' | 'attention' | 'ffn';

export const PANEL_TABS: readonly PanelTab[] = ['generation', 'attention', 'ffn'];

export interface PanelState {
  readonly tab: PanelTab;
  readonly kind: AttentionKind;
  /** Position in the chosen kind's list of recorded layers; views clamp it to the list. */
  readonly layer: number;
  readonly head: HeadChoice;
  /** Key of the selected token ("src:3", "tgt:0"), or null. */
  readonly selected: string | null;
  /** Position in the feed-forward layer list of the selected token's side. */
  readonly ffnLayer: number;
}

export const DEFAULT_STATE: PanelState = {
  tab: 'generation',
  kind: 'cross',
  layer: 0,
  head: 'mean',
  selected: null,
  ffnLayer: 0,
};

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Returns the saved state with every invalid or missing field replaced by its default, because a state
 * saved by another version of the panel may differ.
 */
export function restoreState(saved: unknown): PanelState {
  if (saved === null || typeof saved !== 'object') return DEFAULT_STATE;
  const value = saved as Record<string, unknown>;

  return {
    tab: PANEL_TABS.includes(value.tab as PanelTab) ? (value.tab as PanelTab) : DEFAULT_STATE.tab,
    kind: ATTENTION_KINDS.includes(value.kind as AttentionKind) ? (value.kind as AttentionKind) : DEFAULT_STATE.kind,
    layer: isIndex(value.layer) ? value.layer : DEFAULT_STATE.layer,
    head: value.head === 'mean' || isIndex(value.head) ? value.head : DEFAULT_STATE.head,
    selected: typeof value.selected === 'string' && parseTokenKey(value.selected) !== null ? value.selected : null,
    ffnLayer: isIndex(value.ffnLayer) ? value.ffnLayer : DEFAULT_STATE.ffnLayer,
  };
}

/** Clamps a saved position into a list of `length` items (0 for an empty list). */
export function clampIndex(index: number, length: number): number {
  return Math.min(Math.max(0, index), Math.max(0, length - 1));
}
