/** Inputs and outputs of every panel view. */
import type { Trace } from '../../src/protocol/trace';
import type { DisposableStore } from '../common/disposables';
import type { HighlightController } from '../common/highlight';
import type { ExportFigure } from '../common/svgExport';
import type { Theme } from '../common/theme';
import type { PanelState } from './state';
import type { Strings } from './strings';

export interface ViewContext {
  readonly trace: Trace;
  readonly state: PanelState;
  readonly strings: Strings;
  readonly theme: Theme;
  readonly highlight: HighlightController;
  /** Clean-up run before the view is rebuilt (listeners on the highlight controller, for example). */
  readonly disposables: DisposableStore;
  /** Saves a state change and rebuilds the view, unless `rebuild` is false (the view updated itself). */
  update(patch: Partial<PanelState>, rebuild?: boolean): void;
}

export interface RenderedView {
  readonly element: HTMLElement;
  /** Returns the figures that "Export PNG/SVG" writes now, top to bottom. */
  readonly figures: () => readonly ExportFigure[];
  /** Name without extension suggested for exported images, e.g. "attention-cross-layer-1-mean". */
  readonly exportName: string;
}
