/** A model folder or one of its files is missing, malformed or unsupported. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';

  constructor(
    message: string,
    /** The file the problem is about, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}
