/**
 * Names of the graph outputs that instrumentation adds. They are deterministic, so a capture run can
 * ask ONNX Runtime for them by name:
 *
 *   lens.attn.<stack>.<kind>.<layer>   attention probabilities, e.g. `lens.attn.decoder.cross.3`
 *   lens.ffn.<stack>.<layer>           feed-forward activations, e.g. `lens.ffn.encoder.0`
 *
 * `<stack>` is `encoder`, `decoder` or `unknown`, `<kind>` is `self` or `cross`, and `<layer>` is the
 * 0-based layer index. When two tensors would get the same name, the later ones get `.2`, `.3`, …
 * appended in the order they were requested.
 */
import type { LocatedTensor } from './locate';

/** Prefix of every added output; the reader rejects models that already use it. */
export const CAPTURE_OUTPUT_PREFIX = 'lens.';

/** Returns the base output name for a located tensor (without a duplicate suffix). */
export function captureOutputName(tensor: Pick<LocatedTensor, 'role' | 'stack' | 'kind' | 'layer'>): string {
  if (tensor.role === 'attention') {
    return `${CAPTURE_OUTPUT_PREFIX}attn.${tensor.stack}.${tensor.kind ?? 'self'}.${tensor.layer}`;
  }
  return `${CAPTURE_OUTPUT_PREFIX}ffn.${tensor.stack}.${tensor.layer}`;
}

/** Returns `base`, or `base.2`, `base.3`, … when taken; records the returned name in `taken`. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) name = `${base}.${suffix}`;
  taken.add(name);
  return name;
}
