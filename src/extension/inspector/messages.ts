/**
 * Checks messages from the inspector webviews before the host acts on them. The webview is our own code,
 * but its messages cross a process boundary as untyped JSON. No `vscode` import.
 */
import type { InspectorToHostMessage } from '../../protocol/inspector-messages';

/** Maximum length of a tensor name or relative path accepted in a message. */
export const MAX_MESSAGE_TEXT = 4096;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_MESSAGE_TEXT;
}

/** Returns the message when it has a known `type` and valid fields, else `undefined`. */
export function parseInspectorMessage(value: unknown): InspectorToHostMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'requestStats':
      return isText(message.name) ? { type: 'requestStats', name: message.name } : undefined;
    case 'openModel':
      return isText(message.path) ? { type: 'openModel', path: message.path } : undefined;
    default:
      return undefined;
  }
}
