"""Weight file formats: read .npz, .safetensors and .pt/.pth; write .npz and .safetensors.

Safety: weight files come from strangers (a course page, a colleague), so nothing is
ever unpickled. ``.npz`` is read with ``allow_pickle=False``; ``.safetensors`` holds only
raw numbers by design; ``.pt``/``.pth`` go through ``torch.load(weights_only=True)``,
which refuses arbitrary objects, and only when PyTorch is installed.

This module knows file formats only; which keys form a recurrent layer is decided by
:mod:`.weight_keys` and :mod:`.weights`.
"""

from __future__ import annotations

import pickle
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np

from ...i18n_marks import tr_noop
from .checks import WeightsError, fail

__all__ = ["SUFFIXES", "WRITE_SUFFIXES", "read_arrays", "write_arrays"]

#: File types :func:`read_arrays` (and so ``load_weights``) reads (lower case).
SUFFIXES = (".npz", ".safetensors", ".pt", ".pth")
#: File types :func:`write_arrays` writes (lower case).
WRITE_SUFFIXES = (".npz", ".safetensors")


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def read_arrays(path: Path, source: str) -> tuple[dict[str, np.ndarray], list[str]]:
    """Read every array of a weight file, by suffix; return them and notes for the user.

    Raises WeightsError, starting with ``source``, for an unsupported suffix, a missing
    file or folder, and any unreadable, corrupt or unsafe content.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise fail(
            source,
            tr_noop("unsupported file type {suffix!r}: expected {allowed}"),
            suffix=path.suffix or "(no suffix)",
            allowed=", ".join(SUFFIXES),
        )
    if not path.exists():
        raise fail(source, tr_noop("file not found: {path}"), path=str(path))
    if path.is_dir():
        raise fail(source, tr_noop("is a folder, not a weight file"))
    if suffix == ".npz":
        return _read_npz(path, source), []
    if suffix == ".safetensors":
        return _read_safetensors(path, source), []
    return _read_torch(path, source)


def _read_npz(path: Path, source: str) -> dict[str, np.ndarray]:
    """Read every array of an .npz archive without ever unpickling."""
    try:
        with path.open("rb") as file:
            # np.load would happily read a plain .npy (or try pickle) from a file that
            # merely has the .npz suffix; insist on a zip archive.
            if file.read(2) != b"PK":
                raise fail(source, tr_noop("is not an .npz archive (a zip file of .npy arrays)"))
            file.seek(0)
            with np.load(file, allow_pickle=False) as archive:
                return {key: _read_npz_member(archive, key, source) for key in archive.files}
    except WeightsError:
        raise
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        raise fail(
            source, tr_noop("could not be read: {why}"), why=str(exc.strerror or exc)
        ) from None
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, KeyError) as exc:
        raise fail(
            source,
            tr_noop("is corrupt or truncated (not a readable .npz archive: {why})"),
            why=str(exc),
        ) from None


def _read_npz_member(archive: Any, key: str, source: str) -> np.ndarray:
    try:
        value = archive[key]
    except ValueError as exc:
        if "pickle" in str(exc) or "Object arrays" in str(exc):
            raise fail(
                source,
                f"key {key!r} holds Python objects (a pickled object array); refusing to "
                "unpickle it — weight files must hold plain numeric arrays",
            ) from None
        raise fail(source, f"key {key!r} could not be read: {exc}") from None
    if not isinstance(value, np.ndarray):
        # NpzFile returns raw bytes for members that are not .npy files.
        raise fail(source, f"key {key!r} is not a NumPy array")
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
        raise fail(
            source, tr_noop("could not be read: {why}"), why=str(exc.strerror or exc)
        ) from None
    try:
        return dict(load(data))
    except KeyError as exc:
        # safetensors' NumPy backend raises KeyError for dtypes NumPy lacks (BF16, F8 …).
        raise fail(
            source,
            f"holds tensors of dtype {exc.args[0]}, which NumPy cannot read; save them as "
            "float32 (tensor.float()) instead",
        ) from None
    except (SafetensorError, ValueError, TypeError) as exc:
        raise fail(
            source,
            tr_noop("is corrupt or truncated (not a readable .safetensors file: {why})"),
            why=str(exc),
        ) from None


def _torch_conversion_hint(path: Path) -> str:
    return (
        'python -c "import torch, numpy as np; '
        f"sd = torch.load('{path.name}', map_location='cpu', weights_only=True); "
        f"np.savez('{path.stem}.npz', **{{k: v.float().numpy() for k, v in sd.items()}})\""
    )


def _version_tuple(version: str) -> tuple[int, ...]:
    """``"2.13.0+cpu"`` → ``(2, 13)``: the release numbers that matter here."""
    parts = version.split("+")[0].split(".")[:2]
    return tuple(int(p) if p.isdigit() else 0 for p in parts)


def _read_torch(path: Path, source: str) -> tuple[dict[str, np.ndarray], list[str]]:
    """Read a .pt/.pth state_dict through torch's safe loader; return arrays and notes."""
    try:
        import torch
    except ImportError:
        raise fail(
            source,
            "reading .pt/.pth files needs PyTorch, which is not installed. Install it "
            "(pip install torch), or convert the file to .npz once where PyTorch is "
            f"available:\n    {_torch_conversion_hint(path)}",
        ) from None
    if _version_tuple(torch.__version__) < (2, 6):
        # Before 2.6 the restricted unpickler behind weights_only=True could still
        # run code from a crafted file (CVE-2025-32434): refuse rather than trust it.
        raise fail(
            source,
            f"reading .pt/.pth files safely needs PyTorch 2.6 or newer (this is "
            f"{torch.__version__}); upgrade it, or convert the file to .npz once:\n"
            f"    {_torch_conversion_hint(path)}",
        )
    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise fail(
            source,
            "could not be loaded safely: torch.load(weights_only=True) refused it, so it "
            "holds Python objects (probably a whole pickled model) rather than a "
            f"state_dict. Save model.state_dict() instead. ({exc})",
        ) from None
    except Exception as exc:  # torch reports corruption with many exception types
        raise fail(source, f"is corrupt or not a PyTorch file ({exc})") from None
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
        raise fail(source, f"holds a {type(obj).__name__}, not a state_dict (a dict of tensors)")
    if all(isinstance(v, torch.Tensor) for v in obj.values()):
        return dict(obj), []
    for entry in ("state_dict", "model_state_dict", "model"):
        inner = obj.get(entry)
        if isinstance(inner, Mapping) and all(isinstance(v, torch.Tensor) for v in inner.values()):
            return dict(inner), [f"read the state_dict stored under {entry!r} in the checkpoint"]
    key, value = next((k, v) for k, v in obj.items() if not isinstance(v, torch.Tensor))
    raise fail(
        source,
        f"key {key!r} holds a {type(value).__name__}, not a tensor; expected a state_dict "
        "(model.state_dict()) or a checkpoint with one under 'state_dict'",
    )


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def write_arrays(file: IO[bytes], suffix: str, arrays: Mapping[str, np.ndarray]) -> None:
    """Write ``arrays`` to an open binary file as ``.npz`` or ``.safetensors``."""
    # Resolved at call time, so a test can replace a writer to simulate a failure.
    write = _write_npz if suffix == ".npz" else _write_safetensors
    write(file, arrays)


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
