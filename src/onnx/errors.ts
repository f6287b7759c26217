/** An ONNX file or buffer that is malformed, unsupported, or unsafe to read. */
export class OnnxFormatError extends Error {
  override readonly name = 'OnnxFormatError';

  constructor(
    message: string,
    /** The file the problem is about, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}
