/** Invalid command-line usage: a bad flag, value or missing argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
