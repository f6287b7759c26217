/** Action that the error notification offers the user to fix the problem. */
export type ErrorAction = 'selectModel' | 'openSettings';

/** A setting, a model path or an editor state the extension cannot work with. */
export class ExtensionError extends Error {
  override readonly name = 'ExtensionError';

  constructor(
    message: string,
    /** The action to offer next to the message, when one helps. */
    readonly action?: ErrorAction,
  ) {
    super(message);
  }
}
