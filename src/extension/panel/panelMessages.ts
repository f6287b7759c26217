/**
 * Checks messages from the panel webview before the host acts on them, and turns exported images into
 * file bytes. The webview is our own code, but its messages cross a process boundary as untyped JSON.
 * No `vscode` import.
 */
import type { PanelToHostMessage } from '../../protocol/messages';
import { ExtensionError } from '../errors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Returns the message when it has a known `type` and valid fields, else `undefined`. */
export function parsePanelMessage(value: unknown): PanelToHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'exportTrace':
      return { type: 'exportTrace' };
    case 'exportImage': {
      const { format, data, suggestedName } = value;
      if ((format !== 'png' && format !== 'svg') || typeof data !== 'string' || typeof suggestedName !== 'string') {
        return undefined;
      }
      return { type: 'exportImage', format, data, suggestedName };
    }
    default:
      return undefined;
  }
}

const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Converts an exported image (PNG data URL or SVG text) to the bytes of its file. */
export function imageFileBytes(format: 'png' | 'svg', data: string): Uint8Array {
  if (format === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)) {
      throw new ExtensionError(`The panel sent an SVG export that does not start with <svg: "${data.slice(0, 40)}".`);
    }
    return new TextEncoder().encode(data);
  }

  if (!data.startsWith(PNG_DATA_URL_PREFIX)) {
    throw new ExtensionError(`The panel sent a PNG export that is not a base64 PNG data URL: "${data.slice(0, 40)}".`);
  }
  const bytes = Buffer.from(data.slice(PNG_DATA_URL_PREFIX.length), 'base64');
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw new ExtensionError('The panel sent a PNG export without the PNG file signature.');
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Makes a file name from the panel's suggestion: path separators and control characters are replaced, and
 * the extension `ext` is added when missing.
 */
export function exportFileName(suggested: string, ext: string): string {
  let name = suggested.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim();
  if (name === '' || /^\.+$/.test(name)) name = 'seq2seq-lens';
  return name.toLowerCase().endsWith(`.${ext}`) ? name : `${name}.${ext}`;
}
