/** Access to the host: the API object VS Code injects into every webview, and incoming messages. */

/** The object returned by `acquireVsCodeApi()`; it may be acquired only once per page. */
export interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): State;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** Acquires the VS Code API. Call it once, at start-up. */
export function acquireApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}

/**
 * Calls `handler` for every message from the host that is an object with a string `type`; anything else is
 * dropped. The caller checks the `type` against its message union. Returns a function that stops listening.
 */
export function onHostMessage<Message extends { readonly type: string }>(
  handler: (message: Message) => void,
): () => void {
  const listener = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (data === null || typeof data !== 'object') return;
    if (typeof (data as { type?: unknown }).type !== 'string') return;
    handler(data as Message);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}
