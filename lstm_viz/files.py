"""Writing files so that nothing is ever half-written to disk."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO


def open_temp_beside(path: Path) -> tuple[int, Path]:
    """Create an empty, uniquely named hidden file in ``path``'s folder; return (fd, name)."""
    # os.open with mode 0o666 lets the umask decide the permissions, as for any new
    # file (tempfile.mkstemp would make it private). O_BINARY matters on Windows.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None]) -> Path:
    """Write through ``write`` to a temporary file beside ``path``, then move it over ``path``.

    A reader never sees a half-written file, and a failure (or a kill) leaves any
    previous file untouched and no temporary file behind (a kill can leave the
    hidden temporary, never a broken ``path``).
    """
    path = Path(path)
    fd, temp = open_temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return path


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """:func:`atomic_write` for UTF-8 text."""
    data = text.encode("utf-8")
    return atomic_write(path, lambda f: f.write(data))
