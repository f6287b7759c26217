#!/usr/bin/python3
"""Score the copy-the-source baseline, PyTorch greedy search and PyTorch beam search on the test split.

Writes each system's output to <out>/<system>.fr and all scores to <out>/scores.json. Scores are
corpus chrF and BLEU from metrics.py (sacreBLEU 2.x definitions, reimplemented in Python).
"""

import argparse
import json
import pathlib
import sys
import time

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "marian"))
import modeling  # noqa: E402  (tools/marian/modeling.py)

import data  # noqa: E402
import decoding  # noqa: E402
import metrics  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", default=".cache/ddtp/run/final", help="folder written by modeling.save_pretrained")
    parser.add_argument("--spm", default=".cache/ddtp/spm/spm.model")
    parser.add_argument("--data", default=".cache/ddtp", help="folder with test.en and test.fr")
    parser.add_argument("--out", default=".cache/ddtp/eval", help="folder for system outputs and scores.json")
    parser.add_argument("--limit", type=int, help="score only the first N test segments")
    parser.add_argument("--max-length", type=int, default=256, help="generation max_length (start token included)")
    parser.add_argument("--systems", default="copy,greedy,beam4", help="comma-separated list of copy, greedy, beam4")
    args = parser.parse_args()

    torch.set_num_threads(2)
    english, french = data.load_split(args.data, "test")
    if args.limit is not None:
        english, french = english[: args.limit], french[: args.limit]
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    model = modeling.load_pretrained(args.checkpoint)
    tokenizer = data.Tokenizer(args.spm)
    max_new_tokens = args.max_length - 1
    systems = {
        "copy": lambda: list(english),
        "greedy": lambda: decoding.translate(model, tokenizer, english, 1, max_new_tokens),
        "beam4": lambda: decoding.translate(model, tokenizer, english, 4, max_new_tokens),
    }
    requested = args.systems.split(",")
    unknown = [name for name in requested if name not in systems]
    if unknown:
        parser.error(f"--systems contains unknown names {unknown}; use copy, greedy and beam4")

    scores_path = out / "scores.json"
    scores = json.loads(scores_path.read_text(encoding="utf-8")) if scores_path.exists() else {}
    for name in requested:
        started = time.time()
        hypotheses = systems[name]()
        seconds = time.time() - started
        (out / f"{name}.fr").write_text("\n".join(hypotheses) + "\n", encoding="utf-8")
        scores[name] = {
            "chrF": round(metrics.corpus_chrf(hypotheses, french), 2),
            "BLEU": round(metrics.corpus_bleu(hypotheses, french), 2),
            "segments": len(french),
            "seconds": round(seconds, 1),
        }
        print(f"{name:7s} chrF {scores[name]['chrF']:6.2f}  BLEU {scores[name]['BLEU']:6.2f}  ({len(french)} segments, {seconds:.0f} s)", flush=True)
    scores_path.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
