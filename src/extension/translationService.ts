/**
 * Runs one translation for a command: resolves the model from the settings, loads it when needed and
 * translates under a cancellable progress notification, then logs the statistics and keeps the trace.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { pathContext } from './configuration';
import { resolveModelPath } from './modelList';
import type { ModelManager, ModelSpec } from './modelManager';
import type { PanelState } from './panelState';
import { withCancellableProgress } from './progress';
import { type LensSettings, toCaptureRequest, toGenerationOverrides, toLoadOptions } from './settings';
import { type TextRunResult, translateTexts } from './translateTexts';

/** NOTE: batch limits are estimates that keep one `translate` call short; they are not tuned per model. */
const MAX_BATCH_SEGMENTS = 8;
const MAX_BATCH_CHARS = 2000;

export class TranslationService {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly manager: ModelManager,
    private readonly panel: PanelState,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Returns the model folder and load options that `settings` select. */
  modelSpec(settings: LensSettings): ModelSpec {
    const dir = resolveModelPath(settings.model, pathContext(this.extensionUri));
    return { dir, loadOptions: toLoadOptions(settings) };
  }

  /**
   * Translates each of `texts` (long texts in sentence batches). Rejects with `DecodingCancelledError`
   * when the user cancels; the caller applies nothing in that case.
   */
  async translate(texts: readonly string[], settings: LensSettings): Promise<TextRunResult> {
    const spec = this.modelSpec(settings);
    const title = vscode.l10n.t('Seq2Seq Lens');
    this.panel.setStatus({ busy: true, text: vscode.l10n.t('Translating…') });
    let statusText = '';

    try {
      const result = await withCancellableProgress(title, async (signal, report) => {
        if (this.manager.state(spec) !== 'loaded') report(vscode.l10n.t('Loading model {0}…', basename(spec.dir)));

        return this.manager.use(
          spec,
          async (translator) => {
            report(vscode.l10n.t('Translating…'));
            let reportedPercent = 0;
            return translateTexts(translator, texts, {
              overrides: toGenerationOverrides(settings),
              capture: toCaptureRequest(settings),
              maxBatchSegments: MAX_BATCH_SEGMENTS,
              maxBatchChars: MAX_BATCH_CHARS,
              signal,
              onProgress: (done, total) => {
                const percent = (100 * done) / total;
                report(vscode.l10n.t('Translated {0} of {1} segments', done, total), percent - reportedPercent);
                reportedPercent = percent;
              },
            });
          },
          signal,
        );
      });

      const { stats } = result;
      this.log.info(
        `Translated ${texts.length} text(s), ${stats.segments} segment(s), ${stats.generatedTokens} tokens in ` +
          `${stats.steps} steps: encode ${stats.encodeMs.toFixed(0)} ms, decode ${stats.decodeMs.toFixed(0)} ms, ` +
          `ONNX Runtime ${stats.ortMs.toFixed(0)} ms, total ${stats.totalMs.toFixed(0)} ms.`,
      );
      if (result.trace !== undefined) this.panel.setTrace(result.trace);
      statusText = vscode.l10n.t('Translated {0} segments in {1} ms.', stats.segments, Math.round(stats.totalMs));
      return result;
    } finally {
      this.panel.setStatus({ busy: false, text: statusText });
    }
  }
}
