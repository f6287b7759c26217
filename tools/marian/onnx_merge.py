"""Merge decoder_model.onnx and decoder_with_past_model.onnx into one graph with an `If` node.

The layout follows Hugging Face Optimum's merged decoders:

- main graph inputs: every input of the no-past decoder, then the past inputs of the with-past
  decoder, then `use_cache_branch` (bool [1]);
- one `If` node: then-branch = with-past graph, else-branch = no-past graph;
- large initializers that both graphs share are stored once in the main graph, while scalars and
  1-D int32/int64 initializers stay inside their branch;
- the with-past graph has no `present.N.encoder.*` outputs, so its branch emits an empty Constant
  [0, heads, 1, head_dim] for each of them, as Optimum does. A caller keeps the encoder
  keys/values of the first step and ignores these placeholders.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

import onnx
from onnx import helper


def _is_branch_local(initializer: onnx.TensorProto) -> bool:
    # Small shape and index constants stay inside the branch that uses them.
    return len(initializer.dims) == 0 or (
        len(initializer.dims) == 1 and initializer.data_type in (onnx.TensorProto.INT32, onnx.TensorProto.INT64)
    )


def _content_key(initializer: onnx.TensorProto) -> tuple:
    # The name is part of the serialized bytes, so hash a copy without it.
    unnamed = onnx.TensorProto()
    unnamed.CopyFrom(initializer)
    unnamed.name = ""
    payload = unnamed.SerializeToString()
    return (initializer.data_type, tuple(initializer.dims), hashlib.sha256(payload).hexdigest())


def _all_value_names(graph: onnx.GraphProto) -> set[str]:
    names = {value.name for value in graph.input} | {value.name for value in graph.output}
    names |= {initializer.name for initializer in graph.initializer}
    for node in graph.node:
        names.update(node.input)
        names.update(node.output)
    return names


def _rename_node_inputs(nodes: Iterable[onnx.NodeProto], renames: dict[str, str]) -> None:
    for node in nodes:
        for index, name in enumerate(node.input):
            if name in renames:
                node.input[index] = renames[name]


def _share_initializers(graphs: list[onnx.GraphProto]) -> list[onnx.TensorProto]:
    """Move the large initializers of `graphs` into one deduplicated list for the main graph.

    Identical tensors (same type, shape and bytes) get one name. A name that means something else
    in another graph gets a numeric suffix, so no node reads the wrong tensor.
    """
    names_per_graph = [_all_value_names(graph) for graph in graphs]
    keys_per_graph = [{init.name: _content_key(init) for init in graph.initializer} for graph in graphs]
    taken = set().union(*names_per_graph)

    def conflicts(name: str, key: tuple, graph_index: int) -> bool:
        if name in content_by_name:
            return True
        for other, names in enumerate(names_per_graph):
            if other != graph_index and name in names and keys_per_graph[other].get(name) != key:
                return True
        return False

    shared: list[onnx.TensorProto] = []
    name_by_content: dict[tuple, str] = {}
    content_by_name: dict[str, tuple] = {}
    for graph_index, graph in enumerate(graphs):
        renames: dict[str, str] = {}
        kept = []
        for initializer in graph.initializer:
            if _is_branch_local(initializer):
                kept.append(initializer)
                continue
            key = keys_per_graph[graph_index][initializer.name]
            if key in name_by_content:
                renames[initializer.name] = name_by_content[key]
                continue
            name = initializer.name
            if conflicts(name, key, graph_index):
                suffix = 1
                while f"{name}_{suffix}" in taken:
                    suffix += 1
                name = f"{name}_{suffix}"
                taken.add(name)
                renames[initializer.name] = name
            moved = onnx.TensorProto()
            moved.CopyFrom(initializer)
            moved.name = name
            shared.append(moved)
            name_by_content[key] = name
            content_by_name[name] = key
        _rename_node_inputs(graph.node, renames)
        del graph.initializer[:]
        graph.initializer.extend(kept)
    return shared


def _empty_placeholder(output: onnx.ValueInfoProto) -> onnx.NodeProto:
    """Build a Constant that produces an empty tensor for `output`: axis 0 = 0, symbolic axes = 1."""
    dims = []
    for index, dim in enumerate(output.type.tensor_type.shape.dim):
        if index == 0:
            dims.append(0)
        elif dim.HasField("dim_value"):
            dims.append(dim.dim_value)
        else:
            dims.append(1)
    value = helper.make_tensor(output.name + "_placeholder", output.type.tensor_type.elem_type, dims, [])
    return helper.make_node("Constant", [], [output.name], name=f"/placeholder/{output.name}", value=value)


def merge_decoders(decoder: onnx.ModelProto, decoder_with_past: onnx.ModelProto) -> onnx.ModelProto:
    """Return the merged decoder. Both inputs are modified, so pass copies if you still need them."""
    no_past = decoder.graph
    with_past = decoder_with_past.graph
    if decoder.opset_import != decoder_with_past.opset_import:
        raise ValueError(
            f"opset imports differ: {list(decoder.opset_import)} vs {list(decoder_with_past.opset_import)}; "
            "export both decoders with the same opset"
        )

    # The with-past branch must produce the same outputs in the same order as the no-past branch.
    with_past_outputs = {output.name for output in with_past.output}
    for output in no_past.output:
        if output.name not in with_past_outputs:
            if ".encoder." not in output.name:
                raise ValueError(f"decoder_with_past has no output {output.name!r}; export it with that output")
            with_past.node.append(_empty_placeholder(output))
    del with_past.output[:]
    with_past.output.extend(no_past.output)

    shared = _share_initializers([no_past, with_past])
    inputs = list(no_past.input)
    known_inputs = {value.name for value in inputs}
    inputs += [value for value in with_past.input if value.name not in known_inputs]
    use_cache_branch = helper.make_tensor_value_info("use_cache_branch", onnx.TensorProto.BOOL, [1])

    then_branch = helper.make_graph(list(with_past.node), "with_past", [], list(with_past.output), list(with_past.initializer))
    else_branch = helper.make_graph(list(no_past.node), "no_past", [], list(no_past.output), list(no_past.initializer))
    if_node = helper.make_node(
        "If",
        ["use_cache_branch"],
        [output.name for output in no_past.output],
        name="optimum::if",
        then_branch=then_branch,
        else_branch=else_branch,
    )
    graph = helper.make_graph([if_node], "merged", inputs + [use_cache_branch], list(no_past.output), shared)
    merged = helper.make_model(graph, producer_name=decoder.producer_name, opset_imports=list(decoder.opset_import))
    merged.ir_version = decoder.ir_version
    return merged
