/**
 * The Summary tab: model fields, the seq2seq summary, inputs and outputs, the operator histogram and the
 * parameter totals. Also renders the seq2seq and I/O parts of a file in the folder view.
 */
import type { CaptureSupportView, ModelView, Seq2SeqView, ValueView } from '../../src/protocol/inspector-messages';
import { html } from '../common/dom';
import { code, dataTable, fieldTable, section } from './elements';
import { formatBytes, formatCount, shapeText } from './format';
import type { StringKey, Strings } from './strings';

const ROLE_KEYS: Readonly<Record<string, StringKey>> = {
  encoder: 'roleEncoder',
  decoder: 'roleDecoder',
  'decoder-with-past': 'roleDecoderWithPast',
  'decoder-merged': 'roleDecoderMerged',
  unknown: 'roleUnknown',
};

function orUnknown(strings: Strings, value: number | null): string {
  return value === null ? strings.t('unknownValue') : formatCount(value);
}

function captureText(strings: Strings, support: CaptureSupportView): string {
  return support.unavailableReason === null
    ? strings.t('captureSupported', support.tensorCount)
    : strings.t('captureUnsupported', support.unavailableReason);
}

function nameList(strings: Strings, names: readonly string[]): HTMLElement | string {
  if (names.length === 0) return strings.t('noneValue');
  return html('ul', { class: 'name-list' }, ...names.map((name) => html('li', {}, code(name))));
}

/** Returns the localized name of a file's role, e.g. "Encoder". */
export function roleText(strings: Strings, role: string): string {
  return strings.t(ROLE_KEYS[role] ?? 'roleUnknown');
}

/** The seq2seq facts of one file: role, sizes, KV cache and capture support. */
export function seq2seqTable(strings: Strings, seq2seq: Seq2SeqView): HTMLTableElement {
  return fieldTable([
    [strings.t('fieldRole'), roleText(strings, seq2seq.role)],
    [strings.t('fieldLayers'), orUnknown(strings, seq2seq.layers)],
    [strings.t('fieldHeads'), orUnknown(strings, seq2seq.heads)],
    [strings.t('fieldDModel'), orUnknown(strings, seq2seq.dModel)],
    [strings.t('fieldVocab'), orUnknown(strings, seq2seq.vocabSize)],
    [strings.t('fieldCacheInputs'), nameList(strings, seq2seq.kvCacheInputs)],
    [strings.t('fieldCacheOutputs'), nameList(strings, seq2seq.kvCacheOutputs)],
    [strings.t('fieldAttentionCapture'), captureText(strings, seq2seq.attention)],
    [strings.t('fieldFfnCapture'), captureText(strings, seq2seq.ffn)],
  ]);
}

/** A table of graph inputs or outputs: name, type and shape with symbolic dimensions by name. */
export function valueTable(strings: Strings, caption: string, values: readonly ValueView[]): HTMLElement {
  if (values.length === 0) return html('p', { class: 'hint' }, strings.t('noneValue'));
  return dataTable(
    caption,
    [strings.t('columnName'), strings.t('columnType'), strings.t('columnShape')],
    values.map((value) => [code(value.name), value.type, code(shapeText(value.shape))]),
  );
}

function opsetText(model: Pick<ModelView, 'opsetImports'>): string {
  return model.opsetImports.map((opset) => `${opset.domain} ${opset.version}`).join(', ');
}

function producerText(model: Pick<ModelView, 'producerName' | 'producerVersion'>): string {
  return [model.producerName, model.producerVersion].filter((part) => part !== '').join(' ');
}

function modelSection(strings: Strings, model: ModelView): HTMLElement {
  const none = strings.t('noneValue');
  return section(
    strings.t('sectionModel'),
    fieldTable([
      [strings.t('fieldFile'), code(model.fileName)],
      [strings.t('fieldFileSize'), `${formatBytes(model.fileSize)} (${formatCount(model.fileSize)} B)`],
      [strings.t('fieldIrVersion'), String(model.irVersion)],
      [strings.t('fieldOpsets'), opsetText(model) || none],
      [strings.t('fieldProducer'), producerText(model) || none],
      [strings.t('fieldDomain'), model.domain || none],
      [strings.t('fieldModelVersion'), String(model.modelVersion)],
      [strings.t('fieldDescription'), model.docString === '' ? none : html('pre', { class: 'doc-string' }, model.docString)],
      [strings.t('fieldNodes'), formatCount(model.nodeCount)],
      [strings.t('fieldSubgraphs'), formatCount(model.subgraphCount)],
      [strings.t('fieldFunctions'), formatCount(model.functionCount)],
    ]),
    model.metadataProps.length === 0
      ? null
      : dataTable(
          strings.t('sectionMetadata'),
          [strings.t('columnKey'), strings.t('columnValue')],
          model.metadataProps.map((entry) => [code(entry.key), entry.value]),
        ),
  );
}

function externalSection(strings: Strings, model: ModelView): HTMLElement | null {
  if (model.externalDataFiles.length === 0) return null;
  const status = (exists: boolean | null): string => {
    if (exists === null) return strings.t('fileUnchecked');
    return exists ? strings.t('fileFound') : strings.t('fileMissing');
  };
  return section(
    strings.t('sectionExternalData'),
    dataTable(
      strings.t('sectionExternalData'),
      [strings.t('columnLocation'), strings.t('columnTensors'), strings.t('columnBytes'), strings.t('columnStatus')],
      model.externalDataFiles.map((file) => [code(file.location), formatCount(file.tensorCount), formatBytes(file.byteCount), status(file.exists)]),
    ),
  );
}

function operatorSection(strings: Strings, model: ModelView): HTMLElement {
  const domains = model.opHistogram.map((domain) => {
    const max = domain.ops[0]?.count ?? 1;
    const title = strings.t('domainNodes', domain.domain, formatCount(domain.nodeCount));
    return html(
      'div',
      { class: 'domain-ops' },
      html('h3', {}, title),
      dataTable(
        title,
        [strings.t('columnOperator'), strings.t('columnCount')],
        domain.ops.map((op) => [
          code(op.opType),
          html(
            'span',
            { class: 'count-cell' },
            html('span', { class: 'count-bar', 'data-fraction': (op.count / max).toFixed(3), 'aria-hidden': 'true' }),
            formatCount(op.count),
          ),
        ]),
      ),
    );
  });
  return section(strings.t('sectionOperators'), ...domains);
}

function parameterSection(strings: Strings, model: ModelView): HTMLElement {
  const { parameters } = model;
  return section(
    strings.t('sectionParameters'),
    html('p', {}, strings.t('parameterTotal', formatCount(parameters.elementCount), formatBytes(parameters.byteCount))),
    dataTable(
      strings.t('sectionParameters'),
      [strings.t('columnDtype'), strings.t('columnTensors'), strings.t('columnElements'), strings.t('columnBytes')],
      parameters.byDtype.map((total) => [total.dtype, formatCount(total.tensorCount), formatCount(total.elementCount), formatBytes(total.byteCount)]),
    ),
  );
}

/** Renders the Summary tab. */
export function renderSummary(strings: Strings, model: ModelView): HTMLElement {
  const warnings =
    model.warnings.length === 0
      ? null
      : section(strings.t('sectionWarnings'), html('ul', { class: 'warnings', role: 'list' }, ...model.warnings.map((warning) => html('li', {}, warning))));
  const element = html(
    'div',
    { class: 'summary-view' },
    warnings,
    modelSection(strings, model),
    section(strings.t('sectionSeq2Seq'), seq2seqTable(strings, model.seq2seq)),
    section(strings.t('sectionInputs'), valueTable(strings, strings.t('sectionInputs'), model.inputs)),
    section(strings.t('sectionOutputs'), valueTable(strings, strings.t('sectionOutputs'), model.outputs)),
    operatorSection(strings, model),
    parameterSection(strings, model),
    externalSection(strings, model),
  );
  applyBarWidths(element);
  return element;
}

/**
 * Sets the operator bars' widths from their `data-fraction` through CSSOM: the page's CSP has no
 * 'unsafe-inline' style source, so a `style` attribute in markup would be ignored.
 */
function applyBarWidths(root: HTMLElement): void {
  for (const bar of root.querySelectorAll<HTMLElement>('.count-bar')) {
    bar.style.width = `${Number(bar.dataset.fraction) * 6}em`;
  }
}
