"""Dynamic int8 quantization of MatMul weights, written with the onnx Python API.

Each MatMul whose second input is a constant 2-D float initializer becomes

    x ──DynamicQuantizeLinear──> x_q (uint8), x_scale, x_zero_point
    MatMulInteger(x_q, W_q (int8), x_zero_point, 0) ──Cast(float)──> Mul(x_scale * W_scale) ──> y

with W quantized symmetrically per tensor (W_scale = max|W| / 127, zero point 0). Softmax,
LayerNorm, Gather and every other node stay float. MatMuls inside `If` branches are handled too,
and a weight used in several places is quantized once. One DynamicQuantizeLinear is shared by
all MatMuls of a graph that read the same activation.

Usage: /usr/bin/python3 tools/marian/quantize.py MODEL_DIR   (writes onnx/*_quantized.onnx)
"""

from __future__ import annotations

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MODEL_FILES = ("encoder_model", "decoder_model", "decoder_with_past_model", "decoder_model_merged")


class WeightStore:
    """Initializers of the main graph, plus the int8 copies made so far (one per weight)."""

    def __init__(self, graph: onnx.GraphProto) -> None:
        self.graph = graph
        self.by_name = {initializer.name: initializer for initializer in graph.initializer}
        self.quantized: dict[str, tuple[str, str]] = {}

    def is_quantizable(self, name: str) -> bool:
        initializer = self.by_name.get(name)
        return initializer is not None and initializer.data_type == TensorProto.FLOAT and len(initializer.dims) == 2

    def quantize(self, name: str) -> tuple[str, str]:
        """Return (int8 weight name, float scale name) for weight `name`, adding them on first use."""
        if name not in self.quantized:
            weight = numpy_helper.to_array(self.by_name[name])
            max_abs = float(np.abs(weight).max())
            scale = max_abs / 127.0 if max_abs > 0 else 1.0
            quantized = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
            quantized_name = f"{name}_quantized"
            scale_name = f"{name}_scale"
            self.graph.initializer.extend([
                numpy_helper.from_array(quantized, quantized_name),
                numpy_helper.from_array(np.array(scale, dtype=np.float32), scale_name),
                numpy_helper.from_array(np.array(0, dtype=np.int8), f"{name}_zero_point"),
            ])
            self.quantized[name] = (quantized_name, scale_name)
        return self.quantized[name]


def _quantize_graph(graph: onnx.GraphProto, store: WeightStore) -> int:
    """Rewrite the MatMuls of `graph` and of its subgraphs in place; return how many changed."""
    new_nodes: list[onnx.NodeProto] = []
    activation_cache: dict[str, tuple[str, str, str]] = {}
    count = 0
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                count += _quantize_graph(attribute.g, store)
        if node.op_type != "MatMul" or not store.is_quantizable(node.input[1]):
            new_nodes.append(node)
            continue

        activation = node.input[0]
        if activation not in activation_cache:
            prefix = f"{activation}_dynamic"
            outputs = (f"{prefix}_quantized", f"{prefix}_scale", f"{prefix}_zero_point")
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [activation], list(outputs),
                                              name=f"{node.name}/DynamicQuantizeLinear"))
            activation_cache[activation] = outputs
        activation_q, activation_scale, activation_zero_point = activation_cache[activation]
        weight_q, weight_scale = store.quantize(node.input[1])
        weight_zero_point = f"{node.input[1]}_zero_point"
        output = node.output[0]
        new_nodes += [
            helper.make_node("MatMulInteger", [activation_q, weight_q, activation_zero_point, weight_zero_point],
                             [f"{output}_int32"], name=f"{node.name}_quant"),
            helper.make_node("Cast", [f"{output}_int32"], [f"{output}_float"], name=f"{node.name}_quant/Cast",
                             to=TensorProto.FLOAT),
            helper.make_node("Mul", [activation_scale, weight_scale], [f"{output}_scale"],
                             name=f"{node.name}_quant/ScaleMul"),
            helper.make_node("Mul", [f"{output}_float", f"{output}_scale"], [output], name=f"{node.name}_quant/Mul"),
        ]
        count += 1
    del graph.node[:]
    graph.node.extend(new_nodes)
    return count


def _used_names(graph: onnx.GraphProto) -> set[str]:
    names = {output.name for output in graph.output}
    for node in graph.node:
        names.update(node.input)
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                names |= _used_names(attribute.g)
    return names


def quantize_model(model: onnx.ModelProto) -> tuple[onnx.ModelProto, int]:
    """Return a quantized copy of `model` and the number of MatMuls replaced."""
    opset = next((entry.version for entry in model.opset_import if entry.domain in ("", "ai.onnx")), 0)
    if opset < 11:
        raise ValueError(f"opset {opset} has no DynamicQuantizeLinear; export with opset 11 or later")
    quantized = onnx.ModelProto()
    quantized.CopyFrom(model)
    store = WeightStore(quantized.graph)
    count = _quantize_graph(quantized.graph, store)

    # Drop float weights that only the replaced MatMuls read.
    used = _used_names(quantized.graph)
    kept = [initializer for initializer in quantized.graph.initializer if initializer.name in used]
    del quantized.graph.initializer[:]
    quantized.graph.initializer.extend(kept)
    return quantized, count


def quantize_folder(model_dir: str) -> None:
    """Write onnx/<name>_quantized.onnx next to each of the four exported files."""
    for name in MODEL_FILES:
        source = os.path.join(model_dir, "onnx", f"{name}.onnx")
        target = os.path.join(model_dir, "onnx", f"{name}_quantized.onnx")
        quantized, count = quantize_model(onnx.load(source))
        onnx.checker.check_model(quantized)
        onnx.save(quantized, target)
        print(f"  {os.path.basename(target)}: {count} MatMuls quantized, {os.path.getsize(target)} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: quantize.py MODEL_DIR")
    quantize_folder(sys.argv[1])
