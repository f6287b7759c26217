/**
 * The Graph tab: the chosen graph drawn top to bottom in SVG with an elkjs layout. Layers are drawn as one
 * box each until pressed, and only the boxes and edges near the visible part of the drawing are in the
 * DOM: scrolling adds and removes them, so a graph of thousands of nodes never has thousands of SVG nodes.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { GraphView } from '../../src/protocol/inspector-messages';
import { clear, html, svg } from '../common/dom';
import { measureText } from '../common/labels';
import { formatCount } from './format';
import { intersects, layoutGraph, type Box, type GraphLayout, type PlacedEdge, type PlacedItem } from './graphLayout';
import { buildGraphModel, type GraphModel } from './graphModel';
import { renderGraphTree } from './graphTree';
import { nodeTitle, renderNodeDetails } from './nodeDetails';
import { currentGraph } from './nodeView';
import type { Strings } from './strings';
import type { InspectorContext } from './viewContext';

/** Extra margin around the viewport that is drawn too, so short scrolls show no empty border. */
const VIEW_MARGIN = 300;
const TEXT_PADDING = 10;

/**
 * The group the user just expanded. Expanding rebuilds the tab with a new layout, and the new drawing
 * scrolls to this group's nodes once.
 */
let scrollToGroup: string | null = null;

const ARROW_DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/**
 * Returns the box nearest to `from` whose centre lies in `direction` (a unit step along x or y), so
 * the arrow keys move between boxes. Boxes off the direction's axis count double their sideways offset.
 */
export function nearestInDirection(
  items: readonly PlacedItem[],
  from: PlacedItem,
  direction: readonly [number, number],
): PlacedItem | undefined {
  const fromX = from.x + from.width / 2;
  const fromY = from.y + from.height / 2;
  let best: PlacedItem | undefined;
  let bestScore = Infinity;
  for (const candidate of items) {
    if (candidate === from) continue;
    const dx = candidate.x + candidate.width / 2 - fromX;
    const dy = candidate.y + candidate.height / 2 - fromY;
    const along = dx * direction[0] + dy * direction[1];
    if (along <= 0) continue;
    const sideways = Math.abs(dx * direction[1] + dy * direction[0]);
    const score = along + 2 * sideways;
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

/** Cuts `text` with "…" so it fits `width` CSS pixels in the figure font. */
function fitText(text: string, width: number): string {
  if (measureText(text) <= width) return text;
  let end = text.length;
  while (end > 1 && measureText(`${text.slice(0, end)}…`) > width) end = Math.max(1, Math.floor(end * 0.9));
  return `${text.slice(0, end)}…`;
}

function itemLabel(strings: Strings, placed: PlacedItem): string {
  const item = placed.item;
  switch (item.kind) {
    case 'group':
      return strings.t('graphGroupLabel', item.title, item.nodeCount ?? 0);
    case 'node':
      return strings.t('graphNodeLabel', item.title, item.subtitle);
    case 'input':
      return strings.t('graphValueLabel', strings.t('graphInput'), item.title);
    case 'output':
      return strings.t('graphValueLabel', strings.t('graphOutput'), item.title);
  }
}

function drawItem(strings: Strings, placed: PlacedItem, selectedNode: number | null): SVGGElement {
  const item = placed.item;
  const subtitle = item.kind === 'group' ? strings.t('graphGroupNodes', item.nodeCount ?? 0) : item.subtitle;
  const textWidth = placed.width - 2 * TEXT_PADDING;
  const selected = item.kind === 'node' && item.nodeIndex === selectedNode;
  const group = svg(
    'g',
    {
      class: `graph-item graph-${item.kind}${selected ? ' is-selected' : ''}`,
      transform: `translate(${placed.x} ${placed.y})`,
      'data-item': item.id,
      tabindex: 0,
      role: 'button',
      'aria-label': itemLabel(strings, placed),
      'aria-pressed': item.kind === 'node' ? String(selected) : undefined,
    },
    svg('rect', { class: 'item-box', width: placed.width, height: placed.height, rx: item.kind === 'group' ? 2 : 6 }),
    svg('text', { class: 'item-title', x: TEXT_PADDING, y: 15 }, fitText(item.title, textWidth)),
    svg('text', { class: 'item-subtitle', x: TEXT_PADDING, y: 30 }, fitText(subtitle, textWidth)),
  );
  if (item.kind === 'group') group.appendChild(svg('rect', { class: 'group-stack', x: 3, y: placed.height, width: placed.width - 6, height: 3 }));
  return group;
}

function drawEdge(edge: PlacedEdge): SVGPathElement {
  const path = edge.points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ');
  return svg(
    'path',
    { class: 'graph-edge', d: path, 'marker-end': 'url(#inspector-arrow)', 'data-edge': edge.id },
    svg('title', {}, edge.tensors.join(', ')),
  );
}

/**
 * Keeps the DOM in step with the viewport: draws the items and edges that intersect it (plus a margin)
 * and removes the rest.
 */
class VirtualDrawing {
  private readonly drawnItems = new Map<string, SVGGElement>();
  private readonly drawnEdges = new Map<string, SVGPathElement>();
  private readonly resizeObserver = new ResizeObserver(() => this.schedule());
  private readonly onScroll = (): void => this.schedule();
  private frame = 0;

  constructor(
    private readonly layout: GraphLayout,
    private readonly scroller: HTMLElement,
    private readonly itemLayer: SVGGElement,
    private readonly edgeLayer: SVGGElement,
    private readonly makeItem: (placed: PlacedItem) => SVGGElement,
  ) {
    scroller.addEventListener('scroll', this.onScroll);
    this.resizeObserver.observe(scroller);
  }

  /** Redraws on the next animation frame; repeated calls within a frame draw once. */
  schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /** Draws what is in view now. */
  update(): void {
    const view: Box = {
      x: this.scroller.scrollLeft - VIEW_MARGIN,
      y: this.scroller.scrollTop - VIEW_MARGIN,
      width: this.scroller.clientWidth + 2 * VIEW_MARGIN,
      height: this.scroller.clientHeight + 2 * VIEW_MARGIN,
    };
    sync(this.drawnEdges, this.layout.edges, (edge) => intersects(edge.bounds, view), (edge) => edge.id, drawEdge, this.edgeLayer);
    sync(this.drawnItems, this.layout.items, (placed) => intersects(placed, view), (placed) => placed.item.id, this.makeItem, this.itemLayer);
  }

  dispose(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resizeObserver.disconnect();
    this.scroller.removeEventListener('scroll', this.onScroll);
  }
}

function sync<T, E extends Element>(
  drawn: Map<string, E>,
  all: readonly T[],
  visible: (entry: T) => boolean,
  idOf: (entry: T) => string,
  make: (entry: T) => E,
  layer: SVGGElement,
): void {
  const keep = new Set<string>();
  for (const entry of all) {
    if (!visible(entry)) continue;
    const id = idOf(entry);
    keep.add(id);
    if (!drawn.has(id)) {
      const element = make(entry);
      drawn.set(id, element);
      layer.appendChild(element);
    }
  }
  for (const [id, element] of drawn) {
    if (keep.has(id)) continue;
    // Keep the focused box, so keyboard focus is not lost while scrolling.
    if (element.contains(document.activeElement)) continue;
    element.remove();
    drawn.delete(id);
  }
}

export interface GraphTab {
  readonly element: HTMLElement;
  dispose(): void;
}

/** Renders the Graph tab; the layout runs asynchronously and fills the drawing when done. */
export function renderGraph(context: InspectorContext): GraphTab {
  const { strings, state, model } = context;
  const graph = currentGraph(model.graphs, state.graphId);
  const expanded = new Set(state.expanded[graph.id] ?? []);
  const graphModel = buildGraphModel(graph, { expanded, showConstants: state.showConstants });

  const status = html('p', { class: 'hint', role: 'status', 'data-role': 'graph-status' });
  const notice = html('p', { class: 'notice', role: 'status' });
  const details = html('div', { class: 'graph-details', 'aria-live': 'polite' });
  const scroller = html('div', { class: 'graph-scroll', 'data-role': 'graph-scroll' });
  const openGraph = (graphId: string): void => context.update({ graphId, selectedNode: null });

  const constants = html('vscode-checkbox', { checked: state.showConstants, 'data-control': 'show-constants' }, strings.t('showConstants'));
  constants.addEventListener('change', () => context.update({ showConstants: constants.checked }));
  const collapseButtons = graphModel.groups
    .filter((group) => group.expanded)
    .map((group) => {
      const button = html('vscode-button', { secondary: true, 'data-collapse': group.key }, strings.t('collapseGroup', group.label));
      button.addEventListener('click', () => setExpanded(context, graph, [...expanded].filter((key) => key !== group.key)));
      return button;
    });

  if (graphModel.refused.length > 0) notice.textContent = strings.t('graphRefused', graphModel.refused.join(', '), graphModel.items.length);
  showDetails(context, graph, details, state.selectedNode, openGraph);

  let drawing: VirtualDrawing | null = null;
  let disposed = false;
  if (graph.nodes.length === 0) {
    status.textContent = strings.t('graphEmpty');
  } else {
    status.textContent = strings.t('graphLayoutRunning', formatCount(graphModel.items.length));
    void layoutGraph(graphModel, (text) => measureText(text) + 2)
      .then((layout) => {
        if (disposed) return;
        drawing = drawGraph(context, graph, graphModel, layout, scroller, expanded, (nodeIndex) => {
          context.update({ selectedNode: nodeIndex }, false);
          showDetails(context, graph, details, nodeIndex, openGraph);
        });
        const statsKey = graphModel.groups.length > 0 ? 'graphStats' : 'graphStatsPlain';
        status.textContent = strings.t(statsKey, formatCount(layout.items.length), formatCount(layout.edges.length));
        if (graphModel.hiddenNodeCount > 0) status.textContent += ` ${strings.t('graphHidden', formatCount(graphModel.hiddenNodeCount))}`;
      })
      .catch((error: unknown) => {
        if (!disposed) status.textContent = strings.t('graphError', error instanceof Error ? error.message : String(error));
      });
  }

  const tree = renderGraphTree(strings, model.graphs, graph.id, openGraph);
  const element = html(
    'div',
    { class: 'graph-view' },
    html('div', { class: 'graph-browser' }, tree),
    html(
      'div',
      { class: 'graph-pane' },
      html('div', { class: 'toolbar' }, constants, ...collapseButtons),
      status,
      notice,
      scroller,
    ),
    details,
  );
  return {
    element,
    dispose: () => {
      disposed = true;
      drawing?.dispose();
    },
  };
}

function setExpanded(context: InspectorContext, graph: GraphView, keys: readonly string[]): void {
  context.update({ expanded: { ...context.state.expanded, [graph.id]: keys } });
}

function showDetails(
  context: InspectorContext,
  graph: GraphView,
  target: HTMLElement,
  nodeIndex: number | null,
  openGraph: (graphId: string) => void,
): void {
  clear(target);
  const node = nodeIndex === null ? undefined : graph.nodes[nodeIndex];
  if (node === undefined || nodeIndex === null) {
    target.appendChild(html('p', { class: 'hint' }, context.strings.t('nodeDetailsHint')));
    return;
  }
  target.append(
    html('h3', {}, html('code', {}, node.opType), ' ', nodeTitle(context.strings, node, nodeIndex)),
    renderNodeDetails(context.strings, node, context.model.graphs, openGraph),
  );
}

function drawGraph(
  context: InspectorContext,
  graph: GraphView,
  graphModel: GraphModel,
  layout: GraphLayout,
  scroller: HTMLElement,
  expanded: ReadonlySet<string>,
  onSelectNode: (nodeIndex: number) => void,
): VirtualDrawing {
  const { strings } = context;
  const edgeLayer = svg('g', { class: 'edge-layer' });
  const itemLayer = svg('g', { class: 'item-layer' });
  const root = svg(
    'svg',
    {
      class: 'graph-svg',
      width: Math.ceil(layout.width),
      height: Math.ceil(layout.height),
      viewBox: `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`,
      role: 'group',
      'aria-label': strings.t('graphAria'),
      'data-group-count': graphModel.groups.filter((group) => !group.expanded).length,
    },
    svg(
      'defs',
      {},
      svg(
        'marker',
        { id: 'inspector-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        svg('path', { class: 'arrow-head', d: 'M0 0 L10 5 L0 10 z' }),
      ),
    ),
    edgeLayer,
    itemLayer,
  );
  clear(scroller);
  scroller.appendChild(root);

  let selected = context.state.selectedNode;
  const drawing = new VirtualDrawing(layout, scroller, itemLayer, edgeLayer, (placed) => drawItem(strings, placed, selected));

  const activate = (itemId: string): void => {
    const placed = layout.items.find((candidate) => candidate.item.id === itemId);
    if (placed === undefined) return;
    const item = placed.item;
    if (item.kind === 'group' && item.groupKey !== undefined) {
      scrollToGroup = item.groupKey;
      setExpanded(context, graph, [...expanded, item.groupKey]);
    } else if (item.kind === 'node' && item.nodeIndex !== undefined) {
      selected = item.nodeIndex;
      for (const element of itemLayer.querySelectorAll('.graph-node')) {
        const isSelected = element.getAttribute('data-item') === itemId;
        element.classList.toggle('is-selected', isSelected);
        element.setAttribute('aria-pressed', String(isSelected));
      }
      onSelectNode(selected);
    }
  };

  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-item]') : null;
    if (target !== null) activate(target.getAttribute('data-item') ?? '');
  });
  root.addEventListener('keydown', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-item]') : null;
    if (target === null) return;
    const itemId = target.getAttribute('data-item') ?? '';
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(itemId);
      return;
    }
    const direction = ARROW_DIRECTIONS[event.key];
    const from = layout.items.find((placed) => placed.item.id === itemId);
    if (direction === undefined || from === undefined) return;
    event.preventDefault();
    const next = nearestInDirection(layout.items, from, direction);
    if (next === undefined) return;
    scroller.scrollLeft = Math.max(0, next.x + next.width / 2 - scroller.clientWidth / 2);
    scroller.scrollTop = Math.max(0, next.y + next.height / 2 - scroller.clientHeight / 2);
    drawing.update();
    itemLayer.querySelector<SVGGElement>(`[data-item="${CSS.escape(next.item.id)}"]`)?.focus();
  });

  // Bring the group just expanded, or else the selected node, into view.
  const groupNodes = graphModel.groups.find((group) => group.key === scrollToGroup && group.expanded)?.nodeIndices;
  const focusNode = groupNodes?.find((index) => graphModel.items.some((item) => item.nodeIndex === index)) ?? selected;
  scrollToGroup = null;
  // Without one, show the top of the drawing around its first node, which may sit far right of a wide input row.
  const target =
    layout.items.find((placed) => placed.item.nodeIndex !== undefined && placed.item.nodeIndex === focusNode) ??
    layout.items.filter((placed) => placed.item.kind !== 'input').sort((a, b) => a.y - b.y)[0];
  if (target !== undefined) {
    scroller.scrollLeft = Math.max(0, target.x - scroller.clientWidth / 2);
    scroller.scrollTop = Math.max(0, target.y - scroller.clientHeight / 3);
  }
  drawing.update();
  return drawing;
}
