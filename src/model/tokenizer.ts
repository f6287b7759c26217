import { Tokenizer } from '@huggingface/tokenizers';
import { join } from 'node:path';
import { ModelLoadError } from './errors';
import { readJsonObject } from './json-file';

/** The model's tokenizer, read from tokenizer.json by @huggingface/tokenizers. */
export class TextTokenizer {
  private constructor(
    private readonly tokenizer: Tokenizer,
    /** Ids that decoding drops from text: pad, eos, unk markers and other special tokens. */
    readonly specialIds: ReadonlySet<number>,
  ) {}

  /** Reads tokenizer.json (required) and tokenizer_config.json / special_tokens_map.json (optional). */
  static async load(dir: string): Promise<TextTokenizer> {
    const tokenizerPath = join(dir, 'tokenizer.json');
    const tokenizerJson = await readJsonObject(tokenizerPath, true);
    const tokenizerConfig = (await readJsonObject(join(dir, 'tokenizer_config.json'), false)) ?? {};
    await readJsonObject(join(dir, 'special_tokens_map.json'), false);

    let tokenizer: Tokenizer;
    try {
      tokenizer = new Tokenizer(tokenizerJson as object, tokenizerConfig);
    } catch (error) {
      throw new ModelLoadError(
        `Malformed tokenizer.json: @huggingface/tokenizers could not build it (${(error as Error).message}).`,
        tokenizerPath,
      );
    }

    const specialIds = new Set<number>();
    for (const [id, token] of tokenizer.get_added_tokens_decoder()) {
      if (token.special) specialIds.add(id);
    }
    return new TextTokenizer(tokenizer, specialIds);
  }

  /** Token ids of `text`, with the special tokens the tokenizer's post-processor adds (e.g. `</s>`). */
  encode(text: string): number[] {
    return this.tokenizer.encode(text).ids;
  }

  /** Text of `ids`, special tokens skipped. */
  decode(ids: readonly number[]): string {
    return this.tokenizer.decode([...ids], { skip_special_tokens: true });
  }

  /** Returns the vocabulary piece of `id` (e.g. "▁Hello"), or `<id>` when the id is outside the vocabulary. */
  piece(id: number): string {
    return this.tokenizer.id_to_token(id) ?? `<${id}>`;
  }

  tokenId(piece: string): number | undefined {
    return this.tokenizer.token_to_id(piece);
  }
}
