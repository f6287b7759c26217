#!/usr/bin/python3
"""Translate sample sentences from package descriptions that have no French translation in DDTP.

The corpus only contains descriptions translated on both sides. The same sentence can still occur
in the translated description of another package, so sentences found in train.en are skipped.
Prints a Markdown table of beam-search translations for the model card.
"""

import argparse
import hashlib
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "marian"))
import modeling  # noqa: E402  (tools/marian/modeling.py)

import data  # noqa: E402
import decoding  # noqa: E402
import prepare_data  # noqa: E402


def untranslated_sentences(lists, train_english):
    """Return first sentences of long descriptions that have an English entry but no French one."""
    english = prepare_data.read_translations(
        prepare_data.read_lz4(prepare_data.find_one(lists, prepare_data.TRANSLATION_GLOB.format(lang="en"))), "en"
    )
    french = prepare_data.read_translations(
        prepare_data.read_lz4(prepare_data.find_one(lists, prepare_data.TRANSLATION_GLOB.format(lang="fr"))), "fr"
    )
    sentences = set()
    for md5, (_, _, long_lines) in english.items():
        if md5 in french:
            continue
        paragraphs = prepare_data.split_paragraphs(long_lines)
        if not paragraphs:
            continue
        first = prepare_data.split_sentences(prepare_data.split_items(paragraphs[0])[0])[0]
        if 40 <= len(first) <= 110 and first not in train_english:
            sentences.add(first)
    return sorted(sentences)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", default=".cache/ddtp/run/final", help="folder written by modeling.save_pretrained")
    parser.add_argument("--spm", default=".cache/ddtp/spm/spm.model")
    parser.add_argument("--lists", default=prepare_data.DEFAULT_LISTS, help="apt lists folder containing the .lz4 files")
    parser.add_argument("--data", default=".cache/ddtp", help="folder with train.en")
    parser.add_argument("--count", type=int, default=8, help="number of sample sentences")
    args = parser.parse_args()

    torch.set_num_threads(2)
    train_english = set(data.read_lines(pathlib.Path(args.data) / "train.en"))
    candidates = untranslated_sentences(pathlib.Path(args.lists), train_english)
    # A hash order picks a spread of packages that stays the same between runs.
    candidates.sort(key=lambda text: hashlib.sha256(text.encode("utf-8")).hexdigest())
    chosen = candidates[: args.count]

    model = modeling.load_pretrained(args.checkpoint)
    tokenizer = data.Tokenizer(args.spm)
    translations = decoding.translate(model, tokenizer, chosen, 4, model.config.max_position_embeddings - 1)
    print("| English (not in the corpus) | Model output, beam 4 |")
    print("|---|---|")
    for source, target in zip(chosen, translations):
        print(f"| {source} | {target} |")


if __name__ == "__main__":
    main()
