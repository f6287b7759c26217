/**
 * Messages between the extension host and the side panel webview. Both sides import this union, so a
 * message that one side sends and the other does not handle is a type error.
 */
import type { Trace } from './trace';

/** Messages from the extension host to the panel. */
export type HostToPanelMessage =
  /** The trace to show; `null` clears the panel. */
  | { readonly type: 'trace'; readonly trace: Trace | null }
  /** A run is in progress (`busy`) or finished; `text` is a short, localized status line. */
  | { readonly type: 'status'; readonly busy: boolean; readonly text: string }
  /** Localized UI strings, sent once after `ready`, because webviews cannot call `vscode.l10n`. */
  | { readonly type: 'strings'; readonly strings: Readonly<Record<string, string>> };

/** Messages from the panel to the extension host. */
export type PanelToHostMessage =
  /** The panel script loaded and can receive messages. */
  | { readonly type: 'ready' }
  /** Save the current trace as JSON through a save dialog. */
  | { readonly type: 'exportTrace' }
  /** Save an image of the current view; `data` is an SVG document or a PNG data URL. */
  | {
      readonly type: 'exportImage';
      readonly format: 'png' | 'svg';
      readonly data: string;
      readonly suggestedName: string;
    };
