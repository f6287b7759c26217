/**
 * The inspector page: the model editor (tabs for summary, initializers, nodes and graph) or the model
 * folder view, depending on what the host sends. The state is kept with `setState` across hide and show.
 */
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { FolderView, HostToInspectorMessage, InspectorToHostMessage, ModelView } from '../../src/protocol/inspector-messages';
import { clear, html } from '../common/dom';
import type { VsCodeApi } from '../common/vscodeApi';
import { renderFolder } from './folderView';
import { formatBytes, formatCount } from './format';
import { renderGraph } from './graphView';
import { renderInitializers, type InitializerTab, type StatsEntry } from './initializerView';
import { renderNodes } from './nodeView';
import { INSPECTOR_TABS, restoreState, type InspectorState, type InspectorTab } from './state';
import { Strings, type StringKey } from './strings';
import { renderSummary } from './summaryView';
import type { InspectorContext } from './viewContext';

const TAB_NAMES: Readonly<Record<InspectorTab, StringKey>> = {
  summary: 'tabSummary',
  initializers: 'tabInitializers',
  nodes: 'tabNodes',
  graph: 'tabGraph',
};

type Content =
  | { readonly kind: 'loading' }
  | { readonly kind: 'model'; readonly model: ModelView }
  | { readonly kind: 'error'; readonly fileName: string; readonly message: string }
  | { readonly kind: 'folder'; readonly folder: FolderView };

export class InspectorApp {
  private state: InspectorState;
  private content: Content = { kind: 'loading' };
  private readonly strings = new Strings();
  private readonly stats = new Map<string, StatsEntry>();
  private statsShown: string | null = null;
  private initializerTab: InitializerTab | null = null;
  private disposeTab: (() => void) | null = null;

  private readonly header = html('header', { class: 'inspector-header' });
  private readonly main = html('main', { class: 'inspector-main' });
  private readonly headers = INSPECTOR_TABS.map((tab) => html('vscode-tab-header', { 'data-tab': tab }));
  private readonly panels = INSPECTOR_TABS.map((tab) => html('div', { class: 'tab-content', 'data-tab': tab }));
  private readonly tabs = html('vscode-tabs', {}, ...this.headers, ...this.panels.map((panel) => html('vscode-tab-panel', {}, panel)));

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi<unknown>,
  ) {
    this.state = restoreState(api.getState());
    this.tabs.selectedIndex = INSPECTOR_TABS.indexOf(this.state.tab);
    this.tabs.addEventListener('vsc-tabs-select', (event) => this.update({ tab: INSPECTOR_TABS[event.detail.selectedIndex] }));
    root.append(this.header, this.main);
    this.render();
  }

  /** Handles one message from the extension host. */
  handleMessage(message: HostToInspectorMessage): void {
    switch (message.type) {
      case 'strings':
        this.strings.update(message.strings);
        this.render();
        break;
      case 'model':
        this.content = { kind: 'model', model: message.model };
        this.stats.clear();
        this.render();
        break;
      case 'loadError':
        this.content = { kind: 'error', fileName: message.fileName, message: message.message };
        this.render();
        break;
      case 'folder':
        this.content = { kind: 'folder', folder: message.folder };
        this.update({ folderUri: message.folder.folderUri }, false);
        this.render();
        break;
      case 'tensorStats': {
        const entry: StatsEntry =
          message.stats !== null ? { status: 'done', stats: message.stats } : { status: 'failed', error: message.error ?? '' };
        this.stats.set(message.name, entry);
        this.statsShown = message.name;
        this.initializerTab?.showStats(message.name, entry);
        break;
      }
    }
  }

  private post(message: InspectorToHostMessage): void {
    if (message.type === 'requestStats') {
      this.stats.set(message.name, { status: 'pending' });
      this.statsShown = message.name;
    }
    this.api.postMessage(message);
  }

  private update(patch: Partial<InspectorState>, rebuild = true): void {
    this.state = { ...this.state, ...patch };
    this.api.setState(this.state);
    if (rebuild) this.renderActiveTab();
  }

  private render(): void {
    clear(this.header);
    clear(this.main);
    const content = this.content;
    switch (content.kind) {
      case 'loading':
        this.main.appendChild(html('p', { class: 'hint', role: 'status' }, this.strings.t('loading')));
        return;
      case 'error':
        this.disposeActiveTab();
        this.main.appendChild(html('p', { class: 'load-error', role: 'alert' }, this.strings.t('loadError', content.fileName, content.message)));
        return;
      case 'folder':
        this.main.appendChild(renderFolder(this.strings, content.folder, (message) => this.post(message)));
        return;
      case 'model':
        this.header.append(html('h1', {}, content.model.fileName), html('p', { class: 'hint' }, this.summaryLine(content.model)));
        INSPECTOR_TABS.forEach((tab, i) => {
          this.headers[i].textContent = this.strings.t(TAB_NAMES[tab]);
        });
        this.main.appendChild(this.tabs);
        this.renderActiveTab();
        return;
    }
  }

  private summaryLine(model: ModelView): string {
    const opsets = model.opsetImports.map((opset) => `${opset.domain} ${opset.version}`).join(', ');
    return this.strings.t(
      'summaryLine',
      formatCount(model.nodeCount),
      formatCount(model.parameters.elementCount),
      formatBytes(model.parameters.byteCount),
      model.irVersion,
      opsets,
    );
  }

  private disposeActiveTab(): void {
    this.disposeTab?.();
    this.disposeTab = null;
    this.initializerTab = null;
    for (const panel of this.panels) clear(panel);
  }

  /** Rebuilds the active tab; the other tabs stay empty until they are shown. */
  private renderActiveTab(): void {
    this.disposeActiveTab();
    if (this.content.kind !== 'model') return;
    const context: InspectorContext = {
      model: this.content.model,
      state: this.state,
      strings: this.strings,
      update: (patch, rebuild) => this.update(patch, rebuild),
      post: (message) => this.post(message),
    };
    const panel = this.panels[INSPECTOR_TABS.indexOf(this.state.tab)];
    try {
      switch (this.state.tab) {
        case 'summary':
          panel.appendChild(renderSummary(this.strings, context.model));
          break;
        case 'initializers':
          this.initializerTab = renderInitializers(context, this.stats, this.statsShown);
          panel.appendChild(this.initializerTab.element);
          break;
        case 'nodes':
          panel.appendChild(renderNodes(context));
          break;
        case 'graph': {
          const tab = renderGraph(context);
          this.disposeTab = tab.dispose;
          panel.appendChild(tab.element);
          break;
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      panel.appendChild(html('p', { class: 'load-error', role: 'alert' }, this.strings.t('renderError', message)));
    }
  }
}
