import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const TINY = join(ROOT, 'test', 'fixtures', 'models', 'marian-tiny');

export interface ReferenceSentence {
  readonly text: string;
  readonly input_ids: number[];
  /** Decoder start token, then the PyTorch greedy tokens. */
  readonly greedy_ids: number[];
  readonly finished: boolean;
  readonly first_step_logits_head: number[];
}

export interface Reference {
  readonly sentences: ReferenceSentence[];
  readonly attention: {
    readonly sentence_index: number;
    readonly decoder_input_ids: number[];
    readonly encoder_self: number[][][][];
    readonly decoder_self: number[][][][];
    readonly cross: number[][][][];
  };
}

/** PyTorch reference values written by tools/fixtures/make_fixtures.py. */
export function loadReference(): Reference {
  return JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'reference', 'marian-tiny.json'), 'utf8')) as Reference;
}
