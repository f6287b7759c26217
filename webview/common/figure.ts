/** The root `<svg>` of a figure: sized in CSS pixels, labelled for screen readers, in the figure font. */
import { svg, type Attributes } from './dom';
import { FIGURE_FONT_SIZE } from './labels';

/** Creates a figure root with class `figure-svg` plus `className`. `extra` adds attributes such as tabindex. */
export function figureSvg(className: string, width: number, height: number, ariaLabel: string, extra: Attributes = {}): SVGSVGElement {
  return svg('svg', {
    role: 'group',
    ...extra,
    class: `figure-svg ${className}`,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'aria-label': ariaLabel,
    'font-size': FIGURE_FONT_SIZE,
  });
}
