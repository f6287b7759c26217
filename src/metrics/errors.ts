/** Metric inputs or options that are invalid, such as hypotheses and references of different lengths. */
export class MetricsError extends Error {
  override readonly name = 'MetricsError';
}
