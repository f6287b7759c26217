/** Input and output names of Optimum / transformers.js encoder-decoder exports. */
export const IO = {
  inputIds: 'input_ids',
  attentionMask: 'attention_mask',
  lastHiddenState: 'last_hidden_state',
  encoderAttentionMask: 'encoder_attention_mask',
  encoderHiddenStates: 'encoder_hidden_states',
  useCacheBranch: 'use_cache_branch',
  logits: 'logits',
} as const;
