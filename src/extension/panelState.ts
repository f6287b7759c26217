/**
 * State shown by the side panel: the last trace and the status of the current run. Commands write it and
 * the panel provider listens. No `vscode` import.
 */
import type { Trace } from '../protocol/trace';

export interface RunStatus {
  readonly busy: boolean;
  /** Short localized status line. */
  readonly text: string;
}

export type PanelStateChange = 'trace' | 'status';

export class PanelState {
  private currentTrace: Trace | null = null;
  private currentStatus: RunStatus = { busy: false, text: '' };
  private readonly listeners = new Set<(change: PanelStateChange) => void>();

  get trace(): Trace | null {
    return this.currentTrace;
  }

  get status(): RunStatus {
    return this.currentStatus;
  }

  setTrace(trace: Trace | null): void {
    this.currentTrace = trace;
    this.notify('trace');
  }

  setStatus(status: RunStatus): void {
    this.currentStatus = status;
    this.notify('status');
  }

  onDidChange(listener: (change: PanelStateChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private notify(change: PanelStateChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
