"""Export a MarianMTModel to ONNX in the Hugging Face Optimum / transformers.js layout.

Writes into <out>/onnx/ (h = heads, hd = head_dim, d = d_model and V = vocab are fixed numbers):

    encoder_model.onnx
        in   input_ids, attention_mask          int64 [batch_size, encoder_sequence_length]
        out  last_hidden_state                  [batch_size, encoder_sequence_length, d]
    decoder_model.onnx (first step, no cache)
        in   encoder_attention_mask             int64 [batch_size, encoder_sequence_length]
             input_ids                          int64 [batch_size, decoder_sequence_length]
             encoder_hidden_states              [batch_size, encoder_sequence_length, d]
        out  logits                             [batch_size, decoder_sequence_length, V]
             present.N.decoder.key/value        [batch_size, h, decoder_sequence_length, hd]
             present.N.encoder.key/value        [batch_size, h, encoder_sequence_length_out, hd]
    decoder_with_past_model.onnx (later steps, positions start at the past length)
        in   encoder_attention_mask             int64 [batch_size, encoder_sequence_length]
             input_ids                          int64 [batch_size, 1]
             past_key_values.N.decoder.key/value [batch_size, h, past_decoder_sequence_length, hd]
             past_key_values.N.encoder.key/value [batch_size, h, encoder_sequence_length_out, hd]
        out  logits                             [batch_size, 1, V]
             present.N.decoder.key/value        [batch_size, h, past_decoder_sequence_length + 1, hd]
    decoder_model_merged.onnx
        in   the no-past inputs, the past_key_values.* inputs, use_cache_branch bool [1]
        out  the no-past outputs; see onnx_merge.py for the encoder placeholders of the cached branch

and config.json, generation_config.json and (with --spm) the tokenizer files into <out>/.
Each file is checked with onnx.checker and run in onnxruntime-node against PyTorch.

Usage: /usr/bin/python3 tools/marian/export.py --checkpoint DIR --out DIR [--spm FILE] [--opset 14]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import types
from typing import Callable, Iterator

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from modeling import MarianConfig, MarianMTModel, load_pretrained  # noqa: E402
from onnx_merge import merge_decoders  # noqa: E402

DEFAULT_OPSET = 14
MAX_OPSET = 17  # the highest opset that torch 1.13's exporter supports
CHECK_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_onnx_cases.mjs")


def past_names(prefix: str, layers: int, include_encoder: bool = True) -> list[str]:
    """Return the cache tensor names in Optimum's order: per layer decoder key, value, encoder key, value."""
    names = []
    for layer in range(layers):
        names += [f"{prefix}.{layer}.decoder.key", f"{prefix}.{layer}.decoder.value"]
        if include_encoder:
            names += [f"{prefix}.{layer}.encoder.key", f"{prefix}.{layer}.encoder.value"]
    return names


@contextlib.contextmanager
def patched_forward(module: torch.nn.Module, forward: Callable) -> Iterator[None]:
    """Replace `module.forward` for one export, so the module stays the export root and its node names stay."""
    module.forward = types.MethodType(forward, module)
    try:
        yield
    finally:
        del module.forward


def _export(module: torch.nn.Module, args: tuple, path: str, inputs: list[str], outputs: list[str],
            dynamic_axes: dict, opset: int) -> None:
    torch.onnx.export(
        module,
        args,
        path,
        input_names=inputs,
        output_names=outputs,
        dynamic_axes=dynamic_axes,
        opset_version=opset,
        do_constant_folding=True,
    )


def declare_output_dims(path: str, dims_by_name: dict[str, list]) -> None:
    """Rewrite the declared output shapes of an exported file (str = symbolic dim, int = fixed).

    torch's shape inference names fixed axes such as heads `Transposepresent.0.decoder.key_dim_1`,
    while Optimum declares them as numbers.
    """
    model = onnx.load(path)
    for output in model.graph.output:
        if output.name not in dims_by_name:
            continue
        shape = output.type.tensor_type.shape
        del shape.dim[:]
        for value in dims_by_name[output.name]:
            dim = shape.dim.add()
            if isinstance(value, str):
                dim.dim_param = value
            else:
                dim.dim_value = value
    onnx.save(model, path)


def decoder_output_dims(config: MarianConfig, with_past: bool) -> dict[str, list]:
    heads = config.decoder_attention_heads
    head_dim = config.d_model // heads
    step_length = 1 if with_past else "decoder_sequence_length"
    self_length = "past_decoder_sequence_length + 1" if with_past else "decoder_sequence_length"
    dims: dict[str, list] = {"logits": ["batch_size", step_length, config.vocab_size]}
    for name in past_names("present", config.decoder_layers, include_encoder=not with_past):
        length = self_length if ".decoder." in name else "encoder_sequence_length_out"
        dims[name] = ["batch_size", heads, length, head_dim]
    return dims


# ---------------------------------------------------------------------------------------------
# The three exported graphs


def export_encoder(model: MarianMTModel, path: str, sample: dict, opset: int) -> None:
    """Export the encoder as its own root, so node names start at `/layers.N/` as in Optimum."""
    encoder = model.model.encoder
    class_forward = type(encoder).forward  # patched_forward shadows the bound method below

    def forward(self, input_ids, attention_mask):
        hidden_states, _ = class_forward(self, input_ids, attention_mask)
        return hidden_states

    dynamic = {
        "input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
        "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
        "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"},
    }
    with patched_forward(encoder, forward):
        _export(encoder, (sample["input_ids"], sample["attention_mask"]), path,
                ["input_ids", "attention_mask"], ["last_hidden_state"], dynamic, opset)


def export_decoder(model: MarianMTModel, path: str, sample: dict, opset: int) -> None:
    """Export the first decoding step: full decoder input, no cache, all presents as outputs."""
    layers = model.config.decoder_layers

    def forward(self, encoder_attention_mask, input_ids, encoder_hidden_states):
        logits, presents, _, _ = self.decode(input_ids, encoder_hidden_states, encoder_attention_mask)
        return (logits, *[tensor for layer in presents for tensor in layer])

    present = past_names("present", layers)
    dynamic = {
        "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
        "input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
        "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
        "logits": {0: "batch_size", 1: "decoder_sequence_length"},
    }
    for name in present:
        length = "decoder_sequence_length" if ".decoder." in name else "encoder_sequence_length_out"
        dynamic[name] = {0: "batch_size", 2: length}
    args = (sample["attention_mask"], sample["decoder_input_ids"], sample["encoder_hidden_states"])
    with patched_forward(model, forward):
        _export(model, args, path, ["encoder_attention_mask", "input_ids", "encoder_hidden_states"],
                ["logits", *present], dynamic, opset)
    declare_output_dims(path, decoder_output_dims(model.config, with_past=False))


def export_decoder_with_past(model: MarianMTModel, path: str, sample: dict, opset: int) -> None:
    """Export a later decoding step: one new token per row, self and cross keys/values from the cache."""
    layers = model.config.decoder_layers

    def forward(self, encoder_attention_mask, input_ids, *flat_past):
        past = tuple(tuple(flat_past[4 * layer: 4 * layer + 4]) for layer in range(layers))
        logits, presents, _, _ = self.decode(input_ids, None, encoder_attention_mask, past)
        return (logits, *[tensor for layer in presents for tensor in layer[:2]])

    past = past_names("past_key_values", layers)
    present = past_names("present", layers, include_encoder=False)
    dynamic = {
        "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
        "input_ids": {0: "batch_size"},
        "logits": {0: "batch_size"},
    }
    for name in past:
        length = "past_decoder_sequence_length" if ".decoder." in name else "encoder_sequence_length_out"
        dynamic[name] = {0: "batch_size", 2: length}
    for name in present:
        dynamic[name] = {0: "batch_size", 2: "past_decoder_sequence_length + 1"}
    args = (sample["attention_mask"], sample["next_input_ids"], *sample["flat_past"])
    with patched_forward(model, forward):
        _export(model, args, path, ["encoder_attention_mask", "input_ids", *past], ["logits", *present], dynamic, opset)
    declare_output_dims(path, decoder_output_dims(model.config, with_past=True))


# ---------------------------------------------------------------------------------------------
# Sample inputs and the comparison against PyTorch


@torch.no_grad()
def make_sample(model: MarianMTModel) -> dict:
    """Build tracing inputs: batch 2, source 5 with padding in row 2, 3 decoder tokens, then 1 more."""
    config = model.config
    low = min(3, config.vocab_size - 1)
    generator = torch.Generator().manual_seed(1234)
    input_ids = torch.randint(low, config.vocab_size - 1, (2, 5), generator=generator)
    input_ids[:, -1] = config.eos_token_id
    input_ids[1, 3:] = config.pad_token_id
    input_ids[1, 2] = config.eos_token_id
    attention_mask = (input_ids != config.pad_token_id).long()
    decoder_input_ids = torch.randint(low, config.vocab_size - 1, (2, 3), generator=generator)
    decoder_input_ids[:, 0] = config.decoder_start_token_id
    next_input_ids = torch.randint(low, config.vocab_size - 1, (2, 1), generator=generator)

    encoder_hidden_states, _ = model.encode(input_ids, attention_mask)
    logits, presents, _, _ = model.decode(decoder_input_ids, encoder_hidden_states, attention_mask)
    next_logits, next_presents, _, _ = model.decode(next_input_ids, None, attention_mask, presents)
    return {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "decoder_input_ids": decoder_input_ids,
        "next_input_ids": next_input_ids,
        "encoder_hidden_states": encoder_hidden_states,
        "logits": logits,
        "flat_past": [tensor for layer in presents for tensor in layer],
        "next_logits": next_logits,
        "next_flat_present": [tensor for layer in next_presents for tensor in layer[:2]],
    }


def _tensor_json(tensor: torch.Tensor) -> dict:
    dtype = {torch.int64: "int64", torch.float32: "float32", torch.bool: "bool"}[tensor.dtype]
    values = tensor.flatten().tolist()
    return {"type": dtype, "dims": list(tensor.shape), "data": values}


def build_cases(onnx_dir: str, sample: dict, config: MarianConfig) -> list[dict]:
    """List one ONNX Runtime run per exported file, each with its feeds and the PyTorch outputs."""
    layers = config.decoder_layers
    heads = config.decoder_attention_heads
    head_dim = config.d_model // heads
    batch = sample["input_ids"].shape[0]
    present_names = past_names("present", layers)
    past = dict(zip(past_names("past_key_values", layers), sample["flat_past"]))
    no_past_expected = {"logits": sample["logits"], **dict(zip(present_names, sample["flat_past"]))}
    with_past_expected = {
        "logits": sample["next_logits"],
        **dict(zip(past_names("present", layers, include_encoder=False), sample["next_flat_present"])),
    }
    no_past_feeds = {
        "encoder_attention_mask": sample["attention_mask"],
        "input_ids": sample["decoder_input_ids"],
        "encoder_hidden_states": sample["encoder_hidden_states"],
    }
    with_past_feeds = {"encoder_attention_mask": sample["attention_mask"], "input_ids": sample["next_input_ids"], **past}
    empty_past = {name: torch.zeros(batch, heads, 0, head_dim) for name in past}
    cases = [
        ("encoder_model.onnx", {"input_ids": sample["input_ids"], "attention_mask": sample["attention_mask"]},
         {"last_hidden_state": sample["encoder_hidden_states"]}),
        ("decoder_model.onnx", no_past_feeds, no_past_expected),
        ("decoder_with_past_model.onnx", with_past_feeds, with_past_expected),
        ("decoder_model_merged.onnx",
         {**no_past_feeds, **empty_past, "use_cache_branch": torch.tensor([False])}, no_past_expected),
        ("decoder_model_merged.onnx",
         {**with_past_feeds, "encoder_hidden_states": sample["encoder_hidden_states"],
          "use_cache_branch": torch.tensor([True])}, with_past_expected),
    ]
    return [
        {
            "file": os.path.join(onnx_dir, name),
            "feeds": {key: _tensor_json(value) for key, value in feeds.items()},
            "expected": {key: _tensor_json(value) for key, value in expected.items()},
        }
        for name, feeds, expected in cases
    ]


def compare_with_onnxruntime(onnx_dir: str, sample: dict, config: MarianConfig) -> float:
    """Run every exported file in onnxruntime-node; print and return the max abs difference to PyTorch."""
    cases = build_cases(onnx_dir, sample, config)
    with tempfile.TemporaryDirectory() as scratch:
        cases_path = os.path.join(scratch, "cases.json")
        with open(cases_path, "w", encoding="utf-8") as handle:
            json.dump(cases, handle)
        completed = subprocess.run(["node", CHECK_SCRIPT, cases_path], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"onnxruntime-node check failed (exit {completed.returncode}):\n{completed.stderr}")
    results = json.loads(completed.stdout)
    worst = 0.0
    for result in results:
        label = os.path.basename(result["file"]) + (f" [{result['branch']}]" if result.get("branch") else "")
        print(f"  {label:52s} max abs diff {result['maxAbsDiff']:.3g} ({result['outputs']} outputs)")
        worst = max(worst, result["maxAbsDiff"])
    return worst


# ---------------------------------------------------------------------------------------------
# Files next to the ONNX folder


def generation_config(config: MarianConfig, num_beams: int, max_length: int) -> dict:
    """Build generation_config.json with the fields transformers writes for opus-mt models."""
    return {
        "bad_words_ids": [[config.pad_token_id]],
        "bos_token_id": config.bos_token_id,
        "decoder_start_token_id": config.decoder_start_token_id,
        "eos_token_id": config.eos_token_id,
        "forced_eos_token_id": config.forced_eos_token_id,
        "length_penalty": 1.0,
        "max_length": max_length,
        "num_beams": num_beams,
        "pad_token_id": config.pad_token_id,
    }


def check_onnx_file(path: str) -> None:
    onnx.checker.check_model(onnx.load(path), full_check=True)


def export_model(model: MarianMTModel, out_dir: str, opset: int = DEFAULT_OPSET, verify: bool = True,
                 num_beams: int = 4, max_length: int = 512, tolerance: float = 1e-4) -> None:
    """Write the four ONNX files, config.json and generation_config.json; then compare them with PyTorch when `verify` is set."""
    if not 7 <= opset <= MAX_OPSET:
        raise ValueError(f"opset {opset} is not supported by torch 1.13's exporter; use 7 to {MAX_OPSET}")
    model.eval()
    onnx_dir = os.path.join(out_dir, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    sample = make_sample(model)

    paths = {name: os.path.join(onnx_dir, name + ".onnx")
             for name in ("encoder_model", "decoder_model", "decoder_with_past_model", "decoder_model_merged")}
    export_encoder(model, paths["encoder_model"], sample, opset)
    export_decoder(model, paths["decoder_model"], sample, opset)
    export_decoder_with_past(model, paths["decoder_with_past_model"], sample, opset)
    merged = merge_decoders(onnx.load(paths["decoder_model"]), onnx.load(paths["decoder_with_past_model"]))
    onnx.save(merged, paths["decoder_model_merged"])
    for path in paths.values():
        check_onnx_file(path)
    print(f"exported and checked {len(paths)} ONNX files in {onnx_dir} (opset {opset})")

    with open(os.path.join(out_dir, "config.json"), "w", encoding="utf-8") as handle:
        handle.write(model.config.to_hf_config_json())
    with open(os.path.join(out_dir, "generation_config.json"), "w", encoding="utf-8") as handle:
        json.dump(generation_config(model.config, num_beams, max_length), handle, indent=2)
        handle.write("\n")

    if verify:
        worst = compare_with_onnxruntime(onnx_dir, sample, model.config)
        if worst > tolerance:
            raise RuntimeError(f"ONNX outputs differ from PyTorch by {worst:.3g} (> {tolerance}); the export is wrong")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", required=True, help="folder written by modeling.save_pretrained")
    parser.add_argument("--out", required=True, help="output folder; ONNX files go to OUT/onnx/")
    parser.add_argument("--spm", help="SentencePiece model shared by source and target; writes tokenizer files")
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET, help=f"ONNX opset (default {DEFAULT_OPSET})")
    parser.add_argument("--num-beams", type=int, default=4, help="num_beams in generation_config.json")
    parser.add_argument("--max-length", type=int, default=512, help="max_length in generation_config.json, in tokens")
    parser.add_argument("--no-verify", action="store_true", help="skip the onnxruntime-node comparison")
    args = parser.parse_args()

    torch.set_num_threads(1)
    model = load_pretrained(args.checkpoint)
    export_model(model, args.out, args.opset, not args.no_verify, args.num_beams, args.max_length)
    if args.spm:
        write_tokenizer_for_model(args.spm, args.out, model.config)


def write_tokenizer_for_model(spm_path: str, out_dir: str, config: MarianConfig) -> None:
    """Write the tokenizer files padded to the model's vocabulary and check them against SentencePiece."""
    from tokenizer_json import check_against_sentencepiece, write_tokenizer_files, SAMPLE_SENTENCES

    size = write_tokenizer_files(spm_path, out_dir, config.vocab_size, config.max_position_embeddings)
    if config.pad_token_id != size - 1:
        raise ValueError(
            f"pad_token_id {config.pad_token_id} is not the last tokenizer id {size - 1}; "
            "build the config with pad_token_id = decoder_start_token_id = vocab_size - 1"
        )
    check_against_sentencepiece(spm_path, out_dir, SAMPLE_SENTENCES)


if __name__ == "__main__":
    main()
