#!/usr/bin/python3
"""Write test/fixtures/demo/eval-sample.json: the first test segments with system outputs and Python scores.

It gives the TypeScript metrics exact values to match: corpus chrF and BLEU of each system on the
sample, computed by metrics.py. The outputs come from evaluate.py's files in .cache/ddtp/eval/.
"""

import argparse
import json
import pathlib

import data
import metrics

SYSTEMS = ("greedy", "beam4")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=".cache/ddtp", help="folder with test.en and test.fr")
    parser.add_argument("--eval", default=".cache/ddtp/eval", help="folder with evaluate.py's <system>.fr files")
    parser.add_argument("--count", type=int, default=200, help="number of test segments in the sample")
    parser.add_argument("--out", default="test/fixtures/demo/eval-sample.json")
    args = parser.parse_args()

    english, french = data.load_split(args.data, "test")
    english, french = english[: args.count], french[: args.count]
    outputs = {}
    for system in SYSTEMS:
        lines = data.read_lines(pathlib.Path(args.eval) / f"{system}.fr")[: args.count]
        if len(lines) != len(french):
            raise ValueError(f"{system}.fr has {len(lines)} lines, expected at least {len(french)}; rerun evaluate.py")
        outputs[system] = lines

    systems = {"copy": english, **outputs}
    scores = {
        name: {"chrF": metrics.corpus_chrf(hypotheses, french), "BLEU": metrics.corpus_bleu(hypotheses, french)}
        for name, hypotheses in systems.items()
    }
    segments = [
        {"source": english[i], "reference": french[i], **{name: outputs[name][i] for name in SYSTEMS}}
        for i in range(len(french))
    ]
    fixture = {
        "description": (
            f"First {len(french)} test segments of the DDTP split with PyTorch outputs of models/demo-en-fr "
            "(tools/train/evaluate.py). scores are corpus chrF (char 6-grams, beta 2, whitespace removed) and "
            "BLEU (13a tokenization, exp smoothing) from tools/train/metrics.py, unrounded. "
            "The copy system uses the source text itself as the hypothesis."
        ),
        "scores": scores,
        "segments": segments,
    }
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = json.dumps(fixture, indent=1, ensure_ascii=False)
    out.write_text(lines + "\n", encoding="utf-8")
    for name, values in scores.items():
        print(f"{name:7s} chrF {values['chrF']:.4f}  BLEU {values['BLEU']:.4f}")


if __name__ == "__main__":
    main()
