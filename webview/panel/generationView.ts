/** The generation tab: source and generated tokens, hypotheses, top-k candidates per step and the beam tree. */
import type { Hypothesis } from '../../src/protocol/trace';
import { renderBarChart, type BarGroup } from '../common/bars';
import { html } from '../common/dom';
import { inlineStyledClone, type ExportFigure } from '../common/svgExport';
import { renderTokenList } from '../common/tokenList';
import { renderBeamTree } from './beamTree';
import { candidatesForStep, hasBeamTree } from './generationData';
import { pieceLabel } from './pieces';
import { sourceAxis, targetAxis, tokenKey, type Axis } from './tokens';
import type { RenderedView, ViewContext } from './viewContext';

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return html('section', { class: 'view-section' }, html('h3', {}, title), ...children);
}

function tokenListOf(axis: Axis, ariaLabel: string, context: ViewContext): HTMLElement {
  const items = axis.labels.map((label, i) => ({
    label,
    key: axis.keys[i],
    description: context.strings.t('tokenPosition', i),
  }));
  return renderTokenList(items, ariaLabel, context.highlight);
}

function hypothesisList(hypotheses: readonly Hypothesis[], context: ViewContext): HTMLElement {
  const items = hypotheses.map((hypothesis, i) =>
    html(
      'li',
      { class: i === 0 ? 'hypothesis is-best' : 'hypothesis' },
      html('span', { class: 'hypothesis-text' }, hypothesis.text),
      html(
        'span',
        { class: 'hypothesis-score' },
        context.strings.t('hypothesisScore', hypothesis.score.toFixed(3), hypothesis.avgLogprob.toFixed(3)),
      ),
    ),
  );
  return html('ol', { class: 'hypotheses' }, ...items);
}

function candidateGroups(context: ViewContext, best: Hypothesis): BarGroup[] {
  return best.tokens.map((token, step) => ({
    title: context.strings.t('candidatesStep', step),
    titleLabel: pieceLabel(token.piece),
    titleKey: tokenKey('tgt', step),
    rows: candidatesForStep(context.trace, best, step).map((candidate) => ({
      label: pieceLabel(candidate.piece),
      value: candidate.prob,
      valueText: `${(candidate.prob * 100).toFixed(1)}%`,
      key: candidate.id === token.id ? tokenKey('tgt', step) : undefined,
      emphasis: candidate.id === token.id,
    })),
  }));
}

function figureOf(title: string, element: SVGSVGElement): ExportFigure {
  return { title, toSvg: () => inlineStyledClone(element) };
}

/** Renders the generation tab for the trace in `context`. */
export function renderGenerationView(context: ViewContext): RenderedView {
  const { trace, strings } = context;
  const best = trace.hypotheses[0];
  const figures: ExportFigure[] = [];
  const element = html('div', { class: 'view generation-view' });

  element.appendChild(section(strings.t('sourceTokens'), tokenListOf(sourceAxis(trace), strings.t('sourceTokens'), context)));
  if (best === undefined) return { element, figures: () => figures, exportName: 'generation' };

  element.appendChild(section(strings.t('targetTokens'), tokenListOf(targetAxis(trace), strings.t('targetTokens'), context)));
  element.appendChild(section(strings.t('hypotheses'), hypothesisList(trace.hypotheses, context)));

  const groups = candidateGroups(context, best);
  if (groups.some((group) => group.rows.length > 0)) {
    const chart = renderBarChart({ groups, ariaLabel: strings.t('candidatesTitle') });
    element.appendChild(section(strings.t('candidatesTitle'), html('div', { class: 'scroll-x' }, chart)));
    figures.push(figureOf(strings.t('candidatesTitle'), chart));
  } else {
    element.appendChild(section(strings.t('candidatesTitle'), html('p', { class: 'hint' }, strings.t('candidatesMissing'))));
  }

  if (hasBeamTree(trace)) {
    const tree = renderBeamTree(trace, best, strings, strings.t('beamTreeTitle'));
    element.appendChild(
      section(
        strings.t('beamTreeTitle'),
        html('p', { class: 'hint' }, strings.t('beamTreeLegend')),
        html('div', { class: 'scroll-x' }, tree),
      ),
    );
    figures.push(figureOf(strings.t('beamTreeTitle'), tree));
  }

  return { element, figures: () => figures, exportName: 'generation' };
}
