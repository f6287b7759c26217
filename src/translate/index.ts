export { Translator } from './translator';
export type * from './types';
export { ModelLoadError } from '../model/errors';
export { DecodingCancelledError, DecodingError, DecodingOptionsError } from '../decoding/errors';
