import type { GraphRole, GraphTransform } from '../model';
import { addGraphOutputs } from '../onnx/instrument';
import { locateTensors } from '../onnx/locate';
import { readModel } from '../onnx/read-model';
import { type CaptureKey, type CapturePlan, type CaptureTarget, EMPTY_PLAN } from './plan';

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
  /** Reasons, by capture key, that attention or activations could not be located in this graph. */
  readonly unavailable: Readonly<Record<string, string>>;
}

export type GraphInstrumentFn = (bytes: Uint8Array, role: GraphRole) => InstrumentedGraph;

const ROLE_KEYS: Record<GraphRole, readonly CaptureKey[]> = {
  encoder: ['encoder.self', 'encoder.ffn'],
  decoder: ['decoder.self', 'decoder.cross', 'decoder.ffn'],
  'decoder-merged': ['decoder.self', 'decoder.cross', 'decoder.ffn'],
  'decoder-with-past': ['decoder.self', 'decoder.cross', 'decoder.ffn'],
};

function unavailableFor(role: GraphRole, attentionReason: string | null, ffnReason: string | null): Record<string, string> {
  const reasons: Record<string, string> = {};
  for (const key of ROLE_KEYS[role]) {
    const reason = key.endsWith('.ffn') ? ffnReason : attentionReason;
    if (reason !== null) reasons[key] = `${key.endsWith('.ffn') ? 'activations' : 'attention'} not available: ${reason}`;
  }
  return reasons;
}

/**
 * Locates attention probabilities and feed-forward activations by graph structure and adds them as graph
 * outputs. A graph where nothing is found, or that cannot be instrumented, is kept unchanged and the reason
 * is recorded, so the model still runs.
 */
export const instrumentWithLocator: GraphInstrumentFn = (bytes, role) => {
  try {
    const model = readModel(bytes);
    const located = locateTensors(model);
    if (located.tensors.length === 0) {
      return { bytes, targets: [], unavailable: unavailableFor(role, located.attentionUnavailable, located.ffnUnavailable) };
    }

    const result = addGraphOutputs(bytes, located.tensors, model);
    const roleStack = role === 'encoder' ? 'encoder' : 'decoder';
    const targets: CaptureTarget[] = result.outputs.map((output) => ({
      outputName: output.outputName,
      // Encoder-only exports carry no "encoder" prefix in node names, so the graph's role decides.
      stack: output.stack === 'unknown' ? roleStack : output.stack,
      kind: output.role === 'ffn' ? 'ffn' : (output.kind ?? 'self'),
      layer: output.layer,
    }));
    const skipped = result.skipped.map((entry) => entry.reason).join(' ');
    return {
      bytes: result.bytes,
      targets,
      unavailable: unavailableFor(role, located.attentionUnavailable ?? (skipped || null), located.ffnUnavailable ?? (skipped || null)),
    };
  } catch (error) {
    const reason = `the graph could not be instrumented (${(error as Error).message})`;
    return { bytes, targets: [], unavailable: unavailableFor(role, reason, reason) };
  }
};

/** Creates an instrumenter that collects the targets of every graph it transforms. */
export function createInstrumenter(instrument: GraphInstrumentFn = instrumentWithLocator): Instrumenter {
  let plan: CapturePlan = EMPTY_PLAN;
  return {
    transform: (bytes, role) => {
      const graph = instrument(bytes, role);
      let slot: 'encoder' | 'decoder' | 'withPast' = 'decoder';
      if (role === 'encoder') slot = 'encoder';
      if (role === 'decoder-with-past') slot = 'withPast';
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
