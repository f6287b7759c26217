export { batchSegments } from './batch';
export { TextError } from './errors';
export { joinText } from './join';
export { splitText } from './split';
export type { LineWrap, Segment, Segmented, Template } from './types';
