/**
 * Classifies an error from a command into what the user is shown. No `vscode` import.
 */
import { DecodingCancelledError, DecodingOptionsError, ModelLoadError } from '../translate';
import { type ErrorAction, ExtensionError } from './errors';

export type ErrorInfo =
  /** The user cancelled; nothing to report. */
  | { readonly kind: 'cancelled' }
  /** `message` is shown as is; `action` is offered next to it. */
  | { readonly kind: 'error'; readonly message: string; readonly action?: ErrorAction; readonly unexpected: boolean };

export function describeError(error: unknown): ErrorInfo {
  if (error instanceof DecodingCancelledError) return { kind: 'cancelled' };
  if (error instanceof ModelLoadError) return { kind: 'error', message: error.message, action: 'selectModel', unexpected: false };
  if (error instanceof DecodingOptionsError) return { kind: 'error', message: error.message, action: 'openSettings', unexpected: false };
  if (error instanceof ExtensionError) return { kind: 'error', message: error.message, action: error.action, unexpected: false };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'error', message, unexpected: true };
}
