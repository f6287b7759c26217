/**
 * Positions the boxes and edges of a `GraphModel` with elkjs's layered algorithm, top to bottom.
 * NOTE: the bundled elkjs build runs on the page's main thread, because the webview's CSP allows no
 * worker script. A large layout blocks the page until it is done, which `DEFAULT_MAX_ITEMS` bounds.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api';
import type { GraphItem, GraphModel } from './graphModel';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedItem extends Box {
  readonly item: GraphItem;
}

export interface PlacedEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly tensors: readonly string[];
  /** Polyline from the source box to the target box. */
  readonly points: readonly ElkPoint[];
  /** Bounding box of the points, for finding the edges in view. */
  readonly bounds: Box;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PlacedItem[];
  readonly edges: readonly PlacedEdge[];
}

/** Box height in CSS pixels: two text lines. */
export const ITEM_HEIGHT = 38;
const MIN_WIDTH = 72;
const MAX_WIDTH = 260;
const PADDING = 20;

let elk: InstanceType<typeof ELK> | undefined;

/** Returns the box width that fits the longer of the two lines, measured with `measure`. */
export function itemWidth(item: GraphItem, measure: (text: string) => number): number {
  const text = Math.max(measure(item.title), measure(item.subtitle));
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, text + 2 * 10)));
}

function boundsOf(points: readonly ElkPoint[]): Box {
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Lays out `model`; `measure` returns the width of a text line in CSS pixels. */
export async function layoutGraph(model: GraphModel, measure: (text: string) => number): Promise<GraphLayout> {
  elk ??= new ELK();
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'POLYLINE',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '32',
      'elk.padding': `[top=${PADDING},left=${PADDING},bottom=${PADDING},right=${PADDING}]`,
    },
    children: model.items.map((item) => ({ id: item.id, width: itemWidth(item, measure), height: ITEM_HEIGHT })),
    edges: model.edges.map((edge): ElkExtendedEdge => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const result = await elk.layout(root);

  const byId = new Map(model.items.map((item) => [item.id, item]));
  const items: PlacedItem[] = (result.children ?? []).map((child) => ({
    item: byId.get(child.id) as GraphItem,
    x: child.x ?? 0,
    y: child.y ?? 0,
    width: child.width ?? MIN_WIDTH,
    height: child.height ?? ITEM_HEIGHT,
  }));

  const edgeById = new Map(model.edges.map((edge) => [edge.id, edge]));
  const edges: PlacedEdge[] = [];
  for (const laidOut of result.edges ?? []) {
    const edge = edgeById.get(laidOut.id);
    const section = (laidOut as ElkExtendedEdge).sections?.[0];
    if (edge === undefined || section === undefined) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    edges.push({ ...edge, points, bounds: boundsOf(points) });
  }
  return { width: result.width ?? 0, height: result.height ?? 0, items, edges };
}

/** Returns whether two boxes overlap. */
export function intersects(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}
