#!/usr/bin/python3
"""Export the trained demo model into models/demo-en-fr/ with the files the runtime reads.

Runs tools/marian/export.py's export into a scratch folder and keeps encoder_model.onnx and
decoder_model_merged.onnx. The split decoder pair is left out to save space. The merged decoder
loses its transposed copy of the tied embedding. Both files are then run in onnxruntime-node
against PyTorch, and the script fails when the exported files exceed the size budget.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import numpy
import onnx
import torch
from onnx import helper, numpy_helper

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "marian"))
import export  # noqa: E402  (tools/marian/export.py)
import modeling  # noqa: E402

import data  # noqa: E402

KEPT_ONNX = ("encoder_model.onnx", "decoder_model_merged.onnx")
COPIED_FILES = ("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
SIZE_BUDGET_BYTES = 40_000_000
TOLERANCE = 1e-4


def share_tied_embedding(model_proto, embedding_name="model.shared.weight"):
    """Replace an initializer equal to the embedding's transpose by a Transpose node of the embedding.

    torch.onnx folds `lm_head`'s use of the tied weight into a second [d, V] initializer, which stores
    the vocabulary matrix twice. The Transpose node is exact, and ONNX Runtime folds it again at load
    time. Return the number of bytes removed.
    """
    graph = model_proto.graph
    initializers = {init.name: init for init in graph.initializer}
    if embedding_name not in initializers:
        raise ValueError(f"initializer {embedding_name!r} not found; the export layout changed")
    embedding = numpy_helper.to_array(initializers[embedding_name])  # [V, d]

    removed = 0
    for init in list(graph.initializer):
        if init.name == embedding_name or tuple(init.dims) != embedding.shape[::-1]:
            continue
        if not numpy.array_equal(numpy_helper.to_array(init), embedding.T):
            continue
        graph.initializer.remove(init)
        # The output keeps the initializer's name, so nodes inside the If branches still find it.
        transpose = helper.make_node("Transpose", [embedding_name], [init.name], name="/lm_head/Transpose", perm=[1, 0])
        graph.node.insert(0, transpose)
        removed += embedding.nbytes
    if removed == 0:
        raise ValueError(f"no transposed copy of {embedding_name!r} found; nothing to share")
    return removed


def max_length_for_data(train_french, tokenizer, limit):
    """Return the longest training target (</s> and the start token included), rounded up to 16, capped at limit."""
    longest = max(len(ids) for ids in tokenizer.encode(train_french)) + 1
    return min(limit, -(-longest // 16) * 16)


def verify_with_onnxruntime(model, onnx_dir):
    """Run the kept ONNX files in onnxruntime-node on export.py's sample and return the max abs difference."""
    sample = export.make_sample(model)
    cases = [case for case in export.build_cases(str(onnx_dir), sample, model.config) if os.path.basename(case["file"]) in KEPT_ONNX]
    with tempfile.TemporaryDirectory() as scratch:
        cases_path = os.path.join(scratch, "cases.json")
        with open(cases_path, "w", encoding="utf-8") as handle:
            json.dump(cases, handle)
        completed = subprocess.run(["node", export.CHECK_SCRIPT, cases_path], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"onnxruntime-node check failed (exit {completed.returncode}):\n{completed.stderr}")
    worst = 0.0
    for result in json.loads(completed.stdout):
        print(f"  {os.path.basename(result['file'])} {result['branch']}: max abs diff {result['maxAbsDiff']:.3g}")
        worst = max(worst, result["maxAbsDiff"])
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", default=".cache/ddtp/run/final", help="folder written by modeling.save_pretrained")
    parser.add_argument("--spm", default=".cache/ddtp/spm/spm.model")
    parser.add_argument("--data", default=".cache/ddtp", help="folder with train.fr, used to size max_length")
    parser.add_argument("--out", default="models/demo-en-fr")
    args = parser.parse_args()

    torch.set_num_threads(2)
    model = modeling.load_pretrained(args.checkpoint)
    tokenizer = data.Tokenizer(args.spm)
    max_length = max_length_for_data(data.read_lines(pathlib.Path(args.data) / "train.fr"), tokenizer, model.config.max_position_embeddings)
    print(f"generation max_length {max_length}")

    out = pathlib.Path(args.out)
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        export.export_model(model, scratch, num_beams=4, max_length=max_length)
        export.write_tokenizer_for_model(args.spm, scratch, model.config)

        merged = onnx.load(os.path.join(scratch, "onnx", "decoder_model_merged.onnx"))
        removed = share_tied_embedding(merged)
        onnx.checker.check_model(merged, full_check=True)
        onnx.save(merged, str(out / "onnx" / "decoder_model_merged.onnx"))
        print(f"shared the tied embedding in decoder_model_merged.onnx: {removed} bytes fewer")
        shutil.copyfile(os.path.join(scratch, "onnx", "encoder_model.onnx"), out / "onnx" / "encoder_model.onnx")
        for name in COPIED_FILES:
            shutil.copyfile(os.path.join(scratch, name), out / name)

    worst = verify_with_onnxruntime(model, out / "onnx")
    if worst > TOLERANCE:
        sys.exit(f"exported files differ from PyTorch by {worst:.3g} (> {TOLERANCE}); the export is wrong")

    exported = [out / "onnx" / name for name in KEPT_ONNX] + [out / name for name in COPIED_FILES]
    total = sum(path.stat().st_size for path in exported)
    for path in exported:
        print(f"  {path.stat().st_size:>10d}  {path}")
    print(f"  {total:>10d}  total")
    if total > SIZE_BUDGET_BYTES:
        sys.exit(f"exported files take {total} bytes, over the budget of {SIZE_BUDGET_BYTES}; train a smaller model")


if __name__ == "__main__":
    main()
