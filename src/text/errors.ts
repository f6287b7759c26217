/** Invalid input to text splitting, joining or batching, such as the wrong number of translations. */
export class TextError extends Error {
  override readonly name = 'TextError';
}
