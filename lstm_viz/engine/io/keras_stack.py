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


def stack_sequential(config: dict, contents: Contents, recurrent: Collection[str]) -> None:
    """Rename a Sequential model's chained recurrent layers in ``contents`` to the
    ``_l<k>`` tensors of one module, and say so; anything else is left as it is.

    ``recurrent`` holds the Keras class names of the recurrent layers.
    """
    if config.get("class_name") != "Sequential":
        return
    layers = config.get("config", {}).get("layers", [])
    run: list[tuple[str, str, dict, bool]] = []  # (prefix, class, inner config, bidirectional)
    for layer in layers if isinstance(layers, list) else []:
        if not isinstance(layer, dict):
            return
        cls, cfg = layer.get("class_name"), layer.get("config") or {}
        if cls in ("InputLayer", "Dropout"):
            continue
        bidirectional = cls == "Bidirectional"
        inner = (cfg.get("layer") or {}) if bidirectional else layer
        if inner.get("class_name") not in recurrent:
            break
        run.append(
            (f"{cfg.get('name')}.", inner["class_name"], inner.get("config") or {}, bidirectional)
        )
    if len(run) < 2 or not _chains(run, contents.arrays):
        return
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
