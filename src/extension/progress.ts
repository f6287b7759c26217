/** Runs work under a cancellable progress notification whose Cancel button aborts an AbortSignal. */
import * as vscode from 'vscode';

export type ProgressReporter = (message: string, increment?: number) => void;

export function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: ProgressReporter) => Promise<T>,
): Thenable<T> {
  const options = { location: vscode.ProgressLocation.Notification, title, cancellable: true };
  return vscode.window.withProgress(options, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await work(controller.signal, (message, increment) => progress.report({ message, increment }));
    } finally {
      subscription.dispose();
    }
  });
}
