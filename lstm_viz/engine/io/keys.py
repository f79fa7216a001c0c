"""Finding the recurrent layer among a state_dict's keys.

PyTorch names a recurrent module's parameters ``<prefix>weight_ih_l0`` … (or
``<prefix>weight_ih`` … for the ``*Cell`` modules). This module groups a file's keys
by module prefix, picks the one layer to show, and recognises the keys of layers the
engine cannot run (stacked, bidirectional, with projections).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .checks import fail

__all__ = ["RECURRENT_LEAF", "LayerKeys", "describe_unsupported", "find_layer"]

# Last dotted component of a recurrent key: "weight_ih_l0", "bias_hh", "weight_hr_l1",
# "weight_ih_l0_reverse". Keys without "_l<k>" come from nn.LSTMCell and friends.
RECURRENT_LEAF = re.compile(
    r"(?P<name>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)(?:_l(?P<layer>\d+))?"
    r"(?P<reverse>_reverse)?"
)


@dataclass
class LayerKeys:
    """The keys of one recurrent module, grouped under their common prefix."""

    prefix: str
    keys: dict[str, str] = field(default_factory=dict)  # engine name -> file key
    unsupported: list[str] = field(default_factory=list)


def find_layer(raw: Mapping[str, object], prefix: str | None, source: str) -> LayerKeys:
    """Return the keys of the one recurrent layer among ``raw``'s keys.

    Parameters
    ----------
    raw : mapping
        A file's arrays under their keys.
    prefix : str, optional
        Which module to pick when there are several (``"encoder"`` or ``"encoder."``).
    source : str
        File name to start messages with.

    Raises
    ------
    WeightsError
        If there is no recurrent layer, no layer with ``prefix``, several layers and no
        ``prefix``, or two keys for one parameter.
    """
    return _select_layer(_group_recurrent_keys(list(raw), source), raw, prefix, source)


def _group_recurrent_keys(keys: list[str], source: str) -> dict[str, LayerKeys]:
    layers: dict[str, LayerKeys] = {}
    for key in keys:
        module, _, leaf = key.rpartition(".")
        match = RECURRENT_LEAF.fullmatch(leaf)
        if match is None:
            continue
        prefix = f"{module}." if module else ""
        layer = layers.setdefault(prefix, LayerKeys(prefix))
        name = match["name"]
        if match["reverse"] or (match["layer"] not in (None, "0")) or name == "weight_hr":
            layer.unsupported.append(key)
            continue
        if name in layer.keys:
            raise fail(
                source, f"keys {layer.keys[name]!r} and {key!r} both give {name}; keep only one"
            )
        layer.keys[name] = key
    return layers


def _select_layer(
    layers: dict[str, LayerKeys], raw: Mapping, prefix: str | None, source: str
) -> LayerKeys:
    if not layers:
        shown = ", ".join(list(raw)[:10]) + (" …" if len(raw) > 10 else "")
        raise fail(
            source,
            "no recurrent layer found: expected keys weight_ih_l0, weight_hh_l0, bias_ih_l0, "
            f"bias_hh_l0 (optionally with a module prefix); the file has: {shown or 'no arrays'}",
        )
    if prefix is not None:
        wanted = prefix if prefix == "" or prefix.endswith(".") else prefix + "."
        if wanted not in layers:
            raise fail(
                source,
                f"no recurrent layer with prefix {prefix!r}; found "
                f"{', '.join(repr(p) for p in sorted(layers))}",
            )
        return layers[wanted]
    if len(layers) > 1:
        raise fail(
            source,
            "several recurrent layers found (key prefixes "
            f"{', '.join(repr(p) for p in sorted(layers))}); only one can be shown — "
            "choose one with load_weights(..., prefix=...)",
        )
    return next(iter(layers.values()))


def describe_unsupported(key: str) -> str:
    """Name the architecture an unsupported recurrent key belongs to, for a message."""
    leaf = key.rpartition(".")[2]
    if leaf.endswith("_reverse"):
        return "bidirectional"
    if leaf.startswith("weight_hr"):
        return "projection (proj_size)"
    return "multi-layer"
