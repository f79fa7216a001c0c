"""Keras layers as PyTorch tensors: the mapping shared by ``.keras`` files and live models.

:mod:`.keras` (files) and :mod:`.keras_live` (objects from a script) find the layers;
the functions here turn each layer's config and variables into PyTorch's names, gate
orders and biases, refusing what PyTorch cannot compute (see :mod:`.keras` for the
mapping of each layer class).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from .checks import fail
from .contents import Contents
from .keras_stack import stack_sequential

__all__ = ["RECURRENT", "Read", "bidirectional", "dense", "embedding", "finish", "recurrent"]

#: Keras' recurrent layer classes and the engine's kinds.
RECURRENT = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "rnn"}
_GATES = {"lstm": 4, "gru": 3, "rnn": 1}


def dense(values: list[np.ndarray], prefix: str, contents: Contents) -> None:
    """A Dense layer as ``<name>.weight`` (kernel.T) and ``<name>.bias``."""
    if values:
        contents.arrays[f"{prefix}weight"] = values[0].T
    if len(values) > 1:
        contents.arrays[f"{prefix}bias"] = values[1]


def embedding(values: list[np.ndarray], cfg: dict, prefix: str, contents: Contents) -> None:
    """An Embedding layer as ``<name>.weight`` (its V × D table, as PyTorch keeps it)."""
    if len(values) == 1 and values[0].ndim == 2:
        contents.arrays[f"{prefix}weight"] = values[0]
    if cfg.get("mask_zero"):
        contents.notes.append(
            Sentence(
                tr_noop(
                    "the embedding {name!r} has mask_zero: Keras skips the steps that read "
                    "id 0, lstm-viz runs every step — values differ from Keras' at those steps"
                ),
                name=prefix.rstrip("."),
            )
        )


def finish(contents: Contents, config: dict | None, one_bias: bool) -> Contents:
    """Chain a Sequential model's recurrent layers; say that Keras has one bias."""
    if config is not None:
        stack_sequential(config, contents, RECURRENT)
    if one_bias:
        contents.filled.append(
            Sentence(
                tr_noop("Keras keeps one bias per gate where PyTorch has two: bias_hh is zero")
            )
        )
    return contents


Read = Callable[[], list[np.ndarray]]


def bidirectional(
    parts: dict[str, tuple[Callable[[], str], Read]],
    cfg: dict,
    prefix: str,
    contents: Contents,
    source: str,
) -> bool:
    """A Bidirectional wrapper: ``parts`` gives the forward and backward layers'
    class (guessed when the config does not say) and variables."""
    if cfg.get("merge_mode", "concat") != "concat":
        raise fail(
            source,
            tr_noop(
                "layer {name!r} is Bidirectional with merge_mode={mode!r}; only 'concat' "
                "(PyTorch's bidirectional output) can be read"
            ),
            name=prefix.rstrip("."),
            mode=cfg.get("merge_mode"),
        )
    one_bias = False
    for part, tail in (("forward_layer", ""), ("backward_layer", "_reverse")):
        inner = cfg.get("layer" if tail == "" else "backward_layer") or cfg.get("layer") or {}
        guess, read = parts[part]
        cls = inner.get("class_name") or guess()
        inner_cfg = dict(inner.get("config", {}))
        inner_cfg.pop("go_backwards", None)  # the wrapper reverses the backward layer
        one_bias |= recurrent(read, cls, inner_cfg, prefix, tail, contents, source)
    return one_bias


def recurrent(
    read: Read,
    cls: str,
    cfg: dict,
    prefix: str,
    tail: str,
    contents: Contents,
    source: str,
) -> bool:
    """Map one Keras recurrent layer to PyTorch's tensors; True if bias_hh was made zero."""
    kind = RECURRENT.get(cls)
    if kind is None:
        raise fail(
            source,
            tr_noop("layer {name!r} wraps a {cls}, which is not LSTM, GRU or SimpleRNN"),
            name=prefix.rstrip("."),
            cls=cls,
        )
    name = prefix.rstrip(".")
    _check_options(kind, cfg, name, source)
    dropped = {k: cfg[k] for k in ("dropout", "recurrent_dropout") if cfg.get(k)}
    if dropped and not tail:  # said once for a Bidirectional pair
        contents.notes.append(
            Sentence(
                tr_noop("layer {name!r}: {what} ignored, as at inference"),
                name=name,
                what=", ".join(f"{k}={v:g}" for k, v in dropped.items()),
            )
        )
    values = read()
    if len(values) < 2:
        raise fail(
            source,
            tr_noop("layer {name!r} has {n} weight arrays; a {cls} has 2 or 3"),
            name=name,
            n=len(values),
            cls=cls,
        )
    kernel, recurrent = values[0], values[1]
    bias = values[2] if len(values) > 2 else None
    if (
        kernel.ndim != 2
        or recurrent.ndim != 2
        or recurrent.shape[1] != _GATES[kind] * recurrent.shape[0]
    ):
        raise fail(
            source,
            tr_noop("layer {name!r}: kernel {k} and recurrent kernel {r} are not a {cls}'s shapes"),
            name=name,
            k=kernel.shape,
            r=recurrent.shape,
            cls=cls,
        )
    hidden = recurrent.shape[0]
    rows = _GATES[kind] * hidden
    b_ih = np.zeros(rows, kernel.dtype) if bias is None else bias
    b_hh = np.zeros(rows, kernel.dtype)
    one_bias = bias is not None
    if kind == "gru":
        reset_after = cfg.get("reset_after", bias is None or bias.ndim == 2)
        if not reset_after or (bias is not None and bias.ndim != 2):
            raise fail(
                source,
                tr_noop(
                    "layer {name!r} is a GRU with reset_after=False: Keras applies the reset "
                    "gate before the recurrent matrix, which no PyTorch GRU computes, so it "
                    "cannot be shown exactly. Retrain it with reset_after=True (Keras 3's "
                    "default) to look at it here."
                ),
                name=name,
            )
        if bias is not None:
            b_ih, b_hh = bias[0], bias[1]
            one_bias = False
        order = np.r_[hidden : 2 * hidden, 0:hidden, 2 * hidden : 3 * hidden]  # z,r,h → r,z,n
        kernel, recurrent = kernel[:, order], recurrent[:, order]
        b_ih, b_hh = b_ih[order], b_hh[order]
    if bias is not None and b_ih.shape != (rows,):
        raise fail(
            source,
            tr_noop("layer {name!r}: bias of shape {b} does not fit {rows} gate rows"),
            name=name,
            b=bias.shape,
            rows=rows,
        )
    suffix = f"_l0{tail}"
    contents.arrays[f"{prefix}weight_ih{suffix}"] = np.ascontiguousarray(kernel.T)
    contents.arrays[f"{prefix}weight_hh{suffix}"] = np.ascontiguousarray(recurrent.T)
    contents.arrays[f"{prefix}bias_ih{suffix}"] = b_ih
    contents.arrays[f"{prefix}bias_hh{suffix}"] = b_hh
    if kind == "rnn" and "activation" in cfg:
        contents.recorded[prefix] = cfg["activation"]
    return one_bias


def _check_options(kind: str, cfg: dict, name: str, source: str) -> None:
    """Refuse the options that change a layer's equations away from PyTorch's."""
    wanted = {"activation": ("tanh",) if kind != "rnn" else ("tanh", "relu")}
    if kind != "rnn":
        wanted["recurrent_activation"] = ("sigmoid",)
    for option, allowed in wanted.items():
        value = cfg.get(option, allowed[0])
        if value not in allowed:
            raise fail(
                source,
                tr_noop(
                    "layer {name!r} uses {option}={value!r}; PyTorch's {kind} computes only "
                    "{allowed}, so it cannot be shown exactly"
                ),
                name=name,
                option=option,
                value=value,
                kind=kind.upper(),
                allowed=" or ".join(allowed),
            )
    if cfg.get("go_backwards"):
        raise fail(
            source,
            tr_noop(
                "layer {name!r} runs backwards (go_backwards=True); reverse the sequence "
                "yourself and save the layer without it to look at it here"
            ),
            name=name,
        )
