/**
 * The model folder view: `config.json`, `generation_config.json` and a summary of each `.onnx` file, with
 * a button that opens the file in the model editor.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { FolderModelView, FolderView, InspectorToHostMessage, JsonFileView } from '../../src/protocol/inspector-messages';
import { html } from '../common/dom';
import { code, dataTable, section } from './elements';
import { formatBytes, formatCount } from './format';
import type { Strings } from './strings';
import { roleText, seq2seqTable, valueTable } from './summaryView';

function jsonSection(strings: Strings, file: JsonFileView): HTMLElement {
  if (file.status === 'missing') return section(file.fileName, html('p', { class: 'hint' }, strings.t('jsonMissing', file.fileName)));
  if (file.status === 'invalid') {
    return section(file.fileName, html('p', { class: 'error-text', role: 'alert' }, strings.t('jsonInvalid', file.fileName, file.error)));
  }
  return section(
    file.fileName,
    dataTable(
      file.fileName,
      [strings.t('columnKey'), strings.t('columnValue')],
      file.entries.map((entry) => [code(entry.key), code(entry.value)]),
    ),
  );
}

function modelArticle(strings: Strings, entry: FolderModelView, post: (message: InspectorToHostMessage) => void): HTMLElement {
  const open = html('vscode-button', { secondary: true, 'data-open-model': entry.path }, strings.t('folderOpen', entry.path));
  open.addEventListener('click', () => post({ type: 'openModel', path: entry.path }));
  const heading = html('h3', {}, code(entry.path), ' ', html('span', { class: 'hint' }, formatBytes(entry.fileSize)));

  if (entry.summary === null) {
    return html('article', { class: 'folder-model', 'data-path': entry.path }, heading, html('p', { class: 'error-text', role: 'alert' }, entry.error ?? ''), open);
  }
  const summary = entry.summary;
  const opsets = summary.opsetImports.map((opset) => `${opset.domain} ${opset.version}`).join(', ');
  const line = strings.t(
    'summaryLine',
    formatCount(summary.nodeCount),
    formatCount(summary.parameterCount),
    formatBytes(summary.parameterBytes),
    summary.irVersion,
    opsets,
  );
  return html(
    'article',
    { class: 'folder-model', 'data-path': entry.path },
    heading,
    html('p', {}, `${roleText(strings, summary.seq2seq.role)} · ${line}`),
    open,
    html(
      'details',
      {},
      html('summary', {}, strings.t('sectionSeq2Seq')),
      seq2seqTable(strings, summary.seq2seq),
      html('h4', {}, strings.t('sectionInputs')),
      valueTable(strings, strings.t('sectionInputs'), summary.inputs),
      html('h4', {}, strings.t('sectionOutputs')),
      valueTable(strings, strings.t('sectionOutputs'), summary.outputs),
    ),
  );
}

/** Renders the folder view. */
export function renderFolder(strings: Strings, folder: FolderView, post: (message: InspectorToHostMessage) => void): HTMLElement {
  const models =
    folder.models.length === 0
      ? [html('p', { class: 'hint' }, strings.t('folderNoModels'))]
      : folder.models.map((entry) => modelArticle(strings, entry, post));
  if (folder.skippedModels > 0) models.push(html('p', { class: 'notice' }, strings.t('folderSkipped', folder.skippedModels)));
  return html(
    'div',
    { class: 'folder-view' },
    html('h1', {}, strings.t('folderTitle', folder.folder)),
    section(strings.t('folderModels'), ...models),
    jsonSection(strings, folder.config),
    jsonSection(strings, folder.generationConfig),
  );
}
