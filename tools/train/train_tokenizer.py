#!/usr/bin/python3
"""Train the shared English-French SentencePiece unigram model on the training split.

Ids follow the opus-mt layout that tools/marian/tokenizer_json.py expects: </s> = 0, <unk> = 1,
no <s> and no pad piece. The converter appends <pad> as the last id, so the model vocabulary is
the SentencePiece size + 1 and pad_token_id = decoder_start_token_id = that size.
"""

import argparse
import pathlib

import sentencepiece as spm

EOS_ID = 0
UNK_ID = 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=".cache/ddtp", help="folder holding train.en and train.fr")
    parser.add_argument("--out", default=".cache/ddtp/spm", help="output folder for spm.model and spm.vocab")
    parser.add_argument("--vocab-size", type=int, default=7999, help="number of SentencePiece pieces, </s> and <unk> included (<pad> comes on top)")
    args = parser.parse_args()

    data = pathlib.Path(args.data)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    # Fixes the sampling of input sentences so a rerun gives the same pieces.
    spm.set_random_generator_seed(1234)
    spm.SentencePieceTrainer.train(
        input=[str(data / "train.en"), str(data / "train.fr")],
        model_prefix=str(out / "spm"),
        model_type="unigram",
        vocab_size=args.vocab_size,
        # Characters outside 99.99 % coverage (a few CJK and symbol characters) map to <unk>.
        character_coverage=0.9999,
        eos_id=EOS_ID,
        unk_id=UNK_ID,
        pad_id=-1,
        bos_id=-1,
        eos_piece="</s>",
        unk_piece="<unk>",
        # NFKC folds compatibility characters (non-breaking spaces before French punctuation,
        # ligatures) so both languages share pieces. The tokenizer.json must apply the same rule.
        normalization_rule_name="nmt_nfkc",
        input_sentence_size=1_000_000,
        shuffle_input_sentence=True,
        num_threads=2,
    )
    print(f"wrote {out / 'spm.model'}")


if __name__ == "__main__":
    main()
