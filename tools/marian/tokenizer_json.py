"""Convert a SentencePiece unigram model into Hugging Face tokenizer files, in the opus-mt id layout.

Ids: the SentencePiece ids unchanged (the model must be trained with `</s>` = 0 and `<unk>` = 1,
no `<s>` and no pad), then optional filler pieces, then `<pad>` as the last id. opus-mt models use
this layout, so pad_token_id = decoder_start_token_id = vocab_size - 1.

tokenizer.json: Unigram model with [piece, score] pairs and unk_id 1, a normalizer built from the
SentencePiece normalizer spec, Metaspace pre-tokenizer and decoder, and a post-processor that
appends `</s>`.

Usage:
    /usr/bin/python3 tools/marian/tokenizer_json.py --spm spm.model --out DIR [--vocab-size N]
        [--check-text FILE]
The check encodes sample sentences with SentencePiece and with @huggingface/tokenizers
(through check_tokenizer.mjs) and fails on any difference in pieces, ids or decoded text.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import tempfile

import sentencepiece
from sentencepiece import sentencepiece_model_pb2

EOS_TOKEN = "</s>"
UNK_TOKEN = "<unk>"
PAD_TOKEN = "<pad>"
METASPACE = "\u2581"
# Filler pieces start with a private-use character, so ordinary text never matches them.
FILLER_PREFIX = "\ue000filler"
CHECK_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_tokenizer.mjs")

SAMPLE_SENTENCES = [
    "Hello world.",
    "The cat sat on the mat, and the dog barked twice!",
    "  Leading and trailing spaces,   and  runs of spaces.  ",
    "Le chat est sur la table ; il dort depuis midi.",
    "Numbers: 3.14, 42 and 1,000,000.",
    "Ligatures ﬁ and full-width ＡＢＣ are normalized.",
    "Unseen characters: 漢字 and emoji 🙂.",
]


class TokenizerConversionError(Exception):
    """A SentencePiece model that cannot be expressed in the opus-mt tokenizer layout."""


def load_spm_proto(path: str) -> sentencepiece_model_pb2.ModelProto:
    proto = sentencepiece_model_pb2.ModelProto()
    with open(path, "rb") as handle:
        proto.ParseFromString(handle.read())
    return proto


def validate_layout(proto: sentencepiece_model_pb2.ModelProto, path: str) -> None:
    """Raise unless the model is unigram with `</s>` = 0, `<unk>` = 1 and no `<s>` or pad piece."""
    trainer = proto.trainer_spec
    if trainer.model_type != sentencepiece_model_pb2.TrainerSpec.UNIGRAM:
        raise TokenizerConversionError(f"{path}: model_type {trainer.model_type} is not unigram; train with --model_type=unigram")
    expected = {"eos_id": 0, "unk_id": 1, "bos_id": -1, "pad_id": -1}
    for field, value in expected.items():
        if getattr(trainer, field) != value:
            raise TokenizerConversionError(
                f"{path}: {field} is {getattr(trainer, field)}, expected {value}; "
                "train with eos_id=0 unk_id=1 bos_id=-1 pad_id=-1 as opus-mt does"
            )
    if trainer.byte_fallback:
        raise TokenizerConversionError(f"{path}: byte_fallback is on; retrain with byte_fallback=false")


def build_normalizer(proto: sentencepiece_model_pb2.ModelProto) -> dict | None:
    """Translate the SentencePiece normalizer spec into a tokenizers normalizer.

    nmt_nfkc becomes Precompiled (with the charsmap), nfkc becomes NFKC and identity adds nothing.
    remove_extra_whitespaces becomes Strip plus a Replace of space runs with one space.
    """
    spec = proto.normalizer_spec
    steps = []
    if spec.name in ("nmt_nfkc", "nmt_nfkc_cf"):
        if spec.name == "nmt_nfkc_cf":
            raise TokenizerConversionError("normalizer nmt_nfkc_cf (case folding) is not supported; use nmt_nfkc")
        charsmap = base64.b64encode(spec.precompiled_charsmap).decode("ascii")
        steps.append({"type": "Precompiled", "precompiled_charsmap": charsmap})
    elif spec.name == "nfkc":
        steps.append({"type": "NFKC"})
    elif spec.name != "identity":
        raise TokenizerConversionError(f"normalizer {spec.name!r} is not supported; use nmt_nfkc, nfkc or identity")
    if spec.remove_extra_whitespaces:
        steps.append({"type": "Strip", "strip_left": True, "strip_right": True})
        steps.append({"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "})
    if not steps:
        return None
    return {"type": "Sequence", "normalizers": steps}


def build_vocab(proto: sentencepiece_model_pb2.ModelProto, vocab_size: int | None) -> list[list]:
    """Return [[piece, score], ...]: SentencePiece pieces, filler pieces, then `<pad>`."""
    pieces = [[piece.piece, float(piece.score)] for piece in proto.pieces]
    normal_scores = [
        piece.score for piece in proto.pieces if piece.type == sentencepiece_model_pb2.ModelProto.SentencePiece.NORMAL
    ]
    natural_size = len(pieces) + 1
    if vocab_size is not None and vocab_size < natural_size:
        raise TokenizerConversionError(
            f"vocab_size {vocab_size} is smaller than the {natural_size} ids the model needs "
            "(SentencePiece pieces + <pad>); request at least that many"
        )
    # Fillers take the lowest real score: a lower one would also lower the unknown-piece penalty
    # (min score - 10) that tokenizers derives from the vocabulary.
    filler_score = min(normal_scores)
    filler_count = (vocab_size or natural_size) - natural_size
    pieces += [[f"{FILLER_PREFIX}{index}", filler_score] for index in range(filler_count)]
    pieces.append([PAD_TOKEN, 0.0])
    return pieces


def added_token(token_id: int, content: str) -> dict:
    return {
        "id": token_id,
        "content": content,
        "single_word": False,
        "lstrip": False,
        "rstrip": False,
        "normalized": False,
        "special": True,
    }


def build_tokenizer_json(proto: sentencepiece_model_pb2.ModelProto, vocab_size: int | None) -> dict:
    vocab = build_vocab(proto, vocab_size)
    pad_id = len(vocab) - 1
    prepend_scheme = "always" if proto.normalizer_spec.add_dummy_prefix else "never"
    metaspace = {"type": "Metaspace", "replacement": METASPACE, "prepend_scheme": prepend_scheme, "split": True}
    eos = {"id": EOS_TOKEN, "ids": [0], "tokens": [EOS_TOKEN]}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added_token(0, EOS_TOKEN), added_token(1, UNK_TOKEN), added_token(pad_id, PAD_TOKEN)],
        "normalizer": build_normalizer(proto),
        "pre_tokenizer": metaspace,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": EOS_TOKEN, "type_id": 0}}],
            "pair": [
                {"Sequence": {"id": "A", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 0}},
                {"SpecialToken": {"id": EOS_TOKEN, "type_id": 0}},
            ],
            "special_tokens": {EOS_TOKEN: eos},
        },
        "decoder": dict(metaspace),
        "model": {"type": "Unigram", "unk_id": 1, "vocab": vocab, "byte_fallback": False},
    }


def build_tokenizer_config(pad_id: int, model_max_length: int) -> dict:
    return {
        "added_tokens_decoder": {
            str(token_id): {key: value for key, value in added_token(token_id, content).items() if key != "id"}
            for token_id, content in ((0, EOS_TOKEN), (1, UNK_TOKEN), (pad_id, PAD_TOKEN))
        },
        "clean_up_tokenization_spaces": False,
        "eos_token": EOS_TOKEN,
        "model_max_length": model_max_length,
        "pad_token": PAD_TOKEN,
        "separate_vocabs": False,
        "sp_model_kwargs": {},
        "tokenizer_class": "MarianTokenizer",
        "unk_token": UNK_TOKEN,
    }


def write_json(path: str, value: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def write_tokenizer_files(spm_path: str, out_dir: str, vocab_size: int | None = None,
                          model_max_length: int = 512) -> int:
    """Write tokenizer.json, tokenizer_config.json and special_tokens_map.json; return the vocabulary size."""
    proto = load_spm_proto(spm_path)
    validate_layout(proto, spm_path)
    tokenizer = build_tokenizer_json(proto, vocab_size)
    size = len(tokenizer["model"]["vocab"])
    os.makedirs(out_dir, exist_ok=True)
    write_json(os.path.join(out_dir, "tokenizer.json"), tokenizer)
    write_json(os.path.join(out_dir, "tokenizer_config.json"), build_tokenizer_config(size - 1, model_max_length))
    write_json(
        os.path.join(out_dir, "special_tokens_map.json"),
        {"eos_token": EOS_TOKEN, "pad_token": PAD_TOKEN, "unk_token": UNK_TOKEN},
    )
    return size


def check_against_sentencepiece(spm_path: str, out_dir: str, sentences: list[str]) -> None:
    """Encode `sentences` with SentencePiece and with tokenizer.json in Node; raise on any difference."""
    processor = sentencepiece.SentencePieceProcessor(model_file=spm_path)
    cases = []
    for text in sentences:
        ids = processor.encode(text) + [processor.eos_id()]
        cases.append({
            "text": text,
            "ids": ids,
            "pieces": [processor.id_to_piece(token_id) for token_id in ids],
            "decoded": processor.decode(ids[:-1]),
        })
    with tempfile.TemporaryDirectory() as scratch:
        cases_path = os.path.join(scratch, "cases.json")
        write_json(cases_path, {"cases": cases})
        tokenizer_path = os.path.join(out_dir, "tokenizer.json")
        completed = subprocess.run(["node", CHECK_SCRIPT, tokenizer_path, cases_path],
                                   capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise TokenizerConversionError(f"tokenizer.json differs from SentencePiece:\n{completed.stdout}{completed.stderr}")
    print(completed.stdout, end="")


def main() -> None:
    parser = argparse.ArgumentParser(description="Convert a SentencePiece unigram model to tokenizer.json.")
    parser.add_argument("--spm", required=True, help="SentencePiece .model file")
    parser.add_argument("--out", required=True, help="folder for tokenizer.json and the two config files")
    parser.add_argument("--vocab-size", type=int, help="pad the vocabulary with filler pieces to this many ids")
    parser.add_argument("--model-max-length", type=int, default=512, help="model_max_length in tokens")
    parser.add_argument("--check-text", help="file with one sample sentence per line for the check")
    parser.add_argument("--no-check", action="store_true", help="skip the comparison with SentencePiece")
    args = parser.parse_args()

    size = write_tokenizer_files(args.spm, args.out, args.vocab_size, args.model_max_length)
    print(f"wrote tokenizer files to {args.out} (vocab_size {size}, pad id {size - 1})")
    if not args.no_check:
        sentences = SAMPLE_SENTENCES
        if args.check_text:
            with open(args.check_text, encoding="utf-8") as handle:
                sentences = [line.rstrip("\n") for line in handle if line.strip()]
        check_against_sentencepiece(args.spm, args.out, sentences)


if __name__ == "__main__":
    main()
