/**
 * Labels read from node and tensor names. Exporters name nodes after module paths
 * (`/model/decoder/layers.3/encoder_attn/Softmax`, T5's `/decoder/block.3/layer.1/EncDecAttention/…`),
 * and the prefix depends on which module was the export root, so these are hints, never exact paths.
 */

export type Stack = 'encoder' | 'decoder' | 'unknown';
export type AttentionKind = 'self' | 'cross';

export interface NameHints {
  readonly stack?: 'encoder' | 'decoder';
  readonly kind?: AttentionKind;
  readonly layer?: number;
}

const CROSS_PATTERN = /encoder_attn|encdecattention|cross_?attn|cross_?attention/i;
const SELF_PATTERN = /self_?attn|selfattention|self_attention/i;
/** A path segment exactly `encoder` or `decoder`, so `encoder_attn` does not count. */
const STACK_PATTERN = /(?:^|[/.:])(encoder|decoder)(?=$|[/.:])/i;
/** Layer index patterns, most specific first: T5 puts `layer.N` (sub-layer) inside `block.N`. */
const LAYER_PATTERNS = [/(?:^|[/._])layers[._](\d+)(?=$|[/._])/, /(?:^|[/._])blocks?[._](\d+)(?=$|[/._])/, /(?:^|[/._])layer[._](\d+)(?=$|[/._])/];

/** Reads stack, attention kind and layer from names; the first name that gives a field wins. */
export function readNameHints(names: readonly string[]): NameHints {
  let stack: 'encoder' | 'decoder' | undefined;
  let kind: AttentionKind | undefined;
  let layer: number | undefined;
  for (const name of names) {
    if (stack === undefined) {
      const match = STACK_PATTERN.exec(name);
      if (match) stack = match[1].toLowerCase() as 'encoder' | 'decoder';
    }
    if (kind === undefined) {
      if (CROSS_PATTERN.test(name)) kind = 'cross';
      else if (SELF_PATTERN.test(name)) kind = 'self';
    }
    if (layer === undefined) {
      for (const pattern of LAYER_PATTERNS) {
        const match = pattern.exec(name);
        if (match) {
          layer = Number(match[1]);
          break;
        }
      }
    }
  }
  return { stack, kind, layer };
}
