/** A captured tensor does not have the shape the trace format needs. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
}
