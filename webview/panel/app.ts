/**
 * The side panel application: tabs for the generation, attention and feed-forward views of the last trace,
 * an export toolbar, and the state kept across hide and show.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { HostToPanelMessage, PanelToHostMessage } from '../../src/protocol/messages';
import type { Trace } from '../../src/protocol/trace';
import { DisposableStore } from '../common/disposables';
import { clear, html } from '../common/dom';
import { HighlightController } from '../common/highlight';
import { composeSvgDocument, svgToPngDataUrl } from '../common/svgExport';
import { readTheme, watchTheme, type Theme } from '../common/theme';
import type { VsCodeApi } from '../common/vscodeApi';
import { renderAttentionView } from './attentionView';
import { renderFfnView } from './ffnView';
import { renderGenerationView } from './generationView';
import { PANEL_TABS, restoreState, type PanelState, type PanelTab } from './state';
import { Strings, type StringKey } from './strings';
import { reviveTrace } from './traceInput';
import type { RenderedView, ViewContext } from './viewContext';

const TAB_NAMES: Readonly<Record<PanelTab, StringKey>> = {
  generation: 'tabGeneration',
  attention: 'tabAttention',
  ffn: 'tabFeedForward',
};

const RENDERERS: Readonly<Record<PanelTab, (context: ViewContext) => RenderedView>> = {
  generation: renderGenerationView,
  attention: renderAttentionView,
  ffn: renderFfnView,
};

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class PanelApp {
  private trace: Trace | null = null;
  /** Error message of the last unreadable trace, shown in place of the empty-panel text. */
  private loadError: string | null = null;
  private state: PanelState;
  private theme: Theme;
  private current: RenderedView | null = null;
  private readonly strings = new Strings();
  private readonly highlight: HighlightController;
  private readonly viewDisposables = new DisposableStore();

  private readonly status = html('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly summary = html('div', { class: 'model-summary' });
  private readonly notice = html('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  private readonly empty = html('p', { class: 'empty' });
  private readonly buttons = {
    png: html('vscode-button', { secondary: true, 'data-action': 'export-png' }),
    svg: html('vscode-button', { secondary: true, 'data-action': 'export-svg' }),
    trace: html('vscode-button', { secondary: true, 'data-action': 'export-trace' }),
  };
  private readonly toolbar = html('div', { class: 'toolbar' }, this.buttons.png, this.buttons.svg, this.buttons.trace);
  private readonly headers = PANEL_TABS.map((tab) => html('vscode-tab-header', { 'data-tab': tab }));
  private readonly contents = PANEL_TABS.map((tab) => html('div', { class: 'tab-content', 'data-tab': tab }));
  private readonly tabs = html(
    'vscode-tabs',
    {},
    ...this.headers,
    ...this.contents.map((content) => html('vscode-tab-panel', {}, content)),
  );

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi<unknown>,
  ) {
    this.state = restoreState(api.getState());
    this.theme = readTheme();
    this.highlight = new HighlightController(root);
    this.highlight.select(this.state.selected);

    this.tabs.selectedIndex = PANEL_TABS.indexOf(this.state.tab);
    root.append(html('header', { class: 'panel-header' }, this.status, this.summary, this.toolbar, this.notice), this.empty, this.tabs);
    this.applyStrings();
    this.showTrace();

    this.tabs.addEventListener('vsc-tabs-select', (event) => this.update({ tab: PANEL_TABS[event.detail.selectedIndex] }));
    this.buttons.png.addEventListener('click', () => void this.exportImage('png'));
    this.buttons.svg.addEventListener('click', () => void this.exportImage('svg'));
    this.buttons.trace.addEventListener('click', () => this.post({ type: 'exportTrace' }));
    this.highlight.subscribe((_hovered, selected) => {
      if (selected !== this.state.selected) this.save({ ...this.state, selected });
    });
    watchTheme(() => {
      this.theme = readTheme();
      this.renderActive();
    });
  }

  /** Handles one message from the extension host. */
  handleMessage(message: HostToPanelMessage): void {
    switch (message.type) {
      case 'trace':
        this.setTrace(message.trace);
        break;
      case 'status':
        this.status.textContent = message.text;
        this.root.setAttribute('aria-busy', String(message.busy));
        this.root.classList.toggle('is-busy', message.busy);
        break;
      case 'strings':
        this.strings.update(message.strings);
        this.applyStrings();
        this.showTrace();
        break;
    }
  }

  private setTrace(input: unknown): void {
    this.notice.textContent = '';
    this.loadError = null;
    try {
      this.trace = input === null ? null : reviveTrace(input);
    } catch (error) {
      this.trace = null;
      this.loadError = errorMessage(error);
    }
    this.showTrace();
  }

  private showTrace(): void {
    const trace = this.trace;
    this.empty.hidden = trace !== null;
    this.tabs.hidden = trace === null;
    this.toolbar.hidden = trace === null;
    this.summary.textContent =
      trace === null
        ? ''
        : this.strings.t('modelSummary', trace.model.id, trace.model.encoderLayers, trace.model.decoderLayers, trace.options.numBeams);
    this.empty.textContent = this.loadError === null ? this.strings.t('emptyTrace') : this.strings.t('renderError', this.loadError);
    this.renderActive();
  }

  private applyStrings(): void {
    PANEL_TABS.forEach((tab, i) => {
      this.headers[i].textContent = this.strings.t(TAB_NAMES[tab]);
    });
    this.buttons.png.textContent = this.strings.t('exportPng');
    this.buttons.svg.textContent = this.strings.t('exportSvg');
    this.buttons.trace.textContent = this.strings.t('exportTrace');
  }

  private update(patch: Partial<PanelState>, rebuild = true): void {
    this.save({ ...this.state, ...patch });
    if (rebuild) this.renderActive();
  }

  private save(state: PanelState): void {
    this.state = state;
    this.api.setState(state);
  }

  /** Rebuilds the active tab. The other tabs stay empty until they are shown. */
  private renderActive(): void {
    this.viewDisposables.dispose();
    this.current = null;
    for (const content of this.contents) clear(content);
    if (this.trace === null) return;

    const content = this.contents[PANEL_TABS.indexOf(this.state.tab)];
    const context: ViewContext = {
      trace: this.trace,
      state: this.state,
      strings: this.strings,
      theme: this.theme,
      highlight: this.highlight,
      disposables: this.viewDisposables,
      update: (patch, rebuild) => this.update(patch, rebuild),
    };
    try {
      this.current = RENDERERS[this.state.tab](context);
      content.appendChild(this.current.element);
    } catch (error) {
      content.appendChild(html('p', { class: 'render-error', role: 'alert' }, this.strings.t('renderError', errorMessage(error))));
    }
    this.highlight.refresh();
  }

  private async exportImage(format: 'png' | 'svg'): Promise<void> {
    this.notice.textContent = '';
    const figures = this.current?.figures() ?? [];
    if (this.current === null || figures.length === 0) {
      this.notice.textContent = this.strings.t('exportEmpty');
      return;
    }
    try {
      const document = composeSvgDocument(figures, this.theme);
      const data = format === 'svg' ? document.text : await svgToPngDataUrl(document.text, document.width, document.height);
      this.post({ type: 'exportImage', format, data, suggestedName: `${this.current.exportName}.${format}` });
    } catch (error) {
      this.notice.textContent = this.strings.t('exportFailed', errorMessage(error));
    }
  }

  private post(message: PanelToHostMessage): void {
    this.api.postMessage(message);
  }
}
