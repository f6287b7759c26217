#!/usr/bin/python3
"""Write test/fixtures/demo/parity.json: PyTorch greedy ids of the demo model for 50 test sentences.

The TypeScript runtime must give the same source ids with tokenizer.json and the same greedy ids
with the exported ONNX files. Sentences are taken at even steps through the test split, keeping
those of 4 to 48 source tokens on which tokenizer.json and SentencePiece agree in ids and text.
Each sentence is decoded alone (batch 1) with the pad id suppressed, as generation_config's bad_words_ids requires.
"""

import argparse
import json
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "marian"))
import modeling  # noqa: E402  (tools/marian/modeling.py)

import check_tokenizer  # noqa: E402
import data  # noqa: E402

SENTENCE_COUNT = 50
MIN_SOURCE_TOKENS = 4
MAX_SOURCE_TOKENS = 48


@torch.no_grad()
def greedy_with_margins(model, source_ids, max_new_tokens):
    """Return (generated ids ending at </s>, smallest top-1 minus top-2 logit gap over the unforced steps)."""
    config = model.config
    input_ids = torch.tensor([source_ids])  # [1, s]
    attention_mask = torch.ones_like(input_ids)
    encoder_states, _ = model.encode(input_ids, attention_mask)  # [1, s, d]
    next_input = torch.tensor([[config.decoder_start_token_id]])  # [1, 1]
    cache = None
    generated = []
    smallest_margin = float("inf")
    for step in range(max_new_tokens):
        logits, cache, _, _ = model.decode(next_input, encoder_states, attention_mask, cache)
        step_logits = logits[0, -1].clone()  # [V]
        step_logits[config.pad_token_id] = float("-inf")
        if step == max_new_tokens - 1:
            # The last allowed token is forced to </s>, as forced_eos_token_id does in transformers.
            generated.append(config.forced_eos_token_id)
            break
        top = step_logits.topk(2)
        smallest_margin = min(smallest_margin, float(top.values[0] - top.values[1]))
        token = int(top.indices[0])
        generated.append(token)
        if token == config.eos_token_id:
            break
        next_input = torch.tensor([[token]])
    return generated, smallest_margin


def format_fixture(fixture):
    """Return the fixture as JSON with one line per case, so diffs stay readable."""
    header = {key: value for key, value in fixture.items() if key != "cases"}
    lines = [json.dumps(header, indent=1, ensure_ascii=False)[:-2] + ',\n "cases": [']
    case_lines = ["  " + json.dumps(case, ensure_ascii=False) for case in fixture["cases"]]
    lines.append(",\n".join(case_lines))
    lines.append(" ]\n}\n")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", default=".cache/ddtp/run/final", help="folder written by modeling.save_pretrained")
    parser.add_argument("--spm", default=".cache/ddtp/spm/spm.model")
    parser.add_argument("--model", default="models/demo-en-fr", help="exported model folder (tokenizer.json, generation_config.json)")
    parser.add_argument("--data", default=".cache/ddtp", help="folder with test.en and test.fr")
    parser.add_argument("--out", default="test/fixtures/demo/parity.json")
    args = parser.parse_args()

    torch.set_num_threads(2)
    model = modeling.load_pretrained(args.checkpoint)
    tokenizer = data.Tokenizer(args.spm)
    generation = json.loads((pathlib.Path(args.model) / "generation_config.json").read_text(encoding="utf-8"))
    max_new_tokens = generation["max_length"] - 1

    english, french = data.load_split(args.data, "test")
    encoded = tokenizer.encode(english)
    candidates = [i for i, ids in enumerate(encoded) if MIN_SOURCE_TOKENS <= len(ids) <= MAX_SOURCE_TOKENS]
    stride = len(candidates) // (2 * SENTENCE_COUNT)
    candidates = candidates[::stride][: 2 * SENTENCE_COUNT]
    differing = check_tokenizer.compare(args.spm, args.model, [english[i] for i in candidates])
    chosen = [i for i in candidates if english[i] not in differing][:SENTENCE_COUNT]
    if len(chosen) < SENTENCE_COUNT:
        sys.exit(f"only {len(chosen)} usable test sentences found, expected {SENTENCE_COUNT}")

    cases = []
    for index in chosen:
        generated, margin = greedy_with_margins(model, encoded[index], max_new_tokens)
        reference = model.greedy_generate(torch.tensor([encoded[index]]), max_new_tokens)[0, 1:].tolist()
        if reference != generated:
            sys.exit(f"greedy_generate and the step loop disagree on test line {index + 1}: {reference} != {generated}")
        cases.append({
            "testLine": index + 1,
            "source": english[index],
            "reference": french[index],
            "sourceIds": encoded[index],
            "generatedIds": generated,
            "translation": tokenizer.decode(generated),
            "minLogitMargin": round(margin, 4),
        })

    fixture = {
        "description": (
            "Greedy decoding of models/demo-en-fr in PyTorch (tools/train/make_parity.py). sourceIds end with </s>. "
            "generatedIds exclude the decoder start token and end with </s>, which is forced at the maxNewTokens-th "
            "token as generation_config's forced_eos_token_id sets. The pad id is never chosen. minLogitMargin is the smallest gap between the best and second-best "
            "logit over the steps, a hint of how close a case is to a tie."
        ),
        "decoderStartTokenId": model.config.decoder_start_token_id,
        "eosTokenId": model.config.eos_token_id,
        "padTokenId": model.config.pad_token_id,
        "maxNewTokens": max_new_tokens,
        "cases": cases,
    }
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(format_fixture(fixture), encoding="utf-8")
    margins = sorted(case["minLogitMargin"] for case in cases)
    print(f"wrote {len(cases)} cases to {out}; smallest logit margins {margins[:3]}")


if __name__ == "__main__":
    main()
