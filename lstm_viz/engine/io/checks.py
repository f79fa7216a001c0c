"""The shape of a PyTorch recurrent layer's parameters, and the checks that enforce it.

A single-layer ``nn.LSTM``/``nn.GRU``/``nn.RNN`` stores ``weight_ih`` (G·H, D),
``weight_hh`` (G·H, H), ``bias_ih`` (G·H,) and ``bias_hh`` (G·H,), with G = 4 gate
blocks for the LSTM, 3 for the GRU and 1 for the plain RNN. Loading and saving
(:mod:`.weights`) both go through :func:`check_params`, so a file is judged by the
same rules, in the same words, whichever way it travels.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

from ...i18n_marks import Explained
from ..cells import MODELS

__all__ = ["GATES", "KINDS", "MAX_SIZE", "PARAM_NAMES", "WeightsError", "check_params"]

#: Model kinds, in the order the app lists them.
KINDS = tuple(MODELS)
#: Number of gate blocks stacked in each weight matrix (PyTorch's layout).
GATES: Mapping[str, int] = MappingProxyType({"lstm": 4, "gru": 3, "rnn": 1})
#: Engine names of the four parameters (PyTorch's names without the ``_l0`` suffix).
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
#: Largest input or hidden size accepted. A bigger layer cannot be drawn or stepped
#: through interactively, and a bogus shape in a damaged file is usually huge.
MAX_SIZE = 4096

_KIND_BY_GATES = {gates: kind for kind, gates in GATES.items()}
_LABEL = {"lstm": "an LSTM", "gru": "a GRU", "rnn": "an RNN"}
_SHORT_LABEL = {"lstm": "LSTM", "gru": "GRU", "rnn": "RNN"}


class WeightsError(Explained, ValueError):
    """A weight file that cannot be read or parameters that cannot be written; the
    message starts with the file name (``source``) when there is one."""

    def __init__(self, message: str, *, source: str | None = None, **slots: object) -> None:
        text = self._explain(message, slots)
        super().__init__(f"{source}: {text}" if source else text)
        self.source = source


def fail(source: str | None, message: str, **slots: object) -> WeightsError:
    """Build a WeightsError naming the file; a marked ``message`` is filled from ``slots``."""
    return WeightsError(message, source=source, **slots)


def _fit_hint(ih_key: str, rows: int) -> str:
    """Which hidden sizes ``rows`` rows of weight_ih would fit, for a shape error."""
    fits = [f"{rows // g} ({_SHORT_LABEL[k]})" for k, g in GATES.items() if rows % g == 0]
    listed = ", ".join(fits[:-1]) + f" or {fits[-1]}" if len(fits) > 1 else fits[0]
    return f"; {ih_key} with {rows} rows would fit hidden size {listed}"


def check_ndim_and_dtype(key: str, array: np.ndarray, ndim: int, source: str | None) -> None:
    """Raise WeightsError unless ``array`` has ``ndim`` dimensions and a float dtype."""
    if array.ndim != ndim:
        what = "a 2-D matrix" if ndim == 2 else "a 1-D vector"
        raise fail(source, f"{key} must be {what} but has shape {array.shape}")
    if not np.issubdtype(array.dtype, np.floating):
        raise fail(source, f"{key} has dtype {array.dtype}; expected floating-point numbers")


def check_finite(key: str, array: np.ndarray, source: str | None) -> None:
    """Raise WeightsError, counting the bad values, if a float ``array`` has NaN or ±inf."""
    if np.issubdtype(array.dtype, np.inexact):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        if bad:
            raise fail(source, f"{key} has {bad} non-finite value(s) (NaN or ±inf)")


def _check_size(what: str, size: int, key: str, shape: tuple, source: str | None) -> None:
    if size == 0:
        raise fail(source, f"{key} has shape {shape}: the {what} is 0")
    if size > MAX_SIZE:
        raise fail(
            source,
            f"{key} has shape {shape}: {what} {size} is larger than the supported "
            f"maximum {MAX_SIZE}",
        )


def check_params(
    params: Mapping[str, Any],
    kind: str | None = None,
    *,
    keys: Mapping[str, str] | None = None,
    source: str | None = None,
) -> tuple[str, int, int]:
    """Check that arrays form one PyTorch recurrent layer; return its kind and sizes.

    Parameters
    ----------
    params : mapping
        ``weight_ih`` and ``weight_hh`` (required), ``bias_ih`` and ``bias_hh``
        (optional; checked when present). Values are array-likes.
    kind : {'lstm', 'gru', 'rnn'}, optional
        Expected kind; inferred from ``weight_hh`` when omitted.
    keys : mapping, optional
        How to name each parameter in messages (default: PyTorch's ``weight_ih_l0`` …).
    source : str, optional
        File name to start messages with.

    Returns
    -------
    kind : str
    input_size : int
    hidden_size : int

    Raises
    ------
    WeightsError
        Naming the key and the shapes: missing or unexpected parameter, wrong number of
        dimensions, non-float dtype, inconsistent gate multiples, size 0 or above
        MAX_SIZE, non-finite values.
    """
    names = {name: f"{name}_l0" for name in PARAM_NAMES}
    names.update(keys or {})
    if kind is not None and kind not in GATES:
        raise fail(source, f"unknown model kind {kind!r}; expected one of {', '.join(KINDS)}")
    unexpected = sorted(set(params) - set(PARAM_NAMES))
    if unexpected:
        raise fail(
            source,
            f"unexpected parameter(s) {', '.join(map(repr, unexpected))}; expected "
            f"{', '.join(PARAM_NAMES)}",
        )
    for name in ("weight_ih", "weight_hh"):
        if name not in params or params[name] is None:
            raise fail(source, f"missing key {names[name]!r}")
    arrays = {
        name: np.asarray(params[name]) for name in PARAM_NAMES if params.get(name) is not None
    }
    for name, array in arrays.items():
        check_ndim_and_dtype(names[name], array, 2 if name.startswith("weight") else 1, source)

    ih_key, hh_key = names["weight_ih"], names["weight_hh"]
    w_ih, w_hh = arrays["weight_ih"], arrays["weight_hh"]
    rows, hidden = w_hh.shape
    _check_size("hidden size", hidden, hh_key, w_hh.shape, source)
    if kind is not None:
        gates = GATES[kind]
        if rows != gates * hidden:
            hint = ""
            ih_rows = w_ih.shape[0]
            if ih_rows % gates == 0 and ih_rows // gates != hidden:
                hint = f"; {ih_key} implies hidden size {ih_rows // gates}"
            raise fail(
                source,
                f"{hh_key} has shape {w_hh.shape} but {_LABEL[kind]} with hidden size "
                f"{hidden} needs ({gates * hidden}, {hidden}){hint}",
            )
    elif rows % hidden != 0 or rows // hidden not in _KIND_BY_GATES:
        raise fail(
            source,
            f"{hh_key} has shape {w_hh.shape}: its rows must be 1, 3 or 4 times its "
            f"columns (gates × hidden size for an RNN, GRU or LSTM)"
            + _fit_hint(ih_key, w_ih.shape[0]),
        )
    else:
        kind = _KIND_BY_GATES[rows // hidden]
        gates = GATES[kind]

    if w_ih.shape[0] != gates * hidden:
        raise fail(
            source,
            f"{ih_key} has shape {w_ih.shape} but {hh_key} {w_hh.shape} implies "
            f"{_LABEL[kind]} with hidden size {hidden}, so {ih_key} needs "
            f"{gates * hidden} rows",
        )
    input_size = w_ih.shape[1]
    _check_size("input size", input_size, ih_key, w_ih.shape, source)
    for name in ("bias_ih", "bias_hh"):
        if name in arrays and arrays[name].shape != (gates * hidden,):
            raise fail(
                source,
                f"{names[name]} has shape {arrays[name].shape} but expected "
                f"({gates * hidden},) for {_LABEL[kind]} with hidden size {hidden}",
            )
    for name, array in arrays.items():
        check_finite(names[name], array, source)
    return kind, int(input_size), int(hidden)
