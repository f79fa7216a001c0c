"""Weight file formats: read .npz, .safetensors and .pt/.pth; write .npz and .safetensors.

Safety: weight files come from strangers (a course page, a colleague), so nothing is
ever unpickled. ``.npz`` is read with ``allow_pickle=False``; ``.safetensors`` holds only
raw numbers by design; ``.pt``/``.pth`` go through ``torch.load(weights_only=True)``,
which refuses arbitrary objects, and only when PyTorch is installed.

This module knows file formats only; which keys form a recurrent layer is decided by
:mod:`.weight_keys` and :mod:`.weights`.
"""

from __future__ import annotations

import json
import math
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, BinaryIO

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from ..budget import MAX_ARRAY_BYTES, MEMORY_BUDGET, format_bytes
from ..data.text import excerpt
from .bounded import FileRefused, open_regular
from .checks import WeightsError, fail
from .contents import Contents
from .torch_files import read_torch

__all__ = ["SUFFIXES", "WRITE_SUFFIXES", "Contents", "read_arrays", "write_arrays"]

#: File types :func:`read_arrays` (and so ``load_weights``) reads (lower case).
SUFFIXES = (".npz", ".safetensors", ".pt", ".pth", ".ckpt", ".keras", ".weights.h5", ".onnx")
#: Suffixes PyTorch files commonly have: read by torch when the content is not recognised,
#: so torch's own loader says what is wrong with them.
TORCH_SUFFIXES = (".pt", ".pth", ".ckpt", ".net", ".bin", ".tar")
#: File types :func:`write_arrays` writes (lower case).
WRITE_SUFFIXES = (".npz", ".safetensors")
#: Largest weight file opened: all its arrays, as float64, fit in half the budget.
MAX_FILE_BYTES = MEMORY_BUDGET // 4
#: Most members an .npz archive may declare (a state_dict has tens to hundreds).
MAX_MEMBERS = 4096
_MAX_NPY_HEADER = 10_000  # NumPy's own default limit for an .npy header
_MAX_SAFETENSORS_HEADER = 16 * 1024**2
_SAFETENSORS_ITEMSIZE = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1, "I16": 2, "U16": 2,
    "F16": 2, "BF16": 2, "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8,
}  # fmt: skip


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def read_arrays(path: Path, source: str) -> Contents:
    """Read every array of a weight file; return them and how they were stored.

    ``.npz`` and ``.safetensors`` are read as their suffix says; any other suffix
    (``.pt``, ``.pth``, ``.ckpt``, ``.net``, ``.bin`` …) is decided by the content: a
    PyTorch file, an .npz, a .safetensors, a Keras ``.keras`` zip or ``.weights.h5``.
    Only a regular file of at most :data:`MAX_FILE_BYTES` is opened, and every array's
    shape and dtype are checked from its header against :data:`MAX_ARRAY_BYTES` (and
    all of them together against the memory budget) before its data is read.

    Raises WeightsError, starting with ``source``, for an unrecognised file, a missing
    file or folder, a device or pipe, and any unreadable, corrupt, oversized or unsafe
    content.
    """
    suffix = path.suffix.lower()
    try:
        with open_regular(path, MAX_FILE_BYTES) as (file, size):
            kind = suffix if suffix in (".npz", ".safetensors", ".onnx") else _sniff(file, size)
            file.seek(0)
            if kind == ".onnx":  # a protocol buffer: no magic bytes, so its suffix decides
                from .onnx_files import read_onnx

                return read_onnx(file.read(), source)
            if kind == ".npz":
                return Contents(_read_npz(file, size, source), tr_noop("NumPy .npz arrays"))
            if kind == ".safetensors":
                return Contents(_read_safetensors(file, size, source), tr_noop("safetensors"))
            if kind in (".keras", ".h5"):
                from .keras import read_keras  # imports h5py: only when needed

                return read_keras(file, size, kind, source)
    except FileRefused as exc:
        if exc.template == "is a folder, not a file":
            raise fail(source, tr_noop("is a folder, not a weight file")) from None
        raise fail(str(path), exc.template, **exc.slots) from None  # "/dev/zero", not "zero"
    except FileNotFoundError:
        raise fail(source, tr_noop("file not found: {path}"), path=str(path)) from None
    except OSError as exc:
        raise fail(
            source, tr_noop("could not be read: {why}"), why=str(exc.strerror or exc)
        ) from None
    if kind is None and suffix not in TORCH_SUFFIXES:
        raise fail(
            source,
            tr_noop("unsupported file type {suffix!r}: its content is none of {allowed}"),
            suffix=path.suffix or "(no suffix)",
            allowed=", ".join(SUFFIXES),
        )
    return read_torch(path, source)


_HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


def _sniff(file: BinaryIO, size: int) -> str | None:
    """The format a file's first bytes announce (``".pt"`` for PyTorch), or None."""
    head = file.read(16)
    if head.startswith(_HDF5_MAGIC):
        return ".h5"
    if head[:1] == b"\x80":  # a pickle: PyTorch's legacy (pre-1.6) format
        return ".pt"
    if head.startswith(b"PK"):
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()[: MAX_MEMBERS + 1]
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if any(n.endswith("data.pkl") for n in names):
            return ".pt"
        if "config.json" in names and "model.weights.h5" in names:
            return ".keras"
        return ".npz"
    if len(head) >= 9 and head[8:9] == b"{" and int.from_bytes(head[:8], "little") < size:
        return ".safetensors"
    return None


class _Budget:
    """The bytes a file's arrays may still take; each header is checked against it."""

    def __init__(self, source: str) -> None:
        self.left = MEMORY_BUDGET // 2
        self.source = source

    def take(self, key: str, shape: tuple[int, ...], itemsize: int, dtype: str) -> None:
        need = math.prod(shape) * itemsize
        if need > MAX_ARRAY_BYTES:
            raise fail(
                self.source,
                tr_noop(
                    "key {key!r} claims shape {shape} ({need} of {dtype}), larger than the "
                    "{most} one array may take; refusing to read it"
                ),
                key=key,
                shape=excerpt(str(shape)),
                need=format_bytes(need),
                dtype=dtype,
                most=format_bytes(MAX_ARRAY_BYTES),
            )
        if need > self.left:
            raise fail(
                self.source,
                tr_noop("its arrays together need more than {most} of memory; refusing to read it"),
                most=format_bytes(MEMORY_BUDGET // 2),
            )
        self.left -= need


def _zip_entries(file: BinaryIO) -> int | None:
    """How many entries the zip's end record declares (read before parsing the directory)."""
    end = getattr(zipfile, "_EndRecData", None)  # CPython's reader of that record
    record = end(file) if end is not None else None
    return None if record is None else int(record[4])  # _ECD_ENTRIES_TOTAL


def _read_npz(file: BinaryIO, size: int, source: str) -> dict[str, np.ndarray]:
    """Read every array of an .npz archive without ever unpickling, headers first.

    Each member's header (shape and dtype) is read and checked before its data, the
    data is read only up to what the header declares (a zip bomb's extra output is
    never produced), and a member that is not an ``.npy`` array is refused after
    reading its first six bytes.
    """
    # np.load would happily read a plain .npy (or try pickle) from a file that merely
    # has the .npz suffix; insist on a zip archive.
    if file.read(2) != b"PK":
        raise fail(source, tr_noop("is not an .npz archive (a zip file of .npy arrays)"))
    file.seek(0)
    budget = _Budget(source)
    try:
        entries = _zip_entries(file)
        if entries is not None and entries > MAX_MEMBERS:
            raise fail(
                source,
                tr_noop("the archive declares {n} members, more than the {most} read"),
                n=entries,
                most=MAX_MEMBERS,
            )
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            arrays = {}
            for info in archive.infolist()[: MAX_MEMBERS + 1]:
                if info.is_dir():
                    continue
                key = info.filename.removesuffix(".npy")
                if info.file_size > MAX_ARRAY_BYTES + 4096:
                    raise fail(
                        source,
                        tr_noop(
                            "key {key!r} would unpack to {need}, more than the {most} one "
                            "array may take; refusing to read it"
                        ),
                        key=excerpt(key),
                        need=format_bytes(info.file_size),
                        most=format_bytes(MAX_ARRAY_BYTES),
                    )
                with archive.open(info) as member:
                    arrays[key] = _read_npy_member(member, key, info.file_size, budget, source)
            return arrays
    except WeightsError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError,
            KeyError, NotImplementedError, RuntimeError) as exc:  # fmt: skip
        raise fail(
            source,
            tr_noop("is corrupt or truncated (not a readable .npz archive: {why})"),
            why=excerpt(str(exc), 120),
        ) from None


def _read_npy_member(
    member: IO[bytes], key: str, stored: int, budget: _Budget, source: str
) -> np.ndarray:
    """One ``.npy`` member: magic, header, checks, then exactly the data it declares."""
    fmt = np.lib.format
    if member.read(len(fmt.MAGIC_PREFIX)) != fmt.MAGIC_PREFIX:
        raise fail(source, tr_noop("key {key!r} is not a NumPy array"), key=excerpt(key))
    major = member.read(2)
    if len(major) != 2 or major[0] not in (1, 2):
        raise fail(source, tr_noop("key {key!r} has an unsupported .npy format version"), key=key)
    read_header = fmt.read_array_header_1_0 if major[0] == 1 else fmt.read_array_header_2_0
    shape, fortran, dtype = read_header(member, max_header_size=_MAX_NPY_HEADER)
    if dtype.hasobject:
        raise fail(
            source,
            tr_noop(
                "key {key!r} holds Python objects (a pickled object array); refusing to "
                "unpickle it — weight files must hold plain numeric arrays"
            ),
            key=key,
        )
    budget.take(key, shape, dtype.itemsize, str(dtype))
    header_bytes = member.tell()  # uncompressed bytes read so far: magic and header
    need = math.prod(shape) * dtype.itemsize
    if need > stored - header_bytes:
        raise fail(
            source,
            tr_noop(
                "key {key!r} is truncated: its header declares {need} of data but the "
                "archive holds {held}"
            ),
            key=key,
            need=format_bytes(need),
            held=format_bytes(max(0, stored - header_bytes)),
        )
    data = member.read(need)
    if len(data) != need:
        raise fail(source, tr_noop("key {key!r} is truncated"), key=key)
    array = np.frombuffer(data, dtype=dtype)
    order = "F" if fortran else "C"
    return array.reshape(shape[::-1]).transpose() if order == "F" else array.reshape(shape)


def _read_safetensors(file: BinaryIO, size: int, source: str) -> dict[str, np.ndarray]:
    # Imported here so that importing the engine stays fast.
    from safetensors import SafetensorError
    from safetensors.numpy import load

    budget = _Budget(source)
    _check_safetensors_header(file, size, budget, source)
    file.seek(0)
    # Reading the bytes (rather than safetensors' memory map) releases the file at
    # once, so it can be replaced or deleted while the app keeps the weights.
    data = file.read()
    try:
        return dict(load(data))
    except KeyError as exc:
        # safetensors' NumPy backend raises KeyError for dtypes NumPy lacks (BF16, F8 …).
        raise fail(
            source,
            tr_noop(
                "holds tensors of dtype {dtype}, which NumPy cannot read; save them as "
                "float32 (tensor.float()) instead"
            ),
            dtype=excerpt(str(exc.args[0])),
        ) from None
    except (SafetensorError, ValueError, TypeError) as exc:
        raise fail(
            source,
            tr_noop("is corrupt or truncated (not a readable .safetensors file: {why})"),
            why=excerpt(str(exc), 120),
        ) from None


def _check_safetensors_header(file: BinaryIO, size: int, budget: _Budget, source: str) -> None:
    """Check the declared shapes of a .safetensors file before its data is read.

    The format is an 8-byte little-endian header length, a JSON header of
    ``{name: {dtype, shape, data_offsets}}`` and the data; the header is small and
    parsed on its own, so no tensor is allocated before its shape passes the budget.
    """
    corrupt = tr_noop("is corrupt or truncated (not a readable .safetensors file: {why})")
    prefix = file.read(8)
    if len(prefix) != 8:
        raise fail(source, corrupt, why=tr_noop("shorter than its header"))
    length = int.from_bytes(prefix, "little")
    if length > min(_MAX_SAFETENSORS_HEADER, size - 8):
        why = Sentence(tr_noop("header length {n} does not fit the file"), n=length)
        raise fail(source, corrupt, why=why)
    try:
        header = json.loads(file.read(length))
    except (ValueError, RecursionError) as exc:
        raise fail(source, corrupt, why=excerpt(str(exc), 120)) from None
    if not isinstance(header, dict):
        raise fail(source, corrupt, why=tr_noop("the header is not a table of tensors"))
    for key, entry in header.items():
        if key == "__metadata__":
            continue
        shape = entry.get("shape") if isinstance(entry, dict) else None
        if not isinstance(shape, list) or not all(isinstance(n, int) and n >= 0 for n in shape):
            why = Sentence(tr_noop("tensor {key!r} has no valid shape"), key=excerpt(key))
            raise fail(source, corrupt, why=why)
        dtype = str(entry.get("dtype"))
        budget.take(excerpt(key), tuple(shape), _SAFETENSORS_ITEMSIZE.get(dtype, 8), excerpt(dtype))


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
