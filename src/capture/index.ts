export { CaptureError } from './errors';
export { createInstrumenter, instrumentWithLocator, type GraphInstrumentFn, type InstrumentedGraph, type Instrumenter } from './instrument';
export { captureKey, EMPTY_PLAN, type CaptureKey, type CapturePlan, type CaptureTarget } from './plan';
export { TraceRecorder, type RecorderContext } from './recorder';
export { ActivationView, AttentionView, summarizeActivations } from './tensors';
