"""Weight files: read and write a PyTorch single-layer ``nn.LSTM``/``nn.GRU``/``nn.RNN``.

The files hold a PyTorch ``state_dict``: ``weight_ih_l0`` (G·H, D), ``weight_hh_l0``
(G·H, H), ``bias_ih_l0`` (G·H,), ``bias_hh_l0`` (G·H,), with G = 4 gate blocks for the
LSTM (i, f, g, o), 3 for the GRU (r, z, n) and 1 for the plain RNN. The kind is inferred
from the shapes: G = rows / columns of ``weight_hh``.

Safety: weight files come from strangers (a course page, a colleague), so nothing is
ever unpickled. ``.npz`` is read with ``allow_pickle=False``; ``.safetensors`` holds only
raw numbers by design; ``.pt``/``.pth`` go through ``torch.load(weights_only=True)``,
which refuses arbitrary objects, and only when PyTorch is installed.

Every problem is reported as a :class:`WeightsError` (a ``ValueError``) whose message
starts with the file name and names the key or the shapes involved, because the user
will read it in a dialog and must be able to fix the file from it alone.
"""

from __future__ import annotations

import os
import pickle
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, NamedTuple

import numpy as np
from numpy.typing import DTypeLike

from .files import atomic_write

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
]

#: Model kinds, in the order the app lists them.
KINDS = ("lstm", "gru", "rnn")
#: Number of gate blocks stacked in each weight matrix (PyTorch's layout).
GATES: Mapping[str, int] = MappingProxyType({"lstm": 4, "gru": 3, "rnn": 1})
#: Engine names of the four parameters (PyTorch's names without the ``_l0`` suffix).
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
#: Largest input or hidden size accepted. A bigger layer cannot be drawn or stepped
#: through interactively, and a bogus shape in a damaged file is usually huge.
MAX_SIZE = 4096
#: File types :func:`load_weights` reads (lower case).
SUFFIXES = (".npz", ".safetensors", ".pt", ".pth")

_KIND_BY_GATES = {gates: kind for kind, gates in GATES.items()}
_LABEL = {"lstm": "an LSTM", "gru": "a GRU", "rnn": "an RNN"}
_SHORT_LABEL = {"lstm": "LSTM", "gru": "GRU", "rnn": "RNN"}
# Last dotted component of a recurrent key: "weight_ih_l0", "bias_hh", "weight_hr_l1",
# "weight_ih_l0_reverse". Keys without "_l<k>" come from nn.LSTMCell and friends.
_RECURRENT_LEAF = re.compile(
    r"(?P<name>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)(?:_l(?P<layer>\d+))?"
    r"(?P<reverse>_reverse)?"
)
# Module names commonly used for a linear read-out after the recurrent layer, in the
# order we prefer them when a file has several candidate matrices.
_READOUT_NAMES = ("readout", "fc", "linear", "out", "output", "head", "classifier", "decoder")


class WeightsError(ValueError):
    """A weight file that cannot be read or parameters that cannot be written."""


def _fail(source: str | None, message: str) -> WeightsError:
    """Build a WeightsError whose message starts with the file name."""
    return WeightsError(f"{source}: {message}" if source else message)


# --------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------


class Readout(NamedTuple):
    """A linear read-out ``y = weight @ h + bias`` found among a file's extra keys."""

    weight: np.ndarray
    bias: np.ndarray | None
    prefix: str


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
        """Find a linear read-out of the hidden state among :attr:`extra`.

        A read-out is a 2-D ``<prefix>weight`` with ``hidden_size`` columns, with an
        optional ``<prefix>bias`` of matching length. When several qualify, the one
        whose module is named ``readout``, ``fc``, ``linear``, ``out`` … (in that order)
        wins; if that does not decide, there is no unambiguous read-out.

        Returns
        -------
        Readout or None
        """
        candidates: list[Readout] = []
        for key, weight in self.extra.items():
            if not (key == "weight" or key.endswith(".weight")):
                continue
            if weight.ndim != 2 or weight.shape[1] != self.hidden_size:
                continue
            prefix = key[: -len("weight")]
            bias = self.extra.get(prefix + "bias")
            if bias is not None and bias.shape != (weight.shape[0],):
                bias = None
            candidates.append(Readout(weight, bias, prefix))
        if len(candidates) <= 1:
            return candidates[0] if candidates else None

        def rank(candidate: Readout) -> int:
            module = candidate.prefix.rstrip(".").rpartition(".")[2]
            return _READOUT_NAMES.index(module) if module in _READOUT_NAMES else len(_READOUT_NAMES)

        candidates.sort(key=rank)
        if rank(candidates[0]) < rank(candidates[1]):
            return candidates[0]
        return None


# --------------------------------------------------------------------------------------
# Validation shared by loading and saving
# --------------------------------------------------------------------------------------


def _fit_hint(ih_key: str, rows: int) -> str:
    """Which hidden sizes ``rows`` rows of weight_ih would fit, for a shape error."""
    fits = [f"{rows // g} ({_SHORT_LABEL[k]})" for k, g in GATES.items() if rows % g == 0]
    listed = ", ".join(fits[:-1]) + f" or {fits[-1]}" if len(fits) > 1 else fits[0]
    return f"; {ih_key} with {rows} rows would fit hidden size {listed}"


def _check_ndim_and_dtype(key: str, array: np.ndarray, ndim: int, source: str | None) -> None:
    if array.ndim != ndim:
        what = "a 2-D matrix" if ndim == 2 else "a 1-D vector"
        raise _fail(source, f"{key} must be {what} but has shape {array.shape}")
    if not np.issubdtype(array.dtype, np.floating):
        raise _fail(source, f"{key} has dtype {array.dtype}; expected floating-point numbers")


def _check_finite(key: str, array: np.ndarray, source: str | None) -> None:
    if np.issubdtype(array.dtype, np.inexact):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        if bad:
            raise _fail(source, f"{key} has {bad} non-finite value(s) (NaN or ±inf)")


def _check_size(what: str, size: int, key: str, shape: tuple, source: str | None) -> None:
    if size == 0:
        raise _fail(source, f"{key} has shape {shape}: the {what} is 0")
    if size > MAX_SIZE:
        raise _fail(
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
        raise _fail(source, f"unknown model kind {kind!r}; expected one of {', '.join(KINDS)}")
    unexpected = sorted(set(params) - set(PARAM_NAMES))
    if unexpected:
        raise _fail(
            source,
            f"unexpected parameter(s) {', '.join(map(repr, unexpected))}; expected "
            f"{', '.join(PARAM_NAMES)}",
        )
    for name in ("weight_ih", "weight_hh"):
        if name not in params or params[name] is None:
            raise _fail(source, f"missing key {names[name]!r}")
    arrays = {
        name: np.asarray(params[name]) for name in PARAM_NAMES if params.get(name) is not None
    }
    for name, array in arrays.items():
        _check_ndim_and_dtype(names[name], array, 2 if name.startswith("weight") else 1, source)

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
            raise _fail(
                source,
                f"{hh_key} has shape {w_hh.shape} but {_LABEL[kind]} with hidden size "
                f"{hidden} needs ({gates * hidden}, {hidden}){hint}",
            )
    elif rows % hidden != 0 or rows // hidden not in _KIND_BY_GATES:
        raise _fail(
            source,
            f"{hh_key} has shape {w_hh.shape}: its rows must be 1, 3 or 4 times its "
            f"columns (gates × hidden size for an RNN, GRU or LSTM)"
            + _fit_hint(ih_key, w_ih.shape[0]),
        )
    else:
        kind = _KIND_BY_GATES[rows // hidden]
        gates = GATES[kind]

    if w_ih.shape[0] != gates * hidden:
        raise _fail(
            source,
            f"{ih_key} has shape {w_ih.shape} but {hh_key} {w_hh.shape} implies "
            f"{_LABEL[kind]} with hidden size {hidden}, so {ih_key} needs "
            f"{gates * hidden} rows",
        )
    input_size = w_ih.shape[1]
    _check_size("input size", input_size, ih_key, w_ih.shape, source)
    for name in ("bias_ih", "bias_hh"):
        if name in arrays and arrays[name].shape != (gates * hidden,):
            raise _fail(
                source,
                f"{names[name]} has shape {arrays[name].shape} but expected "
                f"({gates * hidden},) for {_LABEL[kind]} with hidden size {hidden}",
            )
    for name, array in arrays.items():
        _check_finite(names[name], array, source)
    return kind, int(input_size), int(hidden)


# --------------------------------------------------------------------------------------
# Reading the raw arrays of each format
# --------------------------------------------------------------------------------------


def _read_npz(path: Path, source: str) -> dict[str, np.ndarray]:
    """Read every array of an .npz archive without ever unpickling."""
    try:
        with path.open("rb") as file:
            # np.load would happily read a plain .npy (or try pickle) from a file that
            # merely has the .npz suffix; insist on a zip archive.
            if file.read(2) != b"PK":
                raise _fail(source, "is not an .npz archive (a zip file of .npy arrays)")
            file.seek(0)
            with np.load(file, allow_pickle=False) as archive:
                return {key: _read_npz_member(archive, key, source) for key in archive.files}
    except WeightsError:
        raise
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        raise _fail(source, f"could not be read: {exc.strerror or exc}") from None
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, KeyError) as exc:
        raise _fail(
            source, f"is corrupt or truncated (not a readable .npz archive: {exc})"
        ) from None


def _read_npz_member(archive: Any, key: str, source: str) -> np.ndarray:
    try:
        value = archive[key]
    except ValueError as exc:
        if "pickle" in str(exc) or "Object arrays" in str(exc):
            raise _fail(
                source,
                f"key {key!r} holds Python objects (a pickled object array); refusing to "
                "unpickle it — weight files must hold plain numeric arrays",
            ) from None
        raise _fail(source, f"key {key!r} could not be read: {exc}") from None
    if not isinstance(value, np.ndarray):
        # NpzFile returns raw bytes for members that are not .npy files.
        raise _fail(source, f"key {key!r} is not a NumPy array")
    return value


def _read_safetensors(path: Path, source: str) -> dict[str, np.ndarray]:
    # Imported here so that importing the engine stays fast.
    from safetensors import SafetensorError
    from safetensors.numpy import load

    try:
        # Reading the bytes (rather than safetensors' memory map) releases the file at
        # once, so it can be replaced or deleted while the app keeps the weights.
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(source, f"could not be read: {exc.strerror or exc}") from None
    try:
        return dict(load(data))
    except KeyError as exc:
        # safetensors' NumPy backend raises KeyError for dtypes NumPy lacks (BF16, F8 …).
        raise _fail(
            source,
            f"holds tensors of dtype {exc.args[0]}, which NumPy cannot read; save them as "
            "float32 (tensor.float()) instead",
        ) from None
    except (SafetensorError, ValueError, TypeError) as exc:
        raise _fail(
            source, f"is corrupt or truncated (not a readable .safetensors file: {exc})"
        ) from None


def _torch_conversion_hint(path: Path) -> str:
    return (
        'python -c "import torch, numpy as np; '
        f"sd = torch.load('{path.name}', map_location='cpu', weights_only=True); "
        f"np.savez('{path.stem}.npz', **{{k: v.float().numpy() for k, v in sd.items()}})\""
    )


def _read_torch(path: Path, source: str) -> tuple[dict[str, np.ndarray], list[str]]:
    """Read a .pt/.pth state_dict through torch's safe loader; return arrays and notes."""
    try:
        import torch
    except ImportError:
        raise _fail(
            source,
            "reading .pt/.pth files needs PyTorch, which is not installed. Install it "
            "(pip install torch), or convert the file to .npz once where PyTorch is "
            f"available:\n    {_torch_conversion_hint(path)}",
        ) from None
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise _fail(
            source,
            "could not be loaded safely: torch.load(weights_only=True) refused it, so it "
            "holds Python objects (probably a whole pickled model) rather than a "
            f"state_dict. Save model.state_dict() instead. ({exc})",
        ) from None
    except Exception as exc:  # torch reports corruption with many exception types
        raise _fail(source, f"is corrupt or not a PyTorch file ({exc})") from None
    state, notes = _unwrap_checkpoint(obj, torch, source)
    arrays = {}
    for key, tensor in state.items():
        tensor = tensor.detach().cpu()
        if tensor.dtype == torch.bfloat16:  # NumPy has no bfloat16
            tensor = tensor.float()
        arrays[str(key)] = np.array(tensor.numpy())
    return arrays, notes


def _unwrap_checkpoint(obj: Any, torch: Any, source: str) -> tuple[dict, list[str]]:
    """Return the state_dict inside ``obj``: itself, or a training checkpoint's entry."""
    if not isinstance(obj, Mapping):
        raise _fail(source, f"holds a {type(obj).__name__}, not a state_dict (a dict of tensors)")
    if all(isinstance(v, torch.Tensor) for v in obj.values()):
        return dict(obj), []
    for entry in ("state_dict", "model_state_dict", "model"):
        inner = obj.get(entry)
        if isinstance(inner, Mapping) and all(isinstance(v, torch.Tensor) for v in inner.values()):
            return dict(inner), [f"read the state_dict stored under {entry!r} in the checkpoint"]
    key, value = next((k, v) for k, v in obj.items() if not isinstance(v, torch.Tensor))
    raise _fail(
        source,
        f"key {key!r} holds a {type(value).__name__}, not a tensor; expected a state_dict "
        "(model.state_dict()) or a checkpoint with one under 'state_dict'",
    )


# --------------------------------------------------------------------------------------
# Finding the recurrent layer among the keys
# --------------------------------------------------------------------------------------


@dataclass
class _Layer:
    """The keys of one recurrent module, grouped under their common prefix."""

    prefix: str
    keys: dict[str, str] = field(default_factory=dict)  # engine name -> file key
    unsupported: list[str] = field(default_factory=list)


def _group_recurrent_keys(keys: list[str], source: str) -> dict[str, _Layer]:
    layers: dict[str, _Layer] = {}
    for key in keys:
        module, _, leaf = key.rpartition(".")
        match = _RECURRENT_LEAF.fullmatch(leaf)
        if match is None:
            continue
        prefix = f"{module}." if module else ""
        layer = layers.setdefault(prefix, _Layer(prefix))
        name = match["name"]
        if match["reverse"] or (match["layer"] not in (None, "0")) or name == "weight_hr":
            layer.unsupported.append(key)
            continue
        if name in layer.keys:
            raise _fail(
                source, f"keys {layer.keys[name]!r} and {key!r} both give {name}; keep only one"
            )
        layer.keys[name] = key
    return layers


def _select_layer(layers: dict[str, _Layer], raw: Mapping, prefix: str | None, source: str):
    if not layers:
        shown = ", ".join(list(raw)[:10]) + (" …" if len(raw) > 10 else "")
        raise _fail(
            source,
            "no recurrent layer found: expected keys weight_ih_l0, weight_hh_l0, bias_ih_l0, "
            f"bias_hh_l0 (optionally with a module prefix); the file has: {shown or 'no arrays'}",
        )
    if prefix is not None:
        wanted = prefix if prefix == "" or prefix.endswith(".") else prefix + "."
        if wanted not in layers:
            raise _fail(
                source,
                f"no recurrent layer with prefix {prefix!r}; found "
                f"{', '.join(repr(p) for p in sorted(layers))}",
            )
        return layers[wanted]
    if len(layers) > 1:
        raise _fail(
            source,
            "several recurrent layers found (key prefixes "
            f"{', '.join(repr(p) for p in sorted(layers))}); only one can be shown — "
            "choose one with load_weights(..., prefix=...)",
        )
    return next(iter(layers.values()))


def _describe_unsupported(key: str) -> str:
    leaf = key.rpartition(".")[2]
    if leaf.endswith("_reverse"):
        return "bidirectional"
    if leaf.startswith("weight_hr"):
        return "projection (proj_size)"
    return "multi-layer"


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


def _read_raw(path: Path, source: str) -> tuple[dict[str, np.ndarray], list[str]]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _fail(
            source,
            f"unsupported file type {path.suffix or '(no suffix)'!r}: expected "
            f"{', '.join(SUFFIXES)}",
        )
    if not path.exists():
        raise _fail(source, f"file not found: {path}")
    if path.is_dir():
        raise _fail(source, "is a folder, not a weight file")
    if suffix == ".npz":
        return _read_npz(path, source), []
    if suffix == ".safetensors":
        return _read_safetensors(path, source), []
    return _read_torch(path, source)


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
        raise _fail(source, f"dtype must be a floating-point type; got {np.dtype(dtype)}")
    raw, notes = _read_raw(path, source)
    layer = _select_layer(_group_recurrent_keys(list(raw), source), raw, prefix, source)
    if layer.unsupported:
        key = layer.unsupported[0]
        raise _fail(
            source,
            f"key {key!r} belongs to a {_describe_unsupported(key)} model; only single-layer "
            "unidirectional models without projections are supported",
        )

    # Name missing keys the way this file names its keys ("lstm.bias_hh_l0" or "bias_hh").
    style = "_l0" if any(k.endswith("_l0") for k in layer.keys.values()) else ""
    display = {name: layer.keys.get(name, f"{layer.prefix}{name}{style}") for name in PARAM_NAMES}
    for name in ("weight_ih", "weight_hh"):
        if name not in layer.keys:
            found = ", ".join(layer.keys.values())
            raise _fail(source, f"missing key {display[name]!r} (found {found})")
    has_bias = [name in layer.keys for name in ("bias_ih", "bias_hh")]
    if any(has_bias) and not all(has_bias):
        present, absent = ("bias_ih", "bias_hh") if has_bias[0] else ("bias_hh", "bias_ih")
        raise _fail(
            source,
            f"missing key {display[absent]!r}: the file has {display[present]!r}, and "
            "PyTorch saves both biases or neither",
        )

    params_raw = {name: raw[key] for name, key in layer.keys.items()}
    for name, array in params_raw.items():
        _check_ndim_and_dtype(display[name], array, 2 if name.startswith("weight") else 1, source)
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
        raise _fail(source, f"key {key!r} has dtype {array.dtype}; expected numbers")
    if array.dtype.kind == "f":
        array = _frozen(array, _target_dtype(dtype, array.dtype))
        _check_finite(key, array, source)
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
            raise _fail(
                source,
                f"unexpected parameter {key!r}; expected {', '.join(PARAM_NAMES)} "
                "(optionally with the _l0 suffix)",
            )
        if name in out:
            raise _fail(source, f"parameter {name!r} given twice")
        out[name] = value
    return out


def _check_extra(extra: Mapping[str, Any], source: str) -> dict[str, np.ndarray]:
    arrays = {}
    for key, value in extra.items():
        if not isinstance(key, str) or not key:
            raise _fail(source, f"extra key {key!r} must be a non-empty string")
        if _RECURRENT_LEAF.fullmatch(key.rpartition(".")[2]):
            raise _fail(
                source,
                f"extra key {key!r} would be read back as recurrent weights; rename it",
            )
        array = np.asarray(value)
        if array.dtype.kind not in "biuf":
            raise _fail(source, f"extra key {key!r} has dtype {array.dtype}; expected numbers")
        _check_finite(key, array, source)
        arrays[key] = np.ascontiguousarray(array)
    return arrays


def _write_npz(file: IO[bytes], arrays: Mapping[str, np.ndarray]) -> None:
    # What np.savez does internally, written out so that any key is allowed (np.savez
    # takes keys as keyword arguments, so "file" or "allow_pickle" would clash) and
    # pickling is refused.
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for key, array in arrays.items():
            with archive.open(f"{key}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, array, allow_pickle=False)


def _write_safetensors(file: IO[bytes], arrays: Mapping[str, np.ndarray]) -> None:
    from safetensors.numpy import save

    file.write(save(dict(arrays)))


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
    if suffix not in (".npz", ".safetensors"):
        raise _fail(
            source,
            f"cannot write {path.suffix or '(no suffix)'!r} files: use .npz or .safetensors",
        )
    if not isinstance(kind, str) or kind.lower() not in GATES:
        raise _fail(source, f"unknown model kind {kind!r}; expected one of {', '.join(KINDS)}")
    named = _normalise_param_names(params, source)
    arrays = {name: np.asarray(value) for name, value in named.items() if value is not None}
    check_params(arrays, kind.lower(), source=source)
    out = {
        f"{name}_l0": np.ascontiguousarray(arrays[name]) for name in PARAM_NAMES if name in arrays
    }
    out.update(_check_extra(extra or {}, source))
    if not path.parent.is_dir():
        raise _fail(source, f"cannot write: the folder {path.parent} does not exist")
    # Resolved at call time, so a test can replace the writer to simulate a failure.
    write = _write_npz if suffix == ".npz" else _write_safetensors
    try:
        atomic_write(path, lambda file: write(file, out))
    except OSError as exc:
        raise _fail(source, f"could not write the file: {exc.strerror or exc}") from None
    return path
