/**
 * The beam search tree in SVG: one column per step, one node per beam record (kept, finished or pruned),
 * an edge from each node to the beam it extends, and the best hypothesis's path outlined.
 */
import type { Hypothesis, Trace } from '../../src/protocol/trace';
import { svg } from '../common/dom';
import { figureSvg } from '../common/figure';
import { appendSvgLabel, labelText, measureLabel, measureText } from '../common/labels';
import { beamTreeNodes, type BeamNode } from './generationData';
import { pieceLabel } from './pieces';
import type { Strings } from './strings';
import { START_KEY, tokenKey } from './tokens';

const NODE_HEIGHT = 30;
const ROW_PITCH = 38;
const COLUMN_GAP = 28;
const PADDING = 4;

function scoreText(node: BeamNode): string {
  return node.record === null ? '0.00' : node.record.cumulativeLogprob.toFixed(2);
}

function nodeLabel(trace: Trace, node: BeamNode) {
  return pieceLabel(node.record === null ? (trace.final.decoderInput[0]?.piece ?? '') : node.record.token.piece);
}

function nodeTitle(trace: Trace, node: BeamNode, strings: Strings): string {
  if (node.record === null) return strings.t('startToken');
  const status = { alive: 'beamAlive', finished: 'beamFinished', pruned: 'beamPruned' } as const;
  return strings.t(
    'beamNode',
    node.step,
    node.row,
    labelText(nodeLabel(trace, node)),
    scoreText(node),
    strings.t(status[node.record.status]),
  );
}

/** Token key of a node on the best path (the start token for the first column), undefined elsewhere. */
function nodeKey(node: BeamNode): string | undefined {
  if (!node.onBestPath) return undefined;
  if (node.record === null) return START_KEY;
  return tokenKey('tgt', node.step);
}

function drawNode(trace: Trace, node: BeamNode, x: number, y: number, width: number, strings: Strings): SVGGElement {
  const status = node.record?.status ?? 'alive';
  const key = nodeKey(node);
  const group = svg('g', {
    class: `beam-node beam-${status}${node.onBestPath ? ' on-path' : ''}`,
    'data-token': key,
    'data-select': key,
  });
  group.appendChild(svg('title', {}, nodeTitle(trace, node, strings)));
  group.appendChild(svg('rect', { class: 'beam-box', x, y, width, height: NODE_HEIGHT, rx: 3 }));
  if (status === 'finished') {
    group.appendChild(svg('rect', { class: 'beam-box-inner', x: x + 2, y: y + 2, width: width - 4, height: NODE_HEIGHT - 4, rx: 2 }));
  }

  const token = svg('text', { class: 'beam-token', x: x + 6, y: y + 10, 'dominant-baseline': 'central' });
  appendSvgLabel(token, nodeLabel(trace, node));
  group.appendChild(token);
  group.appendChild(svg('text', { class: 'beam-score', x: x + 6, y: y + 22, 'dominant-baseline': 'central' }, scoreText(node)));
  return group;
}

/** Draws the tree; `best` is the hypothesis whose path is outlined and linked to target token keys. */
export function renderBeamTree(trace: Trace, best: Hypothesis | undefined, strings: Strings, ariaLabel: string): SVGSVGElement {
  const nodes = beamTreeNodes(trace, best);
  const nodeWidth = Math.ceil(
    nodes.reduce((max, node) => Math.max(max, measureLabel(nodeLabel(trace, node)), measureText(scoreText(node))), 0) + 14,
  );
  const columnPitch = nodeWidth + COLUMN_GAP;
  const rows = nodes.reduce((max, node) => Math.max(max, node.row + 1), 1);
  const columns = trace.steps.length + 1;
  const width = PADDING * 2 + columns * columnPitch - COLUMN_GAP;
  const height = PADDING * 2 + rows * ROW_PITCH - (ROW_PITCH - NODE_HEIGHT);

  const root = figureSvg('beam-tree', width, height, ariaLabel);
  const xOf = (column: number): number => PADDING + column * columnPitch;
  const yOf = (row: number): number => PADDING + row * ROW_PITCH;

  const edges = svg('g', { class: 'beam-edges' });
  for (const node of nodes) {
    if (node.parentRow === null || node.record === null) continue;
    const x1 = xOf(node.column - 1) + nodeWidth;
    const y1 = yOf(node.parentRow) + NODE_HEIGHT / 2;
    const x2 = xOf(node.column);
    const y2 = yOf(node.row) + NODE_HEIGHT / 2;
    const middle = (x1 + x2) / 2;
    edges.appendChild(
      svg('path', {
        class: `beam-edge beam-${node.record.status}${node.onBestPath ? ' on-path' : ''}`,
        d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`,
      }),
    );
  }
  root.appendChild(edges);

  for (const node of nodes) root.appendChild(drawNode(trace, node, xOf(node.column), yOf(node.row), nodeWidth, strings));
  return root;
}
