/**
 * The role of an exported seq2seq model file, judged by its input and output names as Hugging Face
 * Optimum writes them (`input_ids`, `encoder_hidden_states`, `past_key_values.N.*`, `use_cache_branch`,
 * `present.N.*`).
 */
import type { OnnxGraph } from './model-types';

export type ModelRole = 'encoder' | 'decoder' | 'decoder-with-past' | 'decoder-merged' | 'unknown';

/** Cache input names: `past_key_values.3.decoder.key`, `past_key_values.3.key`, … */
export const PAST_INPUT_PATTERN = /^past_key_values\.(\d+)\./;
/** Cache output names: `present.3.decoder.key`, `present.3.key`, … */
export const PRESENT_OUTPUT_PATTERN = /^present\.(\d+)\./;

const ENCODER_STATE_INPUTS = new Set(['encoder_hidden_states', 'encoder_outputs']);
const TOKEN_INPUTS = new Set(['input_ids', 'decoder_input_ids', 'inputs_embeds', 'input_features']);

/** Returns the role of the model whose main graph is `graph`. */
export function detectModelRole(graph: OnnxGraph): ModelRole {
  const inputs = graph.inputs.map((value) => value.name);
  const outputs = graph.outputs.map((value) => value.name);

  if (inputs.includes('use_cache_branch')) return 'decoder-merged';
  if (inputs.some((name) => PAST_INPUT_PATTERN.test(name))) return 'decoder-with-past';
  if (inputs.some((name) => ENCODER_STATE_INPUTS.has(name))) return 'decoder';
  const takesTokens = inputs.some((name) => TOKEN_INPUTS.has(name));
  if (takesTokens && (outputs.includes('last_hidden_state') || outputs.includes('encoder_hidden_states'))) {
    return 'encoder';
  }
  return 'unknown';
}

/** Returns the stack a role belongs to, used to label tensors whose node names carry no stack hint. */
export function stackOfRole(role: ModelRole): 'encoder' | 'decoder' | 'unknown' {
  if (role === 'encoder') return 'encoder';
  if (role === 'unknown') return 'unknown';
  return 'decoder';
}
