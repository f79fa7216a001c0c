"""A Keras ``Sequential`` model's chained recurrent layers, read as one PyTorch stack.

Tutorials stack Keras layers (``LSTM(…, return_sequences=True)``, ``Dropout``,
``LSTM(…)``) where PyTorch writes ``nn.LSTM(num_layers=2)``. When each recurrent layer
feeds the next — every one but the last returns its whole sequence; one kind, one
width, one activation, all ``Bidirectional`` or none; ``Dropout`` between them is the
identity at inference — the layers become ``_l0``, ``_l1`` … of the first layer's
module, exactly the tensors PyTorch's stack holds.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from .contents import Contents
from .keys import RECURRENT_LEAF

__all__ = ["stack_sequential"]


#: Layers that pass each step's vector on unchanged at inference.
_PASS_THROUGH = ("InputLayer", "Dropout")


def _layers(config: dict) -> list[dict] | None:
    """A Sequential model's layer configs in order; ``None`` for any other model."""
    if config.get("class_name") != "Sequential":
        return None
    layers = config.get("config", {}).get("layers", [])
    if not isinstance(layers, list) or not all(isinstance(layer, dict) for layer in layers):
        return None
    return layers


def _recurrent_class(layer: dict, recurrent: Collection[str]) -> tuple[str, dict, bool] | None:
    """(class, inner config, bidirectional) of a recurrent layer, else ``None``."""
    bidirectional = layer.get("class_name") == "Bidirectional"
    inner = ((layer.get("config") or {}).get("layer") or {}) if bidirectional else layer
    if inner.get("class_name") not in recurrent:
        return None
    return inner["class_name"], inner.get("config") or {}, bidirectional


def _prefix(layer: dict) -> str:
    return f"{(layer.get('config') or {}).get('name')}."


def stack_sequential(config: dict, contents: Contents, recurrent: Collection[str]) -> None:
    """Rename a Sequential model's chained recurrent layers in ``contents`` to the
    ``_l<k>`` tensors of one module, and say so; anything else is left as it is. Then
    record in ``contents.reads`` which recurrent module each Dense layer reads.

    ``recurrent`` holds the Keras class names of the recurrent layers. The chain is
    the first run of recurrent layers (an Embedding or Masking before it is fine).
    """
    layers = _layers(config)
    if layers is None:
        return
    run: list[tuple[str, str, dict, bool]] = []  # (prefix, class, inner config, bidirectional)
    for layer in layers:
        if layer.get("class_name") in _PASS_THROUGH:
            continue
        found = _recurrent_class(layer, recurrent)
        if found is None:
            if run:
                break
            continue
        run.append((_prefix(layer), *found))
    merged: dict[str, str] = {}
    if len(run) >= 2 and _chains(run, contents.arrays):
        _merge(run, contents)
        merged = {prefix: run[0][0] for prefix, *_ in run}
    _record_readers(layers, recurrent, merged, contents)


def _record_readers(
    layers: list[dict], recurrent: Collection[str], merged: dict[str, str], contents: Contents
) -> None:
    """``contents.reads[dense prefix] = module prefix`` for each Dense right after a
    recurrent layer (Dropout between is fine); ``""`` for a Dense that reads something
    else (another Dense, a pooling layer): it is no read-out of any module's steps."""
    before: str | None = None  # the module whose output the next layer reads
    for layer in layers:
        cls = layer.get("class_name")
        if cls in _PASS_THROUGH:
            continue
        if _recurrent_class(layer, recurrent) is not None:
            prefix = _prefix(layer)
            before = merged.get(prefix, prefix)
            continue
        if cls == "Dense":
            contents.reads[_prefix(layer)] = before or ""
        before = None


def _merge(run: list[tuple[str, str, dict, bool]], contents: Contents) -> None:
    """Make the run's layers the ``_l<k>`` tensors of its first layer's module."""
    first = run[0][0]
    for k, (prefix, *_rest) in enumerate(run[1:], start=1):
        for key in [key for key in contents.arrays if key.startswith(prefix)]:
            leaf = key.removeprefix(prefix)
            if RECURRENT_LEAF.fullmatch(leaf):
                contents.arrays[first + leaf.replace("_l0", f"_l{k}")] = contents.arrays.pop(key)
        if prefix in contents.recorded:
            contents.recorded.setdefault(first, contents.recorded.pop(prefix))
    contents.notes.append(
        Sentence(
            tr_noop(
                "the Keras layers {listed} feed one another (return_sequences=True), so they "
                "are read as one {n}-layer stack (layer 0 is the first)"
            ),
            listed=", ".join(repr(prefix.rstrip(".")) for prefix, *_ in run),
            n=len(run),
        )
    )


def _chains(run: list[tuple[str, str, dict, bool]], arrays: dict[str, np.ndarray]) -> bool:
    """True if the layers make one PyTorch stack: one kind, one width, one direction
    count, every layer but the last returning its whole sequence, the sizes fitting."""
    if len({cls for _, cls, _, _ in run}) != 1 or len({bi for *_, bi in run}) != 1:
        return False
    if not all(cfg.get("return_sequences") for _, _, cfg, _ in run[:-1]):
        return False
    if len({cfg.get("activation", "tanh") for _, _, cfg, _ in run}) != 1:
        return False
    shapes = [
        (arrays.get(f"{prefix}weight_ih_l0"), arrays.get(f"{prefix}weight_hh_l0"))
        for prefix, *_ in run
    ]
    if any(ih is None or hh is None for ih, hh in shapes):
        return False
    if len({hh.shape[1] for _, hh in shapes}) != 1:
        return False
    directions = 2 if run[0][3] else 1
    return all(
        ih.shape[1] == directions * before.shape[1]
        for (ih, _), (_, before) in zip(shapes[1:], shapes[:-1], strict=True)
    )
