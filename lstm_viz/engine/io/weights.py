"""Weight files: read and write a PyTorch single-layer ``nn.LSTM``/``nn.GRU``/``nn.RNN``.

The files hold a PyTorch ``state_dict``: ``weight_ih_l0`` (G·H, D), ``weight_hh_l0``
(G·H, H), ``bias_ih_l0`` (G·H,), ``bias_hh_l0`` (G·H,), with G = 4 gate blocks for the
LSTM (i, f, g, o), 3 for the GRU (r, z, n) and 1 for the plain RNN. The kind is inferred
from the shapes: G = rows / columns of ``weight_hh``.

This module is the public face: :func:`load_weights`, :func:`save_weights` and the
:class:`WeightFile` they exchange. The pieces behind it are :mod:`.weight_checks`
(the layout and :func:`check_params`), :mod:`.weight_formats` (reading and writing
each file type, never unpickling) and :mod:`.weight_keys` (finding the recurrent
layer among a file's keys); their public names are re-exported here.

Every problem is reported as a :class:`WeightsError` (a ``ValueError``) whose message
starts with the file name and names the key or the shapes involved, because the user
will read it in a dialog and must be able to fix the file from it alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from ...files import atomic_write
from ..cells.rnn import NONLINEARITIES
from ..cells.stack import MAX_LAYERS
from .checks import (
    GATES,
    KINDS,
    MAX_SIZE,
    PARAM_NAMES,
    WeightsError,
    check_finite,
    check_ndim_and_dtype,
    check_params,
    fail,
)
from .formats import SUFFIXES, WRITE_SUFFIXES, read_arrays, write_arrays
from .heads import Readout, find_readout
from .keys import RECURRENT_LEAF, describe_unsupported, find_layer

__all__ = [
    "GATES",
    "KINDS",
    "MAX_SIZE",
    "PARAM_NAMES",
    "SUFFIXES",
    "Readout",
    "WeightFile",
    "WeightsError",
    "check_params",
    "load_weights",
    "save_weights",
    "unsupported_reason",
]

# --------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class WeightFile:
    """The recurrent layer read from a weight file.

    Attributes
    ----------
    kind : {'lstm', 'gru', 'rnn'}
        Inferred from the shapes.
    input_size, hidden_size : int
        D and H.
    params : dict of str to ndarray
        ``weight_ih``, ``weight_hh``, ``bias_ih``, ``bias_hh`` in PyTorch's layout and
        gate order, read-only, in the requested dtype — ready for a cell's ``params``.
    extra : dict of str to ndarray
        Every other array in the file under its original key (e.g. ``fc.weight``),
        read-only; see :meth:`readout`.
    notes : tuple of str
        Things the user should know, e.g. that missing biases were filled with zeros.
    source : Path
        The file that was read.
    """

    kind: str
    input_size: int
    hidden_size: int
    params: dict[str, np.ndarray]
    extra: dict[str, np.ndarray] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    source: Path = Path()

    @property
    def gates(self) -> int:
        """Number of gate blocks G (4, 3 or 1)."""
        return GATES[self.kind]

    def readout(self) -> Readout | None:
        """The linear read-out of the hidden state among :attr:`extra`, or ``None``;
        see :func:`lstm_viz.engine.io.heads.find_readout` (never the input embedding)."""
        return find_readout(self)


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------


def _target_dtype(dtype: DTypeLike | None, stored: np.dtype) -> np.dtype:
    if dtype is not None:
        return np.dtype(dtype)
    # Keep what the file has, but the engine computes in float32/float64 only.
    return stored if stored in (np.float32, np.float64) else np.dtype(np.float32)


def _frozen(array: np.ndarray, dtype: np.dtype) -> np.ndarray:
    copy = np.array(array, dtype=dtype, copy=True)
    copy.setflags(write=False)
    return copy


def load_weights(
    path: str | os.PathLike[str],
    *,
    dtype: DTypeLike | None = np.float64,
    prefix: str | None = None,
) -> WeightFile:
    """Load a single-layer recurrent model's weights from a file.

    Parameters
    ----------
    path : str or PathLike
        ``.npz``, ``.safetensors``, or ``.pt``/``.pth`` (the last only with PyTorch
        installed) holding a state_dict of ``nn.LSTM``, ``nn.GRU`` or ``nn.RNN``
        (or the ``*Cell`` modules, whose keys lack ``_l0``). Keys may share a module
        prefix such as ``lstm.``; other arrays are returned in ``extra``.
    dtype : dtype or None
        Floating dtype of the returned arrays (float64 by default, like the engine).
        ``None`` keeps float32/float64 as stored and widens float16 to float32.
    prefix : str, optional
        Which recurrent module to read when the file has several (e.g. ``"encoder."``).

    Returns
    -------
    WeightFile

    Raises
    ------
    WeightsError
        With a message that names the file and the key or shapes at fault.
    """
    path = Path(path)
    source = path.name or str(path)
    if dtype is not None and not np.issubdtype(np.dtype(dtype), np.floating):
        raise fail(source, f"dtype must be a floating-point type; got {np.dtype(dtype)}")
    raw, notes = read_arrays(path, source)
    layer = find_layer(raw, prefix, source)
    if layer.unsupported:
        key = layer.unsupported[0]
        raise fail(
            source,
            f"key {key!r} belongs to a {describe_unsupported(key)} model; only single-layer "
            "unidirectional models without projections are supported",
        )

    # Name missing keys the way this file names its keys ("lstm.bias_hh_l0" or "bias_hh").
    style = "_l0" if any(k.endswith("_l0") for k in layer.keys.values()) else ""
    display = {name: layer.keys.get(name, f"{layer.prefix}{name}{style}") for name in PARAM_NAMES}
    for name in ("weight_ih", "weight_hh"):
        if name not in layer.keys:
            found = ", ".join(layer.keys.values())
            raise fail(source, f"missing key {display[name]!r} (found {found})")
    has_bias = [name in layer.keys for name in ("bias_ih", "bias_hh")]
    if any(has_bias) and not all(has_bias):
        present, absent = ("bias_ih", "bias_hh") if has_bias[0] else ("bias_hh", "bias_ih")
        raise fail(
            source,
            f"missing key {display[absent]!r}: the file has {display[present]!r}, and "
            "PyTorch saves both biases or neither",
        )

    params_raw = {name: raw[key] for name, key in layer.keys.items()}
    for name, array in params_raw.items():
        check_ndim_and_dtype(display[name], array, 2 if name.startswith("weight") else 1, source)
    target = _target_dtype(dtype, params_raw["weight_hh"].dtype)
    params = {name: _frozen(array, target) for name, array in params_raw.items()}
    kind, input_size, hidden_size = check_params(params, keys=display, source=source)
    if not all(has_bias):
        rows = GATES[kind] * hidden_size
        for name in ("bias_ih", "bias_hh"):
            params[name] = _frozen(np.zeros(rows), target)
        notes.append("the file has no biases (PyTorch bias=False): using zeros")
    if layer.prefix:
        notes.append(f"recurrent weights read from keys starting with {layer.prefix!r}")

    used = set(layer.keys.values())
    extra = {key: _frozen_extra(key, raw[key], dtype, source) for key in raw if key not in used}
    return WeightFile(
        kind=kind,
        input_size=input_size,
        hidden_size=hidden_size,
        params={name: params[name] for name in PARAM_NAMES},
        extra=extra,
        notes=tuple(notes),
        source=path,
    )


def _frozen_extra(key: str, array: np.ndarray, dtype: DTypeLike | None, source: str) -> np.ndarray:
    """Check and freeze one non-recurrent array; floats follow the requested dtype."""
    if array.dtype.kind not in "biuf":
        raise fail(source, f"key {key!r} has dtype {array.dtype}; expected numbers")
    if array.dtype.kind == "f":
        array = _frozen(array, _target_dtype(dtype, array.dtype))
        check_finite(key, array, source)
        return array
    return _frozen(array, array.dtype)


# --------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------


def _normalise_param_names(params: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Accept engine names (``weight_ih``) or PyTorch's (``weight_ih_l0``)."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        name = key.removesuffix("_l0") if isinstance(key, str) else key
        if name not in PARAM_NAMES:
            raise fail(
                source,
                f"unexpected parameter {key!r}; expected {', '.join(PARAM_NAMES)} "
                "(optionally with the _l0 suffix)",
            )
        if name in out:
            raise fail(source, f"parameter {name!r} given twice")
        out[name] = value
    return out


def _check_extra(extra: Mapping[str, Any], source: str) -> dict[str, np.ndarray]:
    arrays = {}
    for key, value in extra.items():
        if not isinstance(key, str) or not key:
            raise fail(source, f"extra key {key!r} must be a non-empty string")
        if RECURRENT_LEAF.fullmatch(key.rpartition(".")[2]):
            raise fail(
                source,
                f"extra key {key!r} would be read back as recurrent weights; rename it",
            )
        array = np.asarray(value)
        if array.dtype.kind not in "biuf":
            raise fail(source, f"extra key {key!r} has dtype {array.dtype}; expected numbers")
        check_finite(key, array, source)
        arrays[key] = np.ascontiguousarray(array)
    return arrays


def save_weights(
    path: str | os.PathLike[str],
    kind: str,
    params: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write a recurrent layer's weights with PyTorch's state_dict keys.

    Parameters
    ----------
    path : str or PathLike
        Destination; ``.npz`` or ``.safetensors`` (chosen by the suffix).
    kind : {'lstm', 'gru', 'rnn'}
        The model kind; the shapes must agree with it.
    params : mapping
        ``weight_ih``, ``weight_hh`` and optionally ``bias_ih``, ``bias_hh`` (engine
        names, or PyTorch's with ``_l0``), as from a cell's ``params``. Written as
        ``weight_ih_l0`` …; float32/float64 are preserved. Biases left out are not
        written (PyTorch's bias=False).
    extra : mapping, optional
        More arrays to store under their own keys, e.g. ``readout.weight``.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    WeightsError
        For invalid parameters (same checks and messages as loading), an unsupported
        suffix, a missing folder or a failed write. The file is replaced atomically:
        after a failure, any previous file at ``path`` is unchanged.
    """
    path = Path(path)
    source = path.name or str(path)
    suffix = path.suffix.lower()
    if suffix not in WRITE_SUFFIXES:
        raise fail(
            source,
            f"cannot write {path.suffix or '(no suffix)'!r} files: use .npz or .safetensors",
        )
    if not isinstance(kind, str) or kind.lower() not in GATES:
        raise fail(source, f"unknown model kind {kind!r}; expected one of {', '.join(KINDS)}")
    named = _normalise_param_names(params, source)
    arrays = {name: np.asarray(value) for name, value in named.items() if value is not None}
    check_params(arrays, kind.lower(), source=source)
    out = {
        f"{name}_l0": np.ascontiguousarray(arrays[name]) for name in PARAM_NAMES if name in arrays
    }
    out.update(_check_extra(extra or {}, source))
    if not path.parent.is_dir():
        raise fail(source, f"cannot write: the folder {path.parent} does not exist")
    try:
        atomic_write(path, lambda file: write_arrays(file, suffix, out))
    except OSError as exc:
        raise fail(source, f"could not write the file: {exc.strerror or exc}") from None
    return path


def unsupported_reason(wf: WeightFile) -> str | None:
    """Why the engine cannot run the model ``wf`` describes, or ``None`` when it can.

    The engine runs whole stacks (:class:`~lstm_viz.engine.cells.stack.RecurrentStack`):
    any number of layers, one or two directions, an LSTM's ``proj_size``, an RNN's
    tanh or relu. What is left is what no PyTorch module holds.
    """
    name = wf.source.name or "the weights"
    if getattr(wf, "proj_size", 0) and wf.kind != "lstm":
        return f"{name}: a projection (proj_size) belongs to an LSTM, not a {wf.kind.upper()}"
    nonlinearity = getattr(wf, "nonlinearity", "tanh")
    if nonlinearity not in NONLINEARITIES:
        return (
            f"{name}: the RNN's nonlinearity {nonlinearity!r} is not one PyTorch's nn.RNN "
            f"has; use {' or '.join(NONLINEARITIES)}"
        )
    if getattr(wf, "layers", 1) > MAX_LAYERS:
        return f"{name}: {wf.layers} layers; the engine runs at most {MAX_LAYERS}"
    return None
