/** Decoding options that are invalid on their own or together. */
export class DecodingOptionsError extends Error {
  override readonly name = 'DecodingOptionsError';
}

/** A run stopped because its AbortSignal fired; its tensors were released. */
export class DecodingCancelledError extends Error {
  override readonly name = 'DecodingCancelledError';

  constructor(message = 'Translation cancelled.') {
    super(message);
  }
}

/** Decoding failed for a reason other than its options (e.g. the model returned an unexpected shape). */
export class DecodingError extends Error {
  override readonly name = 'DecodingError';
}
