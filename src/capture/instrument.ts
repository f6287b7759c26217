import type { GraphRole, GraphTransform } from '../model';
import { type CapturePlan, type CaptureTarget, EMPTY_PLAN } from './plan';

/** A graph transform that adds capture outputs, and the plan it builds while the sessions load. */
export interface Instrumenter {
  readonly transform: GraphTransform;
  /** The plan so far; complete once every session is created. */
  plan(): CapturePlan;
}

/** Per-graph result of instrumentation. */
export interface InstrumentedGraph {
  readonly bytes: Uint8Array;
  readonly targets: readonly CaptureTarget[];
  /** Why attention or activations could not be located in this graph, when they could not. */
  readonly unavailable: Readonly<Record<string, string>>;
}

export type GraphInstrumentFn = (bytes: Uint8Array, role: GraphRole) => InstrumentedGraph;

/** Not yet wired to the ONNX locator: every graph is kept as it is and capture reports the reason. */
const keepGraph: GraphInstrumentFn = (bytes) => ({
  bytes,
  targets: [],
  unavailable: {
    'encoder.self': 'attention not available: graph instrumentation is not wired yet',
    'decoder.self': 'attention not available: graph instrumentation is not wired yet',
    'decoder.cross': 'attention not available: graph instrumentation is not wired yet',
    'encoder.ffn': 'activations not available: graph instrumentation is not wired yet',
    'decoder.ffn': 'activations not available: graph instrumentation is not wired yet',
  },
});

/** Creates an instrumenter that collects the targets of every graph it transforms. */
export function createInstrumenter(instrument: GraphInstrumentFn = keepGraph): Instrumenter {
  let plan: CapturePlan = EMPTY_PLAN;
  return {
    transform: (bytes, role) => {
      const graph = instrument(bytes, role);
      const slot = role === 'encoder' ? 'encoder' : role === 'decoder-with-past' ? 'withPast' : 'decoder';
      plan = {
        ...plan,
        [slot]: [...plan[slot], ...graph.targets],
        unavailable: { ...graph.unavailable, ...plan.unavailable },
      };
      return graph.bytes;
    },
    plan: () => plan,
  };
}
