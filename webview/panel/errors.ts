/** Raised when a trace does not have the structure the panel needs; the message names the part and the fix. */
export class TraceViewError extends Error {
  override readonly name = 'TraceViewError';
}
