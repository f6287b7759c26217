#!/usr/bin/python3
"""Compare models/demo-en-fr/tokenizer.json in @huggingface/tokenizers with SentencePiece on test sentences.

Uses tools/marian/tokenizer_json.py's check, which runs the Node package and compares ids, pieces
and decoded text sentence by sentence. Prints how many sentences differ, and in what, and exits
with 1 when more sentences differ in ids than --max-id-differences.
"""

import argparse
import json
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "marian"))
import tokenizer_json  # noqa: E402  (tools/marian/tokenizer_json.py)

import data  # noqa: E402

FAIL_LINE = re.compile(r"^FAIL (\".*\")$")


def failing_sentences(report):
    """Map each failing sentence of the check's report to the kinds of difference listed under it."""
    failures = {}
    current = None
    for line in report.splitlines():
        match = FAIL_LINE.match(line)
        if match:
            current = json.loads(match.group(1))
            failures[current] = set()
        elif current is not None and line.startswith("  "):
            failures[current].add(line.split()[0])
    return failures


def compare(spm_path, model_dir, sentences):
    """Return {sentence: set of differing fields ('ids', 'pieces', 'decoded')} for sentences that differ."""
    try:
        tokenizer_json.check_against_sentencepiece(str(spm_path), str(model_dir), sentences)
    except tokenizer_json.TokenizerConversionError as error:
        return failing_sentences(str(error))
    return {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spm", default=".cache/ddtp/spm/spm.model")
    parser.add_argument("--model", default="models/demo-en-fr", help="folder with tokenizer.json")
    parser.add_argument("--data", default=".cache/ddtp", help="folder with test.en and test.fr")
    parser.add_argument("--max-id-differences", type=int, default=0, help="number of sentences allowed to differ in ids")
    args = parser.parse_args()

    english, french = data.load_split(args.data, "test")
    sentences = english + french
    failures = compare(args.spm, args.model, sentences)
    id_failures = [text for text, fields in failures.items() if "ids" in fields]
    decoded_failures = [text for text, fields in failures.items() if "decoded" in fields]
    print(f"{len(sentences)} test sentences (English and French sides)")
    print(f"{len(sentences) - len(id_failures)} give the same ids, {len(id_failures)} differ in ids")
    print(f"{len(decoded_failures)} differ in decoded text")
    for text in id_failures:
        print(f"  ids differ: {text!r}")
    if len(id_failures) > args.max_id_differences:
        sys.exit(f"{len(id_failures)} sentences differ in ids, more than --max-id-differences {args.max_id_differences}")


if __name__ == "__main__":
    main()
