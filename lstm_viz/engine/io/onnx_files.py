"""ONNX files: the ``LSTM``, ``GRU`` and ``RNN`` nodes of a graph, in PyTorch's layout.

ONNX stores W (dirs, G·H, D), R (dirs, G·H, H) and B (dirs, 2·G·H) = [Wb, Rb] per
node, with the gates in its own order: LSTM i, o, f, c (PyTorch i, f, g, o) and GRU z,
r, h (PyTorch r, z, n). Each node is one layer; the nodes PyTorch's exporter writes for
one ``nn.LSTM(num_layers=L)`` share a scope (``/lstm/LSTM``, ``/lstm/LSTM_1``) and are
read as the layers of one module when their sizes chain. A ``bidirectional`` node gives
the ``_reverse`` weights.

Refused, because no PyTorch module computes them: peepholes (input P), activations
other than the defaults (an RNN may use Relu), ``clip``, ``input_forget``, a lone
``reverse`` direction, and a GRU with ``linear_before_reset=0`` (the reset gate applied
before the recurrent matrix). The ``onnx`` package is an optional extra; a file is
parsed as a protocol buffer (never executed), each weight's size checked before its
data is converted.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...i18n_marks import tr_noop
from ..budget import MAX_ARRAY_BYTES, format_bytes
from ..data.text import excerpt
from .checks import fail
from .contents import Contents

__all__ = ["read_onnx"]

_OPS = {"LSTM": "lstm", "GRU": "gru", "RNN": "rnn"}
_GATES = {"lstm": 4, "gru": 3, "rnn": 1}
# Row blocks of ONNX's matrices, in the order PyTorch wants them.
_ORDER = {"lstm": (0, 2, 3, 1), "gru": (1, 0, 2), "rnn": (0,)}  # iofc→ifgo, zrh→rzn
_DEFAULT_ACTIVATIONS = {
    "lstm": ("Sigmoid", "Tanh", "Tanh"),
    "gru": ("Sigmoid", "Tanh"),
    "rnn": ("Tanh",),
}


def read_onnx(data: bytes, source: str) -> Contents:
    """Every recurrent node of an ONNX model under PyTorch's names (see the module doc)."""
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError:
        raise fail(
            source,
            tr_noop(
                "reading .onnx files needs the onnx package, which is not installed "
                "(pip install onnx)"
            ),
        ) from None
    try:
        model = onnx.load_model_from_string(data)
    except Exception as exc:  # protobuf reports damage with several exception types
        raise fail(
            source,
            tr_noop("is corrupt or not an ONNX model ({why})"),
            why=excerpt(str(exc), 120),
        ) from None
    graph = model.graph
    tensors = {t.name: t for t in graph.initializer}
    for node in graph.node:  # weights may also come from Constant nodes
        if node.op_type == "Constant" and node.attribute and node.attribute[0].HasField("t"):
            tensors[node.output[0]] = node.attribute[0].t

    def value(name: str) -> np.ndarray | None:
        if not name:
            return None
        tensor = tensors.get(name)
        if tensor is None:
            raise fail(
                source,
                tr_noop(
                    "the weights {name!r} are computed in the graph, not stored; export "
                    "the model with its weights as initializers"
                ),
                name=name,
            )
        if tensor.data_location == onnx.TensorProto.EXTERNAL:
            raise fail(
                source,
                tr_noop(
                    "keeps its weights in an external data file; save the model with "
                    "the weights inside (onnx.save(model, path, save_as_external_data=False))"
                ),
            )
        need = int(np.prod(tensor.dims, dtype=np.int64)) * 8
        if need > MAX_ARRAY_BYTES:
            raise fail(
                source,
                tr_noop("the weights {name!r} claim shape {shape}, more than the {most} read"),
                name=name,
                shape=tuple(tensor.dims),
                most=format_bytes(MAX_ARRAY_BYTES),
            )
        return np.asarray(numpy_helper.to_array(tensor))

    contents = Contents({}, tr_noop("an ONNX model"))
    layer_of: dict[str, int] = {}  # module prefix -> layers read so far
    last_out: dict[str, int] = {}  # module prefix -> output width of its last layer
    for node in graph.node:
        kind = _OPS.get(node.op_type)
        if kind is None:
            continue
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        name = node.name or node.output[0]
        _check_node(kind, node, attrs, name, source)
        w, r = value(node.input[1]), value(node.input[2])
        b = value(node.input[3]) if len(node.input) > 3 else None
        if w is None or r is None or w.ndim != 3 or r.ndim != 3:
            raise fail(source, tr_noop("node {name!r} has no 3-D W and R weights"), name=name)
        dirs, rows, inputs = w.shape
        hidden = rows // _GATES[kind]
        scope = name.rpartition("/")[0].strip("/").replace("/", ".")
        prefix = f"{scope}." if scope else ""
        k = layer_of.get(prefix, 0)
        if k and last_out.get(prefix) != inputs:  # does not chain: a module of its own
            prefix, k = f"{prefix}{name.rpartition('/')[2]}.", 0
        layer_of[prefix] = k + 1
        last_out[prefix] = dirs * hidden
        for d in range(dirs):
            tail = f"_l{k}" + ("_reverse" if d == 1 else "")
            bias = b[d] if b is not None else np.zeros(2 * rows, w.dtype)
            contents.arrays[f"{prefix}weight_ih{tail}"] = _reorder(kind, w[d], hidden)
            contents.arrays[f"{prefix}weight_hh{tail}"] = _reorder(kind, r[d], hidden)
            contents.arrays[f"{prefix}bias_ih{tail}"] = _reorder(kind, bias[:rows], hidden)
            contents.arrays[f"{prefix}bias_hh{tail}"] = _reorder(kind, bias[rows:], hidden)
        if kind == "rnn":
            acts = attrs.get("activations") or [b"Tanh"]
            contents.recorded[prefix] = _text(acts[0]).lower()
    return contents


def _reorder(kind: str, array: np.ndarray, hidden: int) -> np.ndarray:
    blocks = [array[g * hidden : (g + 1) * hidden] for g in _ORDER[kind]]
    return np.ascontiguousarray(np.concatenate(blocks, axis=0))


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _check_node(kind: str, node: Any, attrs: dict, name: str, source: str) -> None:
    """Refuse what no PyTorch module computes, naming the node and the attribute."""

    def refuse(what: str) -> None:
        raise fail(
            source,
            tr_noop(
                "node {name!r} ({op}) uses {what}, which no PyTorch {op} computes, so it "
                "cannot be shown exactly"
            ),
            name=name,
            op=node.op_type,
            what=what,
        )

    if kind == "lstm" and len(node.input) > 7 and node.input[7]:
        refuse(tr_noop("peephole connections (input P)"))
    direction = _text(attrs.get("direction", b"forward"))
    if direction not in ("forward", "bidirectional"):
        refuse(f"direction={direction!r}")
    acts = tuple(_text(a) for a in attrs.get("activations", ()))
    default = _DEFAULT_ACTIVATIONS[kind]
    per_direction = acts[: len(default)] if acts else default
    allowed = [default] + ([("Relu",)] if kind == "rnn" else [])
    if per_direction not in allowed or (acts and acts[len(default) :] not in ((), per_direction)):
        refuse(f"activations={list(acts)}")
    if attrs.get("clip") is not None:
        refuse(f"clip={attrs['clip']}")
    if attrs.get("input_forget"):
        refuse("input_forget=1")
    if kind == "gru" and not attrs.get("linear_before_reset", 0):
        refuse(tr_noop("linear_before_reset=0 (the reset gate before the recurrent matrix)"))
