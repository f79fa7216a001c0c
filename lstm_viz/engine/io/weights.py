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
from ...i18n_marks import Sentence, tr_noop
from ..cells.rnn import NONLINEARITIES
from ..cells.stack import MAX_LAYERS
from .assemble import assemble
from .checks import (
    GATES,
    KINDS,
    MAX_SIZE,
    PARAM_NAMES,
    WeightsError,
    check_finite,
    check_params,
    fail,
    unknown_kind,
)
from .formats import SUFFIXES, WRITE_SUFFIXES, read_arrays, write_arrays
from .heads import Readout, find_readout
from .keys import RECURRENT_LEAF
from .report import LoadReport

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
    """The recurrent module read from a weight file.

    Attributes
    ----------
    kind : {'lstm', 'gru', 'rnn'}
        Inferred from the shapes (or recorded by a Keras/ONNX file).
    input_size, hidden_size : int
        D and H (H is the cell size; with ``proj_size`` the output is P wide).
    params : dict of str to ndarray
        Layer 0, forward direction: ``weight_ih``, ``weight_hh``, ``bias_ih``,
        ``bias_hh`` in PyTorch's layout and gate order, read-only, in the requested
        dtype — ready for a cell's ``params``.
    extra : dict of str to ndarray
        Every other array in the file under its original key (e.g. ``fc.weight``),
        read-only; see :meth:`readout`.
    notes : tuple of str
        The load report's lines (see :attr:`report`), as English sentences.
    source : Path
        The file that was read.
    layers, bidirectional, proj_size : int, bool, int
        ``num_layers``, ``bidirectional`` and the LSTM's ``proj_size`` (0 = none).
    nonlinearity : {'tanh', 'relu'}
        A plain RNN's; ``nonlinearity_assumed`` is True when the file cannot tell.
    stack : dict of str to ndarray
        Every recurrent tensor of the module under PyTorch's names
        (``weight_ih_l1_reverse`` …), PyTorch's gate order, the requested dtype,
        read-only; missing biases filled with zeros (and said in :attr:`report`).
    report : LoadReport
        What was read, from where, ignored, assumed and filled.
    modules : tuple of str
        Every recurrent module prefix in the file (``""`` for a bare module).
    """

    kind: str
    input_size: int
    hidden_size: int
    params: dict[str, np.ndarray]
    extra: dict[str, np.ndarray] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    source: Path = Path()
    layers: int = 1
    bidirectional: bool = False
    proj_size: int = 0
    nonlinearity: str = "tanh"
    nonlinearity_assumed: bool = False
    stack: dict[str, np.ndarray] = field(default_factory=dict)
    report: LoadReport = field(default_factory=lambda: LoadReport(Sentence(tr_noop("weights"))))
    modules: tuple[str, ...] = ()

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


def load_weights(
    path: str | os.PathLike[str],
    *,
    dtype: DTypeLike | None = np.float64,
    prefix: str | None = None,
    runnable: bool = True,
) -> WeightFile:
    """Load a recurrent module's weights from a file.

    Parameters
    ----------
    path : str or PathLike
        ``.npz``, ``.safetensors``, a PyTorch file (``.pt``/``.pth``/``.ckpt``/``.net``/
        ``.bin`` …, decided by its content; only with PyTorch installed), a Keras 3
        ``.keras`` or ``.weights.h5``. A state_dict of ``nn.LSTM``/``GRU``/``RNN``
        (or the ``*Cell`` modules), bare, inside a whole model's (keys with a module
        prefix such as ``lstm.``), or inside a training checkpoint. Other arrays are
        returned in ``extra``.
    dtype : dtype or None
        Floating dtype of the returned arrays (float64 by default, like the engine).
        ``None`` keeps float32/float64 as stored and widens float16 to float32.
    prefix : str, optional
        Which recurrent module to read when the file has several (e.g. ``"encoder."``);
        without it the only one, chained ``*Cell`` modules, or the first (said in the
        report).
    runnable : bool
        Refuse, with :func:`unsupported_reason`'s message, a module the engine cannot
        run (the default); False returns it anyway, for inspection.

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
        raise fail(
            source,
            tr_noop("dtype must be a floating-point type; got {dtype}"),
            dtype=str(np.dtype(dtype)),
        )
    contents = read_arrays(path, source)
    wf = WeightFile(**assemble(contents, path, source, dtype, prefix))
    if runnable and (why := unsupported_reason(wf)) is not None:
        raise fail(source, why.template, **why.slots)
    return wf


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
                tr_noop(
                    "unexpected parameter {key!r}; expected {expected} (optionally with the "
                    "_l0 suffix)"
                ),
                key=key,
                expected=", ".join(PARAM_NAMES),
            )
        if name in out:
            raise fail(
                source,
                tr_noop("parameter {name!r} given twice; give each parameter once"),
                name=name,
            )
        out[name] = value
    return out


def _check_extra(extra: Mapping[str, Any], source: str) -> dict[str, np.ndarray]:
    arrays = {}
    for key, value in extra.items():
        if not isinstance(key, str) or not key:
            raise fail(source, tr_noop("extra key {key!r} must be a non-empty string"), key=key)
        if RECURRENT_LEAF.fullmatch(key.rpartition(".")[2]):
            raise fail(
                source,
                tr_noop("extra key {key!r} would be read back as recurrent weights; rename it"),
                key=key,
            )
        array = np.asarray(value)
        if array.dtype.kind not in "biuf":
            raise fail(
                source,
                tr_noop("extra key {key!r} has dtype {dtype}; expected numbers"),
                key=key,
                dtype=str(array.dtype),
            )
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
            tr_noop("cannot write {suffix!r} files: use .npz or .safetensors"),
            suffix=path.suffix or "(no suffix)",
        )
    if not isinstance(kind, str) or kind.lower() not in GATES:
        raise unknown_kind(source, kind)
    named = _normalise_param_names(params, source)
    arrays = {name: np.asarray(value) for name, value in named.items() if value is not None}
    check_params(arrays, kind.lower(), source=source)
    out = {
        f"{name}_l0": np.ascontiguousarray(arrays[name]) for name in PARAM_NAMES if name in arrays
    }
    out.update(_check_extra(extra or {}, source))
    if not path.parent.is_dir():
        raise fail(
            source,
            tr_noop(
                "cannot write: the folder {folder} does not exist; create it or choose another"
            ),
            folder=str(path.parent),
        )
    try:
        atomic_write(path, lambda file: write_arrays(file, suffix, out))
    except OSError as exc:
        raise fail(
            source, tr_noop("could not write the file: {why}"), why=str(exc.strerror or exc)
        ) from None
    return path


def unsupported_reason(wf: WeightFile) -> Sentence | None:
    """Why the engine cannot run the model ``wf`` describes (saying what to do), or ``None``.

    The one place such models are refused. The engine runs whole stacks
    (:class:`~lstm_viz.engine.cells.stack.RecurrentStack`): any number of layers up to
    its limit, one or two directions, an LSTM's ``proj_size``, an RNN's tanh or relu.
    What is left is what no PyTorch module holds.
    """
    if wf.proj_size and wf.kind != "lstm":
        return Sentence(
            tr_noop("a projection (proj_size) belongs to an LSTM, not a {kind}"),
            kind=wf.kind.upper(),
        )
    if wf.nonlinearity not in NONLINEARITIES:
        return Sentence(
            tr_noop("the RNN's nonlinearity {f!r} is not one PyTorch's nn.RNN has; use {allowed}"),
            f=wf.nonlinearity,
            allowed=" or ".join(NONLINEARITIES),
        )
    if wf.layers > MAX_LAYERS:
        return Sentence(
            tr_noop("{n} layers; the engine runs at most {most} — open a file with fewer layers"),
            n=wf.layers,
            most=MAX_LAYERS,
        )
    return None
