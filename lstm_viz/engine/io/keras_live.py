"""A live Keras 3 layer or model (from a script), mapped like a ``.keras`` file.

The same mapping as :mod:`.keras` — the same gate orders, checks and report — fed
from the layers' own ``get_config()`` and ``get_weights()`` instead of a file's
config.json and HDF5 datasets. Keras itself is never imported here: the object
passed in is asked for what it holds.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...i18n_marks import tr_noop
from .contents import Contents
from .keras_layers import bidirectional, dense, embedding, finish, recurrent

__all__ = ["is_keras", "read_live_keras"]

_RECURRENT = ("LSTM", "GRU", "SimpleRNN")


def is_keras(obj: Any) -> bool:
    """True for a Keras layer or model (by its class's module; Keras is not imported)."""
    return any(c.__module__.split(".")[0] in ("keras", "tf_keras") for c in type(obj).__mro__)


def read_live_keras(model: Any, source: str) -> Contents:
    """A Keras layer's or model's recurrent layers under PyTorch's names and gate order.

    Raises WeightsError (``source`` first, then the layer) for what cannot be shown
    exactly, as for a ``.keras`` file.
    """
    contents = Contents({}, tr_noop("Keras weights"))
    layers = list(getattr(model, "layers", None) or [model])
    config = None
    if type(model).__name__ == "Sequential":
        config = {"class_name": "Sequential", "config": model.get_config()}
    one_bias = False
    for layer in layers:
        cls, cfg, prefix = type(layer).__name__, layer.get_config(), f"{layer.name}."
        if cls == "Bidirectional":
            parts = {
                part: (_class_of(getattr(layer, part)), _reader(getattr(layer, part)))
                for part in ("forward_layer", "backward_layer")
            }
            one_bias |= bidirectional(parts, cfg, prefix, contents, source)
        elif cls in _RECURRENT:
            one_bias |= recurrent(_reader(layer), cls, cfg, prefix, "", contents, source)
        elif cls == "Dense":
            dense(_reader(layer)(), prefix, contents)
        elif cls == "Embedding":
            embedding(_reader(layer)(), cfg, prefix, contents)
        else:
            contents.ignored.extend(f"{layer.name}/{w.name}" for w in layer.weights)
    return finish(contents, config, one_bias)


def _reader(layer: Any):
    return lambda: [np.asarray(w) for w in layer.get_weights()]


def _class_of(layer: Any):
    return lambda: type(layer).__name__
