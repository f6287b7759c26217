/**
 * Turns the `trace` of a host message into a `Trace` with real typed arrays.
 *
 * Structured cloning keeps `Float32Array`s, but a host that serializes messages to JSON turns them into
 * plain objects, and a host that forwards a saved file may send the `traceToJson` form ({ "$f32": base64 }).
 * All three forms are accepted here so that the views can rely on typed arrays.
 */
import { TRACE_FORMAT_VERSION, type Trace } from '../../src/protocol/trace';
import { TraceViewError } from './errors';

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function numbersOf(value: object): number[] {
  return Array.isArray(value) ? (value as number[]) : Object.values(value as Record<string, number>);
}

/** Converts the `data` of a tensor-like object; `integer` picks Int32Array (neuron indices). */
function reviveData(value: unknown, integer: boolean): unknown {
  if (value instanceof Float32Array || value instanceof Int32Array) return value;
  if (value === null || typeof value !== 'object') return value;

  const encoded = value as { $f32?: unknown; $i32?: unknown };
  if (typeof encoded.$f32 === 'string') {
    const bytes = base64ToBytes(encoded.$f32);
    return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
  }
  if (typeof encoded.$i32 === 'string') {
    const bytes = base64ToBytes(encoded.$i32);
    return new Int32Array(bytes.buffer, 0, bytes.byteLength / 4);
  }
  return integer ? Int32Array.from(numbersOf(value)) : Float32Array.from(numbersOf(value));
}

function reviveValue(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => reviveValue(item, ''));
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Float32Array || value instanceof Int32Array) return value;

  const source = value as Record<string, unknown>;
  const isTensor = Array.isArray(source.shape) && 'data' in source;
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(source)) {
    out[name] = isTensor && name === 'data' ? reviveData(item, key === 'topIndices') : reviveValue(item, name);
  }
  return out;
}

/** Returns the trace with typed arrays; throws TraceViewError when the version is not supported. */
export function reviveTrace(value: unknown): Trace {
  const version = (value as { version?: unknown } | null)?.version;
  if (version !== TRACE_FORMAT_VERSION) {
    throw new TraceViewError(
      `unsupported trace version ${JSON.stringify(version)}; this panel reads version ${TRACE_FORMAT_VERSION}, so record the trace again with this version of the extension.`,
    );
  }
  return reviveValue(value, '') as Trace;
}
