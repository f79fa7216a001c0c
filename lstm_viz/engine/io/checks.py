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

from ...i18n_marks import Explained, Sentence, tr_noop
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
_LABEL = {"lstm": tr_noop("an LSTM"), "gru": tr_noop("a GRU"), "rnn": tr_noop("an RNN")}
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


def either(first: str, second: str) -> Sentence:
    """ "first or second", marked (either may itself be a marked sentence)."""
    return Sentence(tr_noop("{a} or {b}"), a=first, b=second)


def unknown_kind(source: str | None, kind: object) -> WeightsError:
    """The error for a model kind that is none of :data:`KINDS`."""
    return fail(
        source,
        tr_noop("unknown model kind {kind!r}; expected one of {kinds}"),
        kind=kind,
        kinds=", ".join(KINDS),
    )


def missing_key(source: str | None, key: str, found: str | None = None) -> WeightsError:
    """The error for a required key the file lacks (``found``: the keys it has instead)."""
    if found is None:
        return fail(source, tr_noop("missing key {key!r}"), key=key)
    return fail(source, tr_noop("missing key {key!r} (found {found})"), key=key, found=found)


def _fit_hint(ih_key: str, rows: int) -> Sentence:
    """Which hidden sizes ``rows`` rows of weight_ih would fit, for a shape error."""
    fits = [f"{rows // g} ({_SHORT_LABEL[k]})" for k, g in GATES.items() if rows % g == 0]
    listed: str = either(", ".join(fits[:-1]), fits[-1]) if len(fits) > 1 else fits[0]
    return Sentence(
        tr_noop("; {key} with {rows} rows would fit hidden size {sizes}"),
        key=ih_key,
        rows=rows,
        sizes=listed,
    )


def check_ndim_and_dtype(key: str, array: np.ndarray, ndim: int, source: str | None) -> None:
    """Raise WeightsError unless ``array`` has ``ndim`` dimensions and a float dtype."""
    if array.ndim != ndim:
        template = (
            tr_noop("{key} must be a 2-D matrix but has shape {shape}")
            if ndim == 2
            else tr_noop("{key} must be a 1-D vector but has shape {shape}")
        )
        raise fail(source, template, key=key, shape=array.shape)
    if not np.issubdtype(array.dtype, np.floating):
        raise fail(
            source,
            tr_noop("{key} has dtype {dtype}; expected floating-point numbers"),
            key=key,
            dtype=str(array.dtype),
        )


def check_finite(key: str, array: np.ndarray, source: str | None) -> None:
    """Raise WeightsError, counting the bad values, if a float ``array`` has NaN or ±inf."""
    if np.issubdtype(array.dtype, np.inexact):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        if bad:
            raise fail(
                source,
                tr_noop("{key} has {n} non-finite value(s) (NaN or ±inf)"),
                key=key,
                n=bad,
            )


def _check_size(what: str, size: int, key: str, shape: tuple, source: str | None) -> None:
    """``what`` is "hidden" or "input": the size that ``shape`` of ``key`` implies."""
    if size == 0:
        template = (
            tr_noop("{key} has shape {shape}: the hidden size is 0")
            if what == "hidden"
            else tr_noop("{key} has shape {shape}: the input size is 0")
        )
        raise fail(source, template, key=key, shape=shape)
    if size > MAX_SIZE:
        template = (
            tr_noop(
                "{key} has shape {shape}: hidden size {n} is larger than the supported "
                "maximum {most}"
            )
            if what == "hidden"
            else tr_noop(
                "{key} has shape {shape}: input size {n} is larger than the supported "
                "maximum {most}"
            )
        )
        raise fail(source, template, key=key, shape=shape, n=size, most=MAX_SIZE)


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
        raise unknown_kind(source, kind)
    unexpected = sorted(set(params) - set(PARAM_NAMES))
    if unexpected:
        raise fail(
            source,
            tr_noop("unexpected parameter(s) {names}; expected {expected}"),
            names=", ".join(map(repr, unexpected)),
            expected=", ".join(PARAM_NAMES),
        )
    for name in ("weight_ih", "weight_hh"):
        if name not in params or params[name] is None:
            raise missing_key(source, names[name])
    arrays = {
        name: np.asarray(params[name]) for name in PARAM_NAMES if params.get(name) is not None
    }
    for name, array in arrays.items():
        check_ndim_and_dtype(names[name], array, 2 if name.startswith("weight") else 1, source)

    ih_key, hh_key = names["weight_ih"], names["weight_hh"]
    w_ih, w_hh = arrays["weight_ih"], arrays["weight_hh"]
    rows, hidden = w_hh.shape
    _check_size("hidden", hidden, hh_key, w_hh.shape, source)
    if kind is not None:
        gates = GATES[kind]
        if rows != gates * hidden:
            hint: str = ""
            ih_rows = w_ih.shape[0]
            if ih_rows % gates == 0 and ih_rows // gates != hidden:
                hint = Sentence(
                    tr_noop("; {key} implies hidden size {n}"), key=ih_key, n=ih_rows // gates
                )
            raise fail(
                source,
                tr_noop(
                    "{key} has shape {shape} but {model} with hidden size {h} needs {want}{hint}"
                ),
                key=hh_key,
                shape=w_hh.shape,
                model=_LABEL[kind],
                h=hidden,
                want=(gates * hidden, hidden),
                hint=hint,
            )
    elif rows % hidden != 0 or rows // hidden not in _KIND_BY_GATES:
        raise fail(
            source,
            tr_noop(
                "{key} has shape {shape}: its rows must be 1, 3 or 4 times its columns "
                "(gates × hidden size for an RNN, GRU or LSTM){hint}"
            ),
            key=hh_key,
            shape=w_hh.shape,
            hint=_fit_hint(ih_key, w_ih.shape[0]),
        )
    else:
        kind = _KIND_BY_GATES[rows // hidden]
        gates = GATES[kind]

    if w_ih.shape[0] != gates * hidden:
        raise fail(
            source,
            tr_noop(
                "{ih} has shape {ih_shape} but {hh} {hh_shape} implies {model} with hidden "
                "size {h}, so {ih} needs {rows} rows"
            ),
            ih=ih_key,
            ih_shape=w_ih.shape,
            hh=hh_key,
            hh_shape=w_hh.shape,
            model=_LABEL[kind],
            h=hidden,
            rows=gates * hidden,
        )
    input_size = w_ih.shape[1]
    _check_size("input", input_size, ih_key, w_ih.shape, source)
    for name in ("bias_ih", "bias_hh"):
        if name in arrays and arrays[name].shape != (gates * hidden,):
            raise fail(
                source,
                tr_noop(
                    "{key} has shape {shape} but expected {want} for {model} with hidden size {h}"
                ),
                key=names[name],
                shape=arrays[name].shape,
                want=(gates * hidden,),
                model=_LABEL[kind],
                h=hidden,
            )
    for name, array in arrays.items():
        check_finite(names[name], array, source)
    return kind, int(input_size), int(hidden)
