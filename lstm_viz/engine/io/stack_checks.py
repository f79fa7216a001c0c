"""The shape of a whole PyTorch recurrent module: layers, directions, projections.

``nn.LSTM(D, H, num_layers=L, bidirectional=True, proj_size=P)`` stores, for each layer
k and direction (forward, ``_reverse``): ``weight_ih_l{k}`` (G·H, D for k = 0, else
dirs·H_out), ``weight_hh_l{k}`` (G·H, H_out), ``bias_ih_l{k}``/``bias_hh_l{k}`` (G·H,)
and, with a projection, ``weight_hr_l{k}`` (P, H); H_out is P with a projection, else H.
:func:`check_stack` checks all of it and names the key at fault, layer 0 forward through
:func:`~.checks.check_params` (the rules single layers always had).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ...i18n_marks import tr_noop
from .checks import (
    GATES,
    PARAM_NAMES,
    check_finite,
    check_ndim_and_dtype,
    check_params,
    fail,
    missing_key,
)

__all__ = ["StackShape", "check_stack", "stack_names"]


@dataclass(frozen=True)
class StackShape:
    """Kind and sizes of a recurrent module, as its tensors' shapes say."""

    kind: str
    input_size: int
    hidden_size: int
    layers: int
    bidirectional: bool
    proj_size: int


def stack_names(layer: int, reverse: bool) -> dict[str, str]:
    """Engine name → PyTorch name for one layer and direction (``bias_hh`` → ``bias_hh_l1``)."""
    tail = f"_l{layer}" + ("_reverse" if reverse else "")
    return {name: name + tail for name in (*PARAM_NAMES, "weight_hr")}


def check_stack(
    tensors: Mapping[str, np.ndarray], display: Mapping[str, str], source: str
) -> StackShape:
    """Check a module's tensors (PyTorch names, biases present) and return its shape.

    ``display`` names each tensor as the file does, for messages.
    """
    layers = sorted({int(n.rpartition("_l")[2].removesuffix("_reverse")) for n in tensors})
    for k, expected in enumerate(layers):
        if k != expected:
            raise fail(
                source,
                tr_noop("layer {k} is missing: the file has weights for layers {layers}"),
                k=k,
                layers=", ".join(map(str, layers)),
            )
    reverse = any(n.endswith("_reverse") for n in tensors)
    projected = any(n.startswith("weight_hr") for n in tensors)
    first = stack_names(0, False)
    for name in ("weight_ih", "weight_hh"):
        if first[name] not in tensors:
            found = ", ".join(display[n] for n in tensors)
            raise missing_key(source, display[first[name]], found)
    w_hh0 = tensors[first["weight_hh"]]
    check_ndim_and_dtype(display[first["weight_hh"]], w_hh0, 2, source)
    if projected:
        kind, input_size, hidden, proj = _projected_first_layer(tensors, display, source)
    else:
        params = {n: tensors[first[n]] for n in PARAM_NAMES}
        keys = {n: display[first[n]] for n in PARAM_NAMES}
        kind, input_size, hidden = check_params(params, keys=keys, source=source)
        proj = 0
    gates = GATES[kind]
    out = proj or hidden
    directions = (False, True) if reverse else (False,)
    for k in range(len(layers)):
        for backward in directions:
            names = stack_names(k, backward)
            wanted = {
                "weight_ih": (gates * hidden, input_size if k == 0 else len(directions) * out),
                "weight_hh": (gates * hidden, out),
                "bias_ih": (gates * hidden,),
                "bias_hh": (gates * hidden,),
            }
            if projected:
                wanted["weight_hr"] = (proj, hidden)
            for name, shape in wanted.items():
                _check_one(tensors, display, names[name], shape, source)
    return StackShape(kind, input_size, hidden, len(layers), reverse, proj)


def _projected_first_layer(
    tensors: Mapping[str, np.ndarray], display: Mapping[str, str], source: str
) -> tuple[str, int, int, int]:
    """Kind, D, H and P of an LSTM with ``proj_size`` from layer 0's tensors."""
    names = stack_names(0, False)
    if names["weight_hr"] not in tensors:
        raise missing_key(source, display.get(names["weight_hr"], names["weight_hr"]))
    w_hr = tensors[names["weight_hr"]]
    check_ndim_and_dtype(display[names["weight_hr"]], w_hr, 2, source)
    proj, hidden = w_hr.shape
    w_hh = tensors[names["weight_hh"]]
    w_ih = tensors[names["weight_ih"]]
    check_ndim_and_dtype(display[names["weight_ih"]], w_ih, 2, source)
    if w_hh.shape != (4 * hidden, proj) or not 0 < proj < hidden:
        raise fail(
            source,
            tr_noop(
                "{hr} has shape {hr_shape}, so {hh} should be an LSTM's ({rows}, {proj}) "
                "with 0 < proj_size < hidden size; it has {hh_shape}"
            ),
            hr=display[names["weight_hr"]],
            hr_shape=w_hr.shape,
            hh=display[names["weight_hh"]],
            rows=4 * hidden,
            proj=proj,
            hh_shape=w_hh.shape,
        )
    return "lstm", int(w_ih.shape[1]), int(hidden), int(proj)


def _check_one(
    tensors: Mapping[str, np.ndarray],
    display: Mapping[str, str],
    name: str,
    shape: tuple[int, ...],
    source: str,
) -> None:
    key = display.get(name, name)
    if name not in tensors:
        raise missing_key(source, key)
    array = tensors[name]
    check_ndim_and_dtype(key, array, len(shape), source)
    if array.shape != shape:
        raise fail(
            source,
            tr_noop("{key} has shape {got}; this module's other weights need {want}"),
            key=key,
            got=array.shape,
            want=shape,
        )
    check_finite(key, array, source)
