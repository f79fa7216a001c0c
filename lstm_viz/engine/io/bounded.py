"""Opening a user's file safely: regular files only, of a bounded size, never blocking.

A path typed by a user may name a folder, a device (``/dev/zero``, ``/dev/urandom``:
endless), a named pipe (opening it for reading waits for a writer forever) or a socket.
:func:`open_regular` opens without blocking, then asks the *opened* file what it is,
so nothing can be swapped in between the check and the read, and refuses anything
but a regular file no larger than the caller's cap. The sequence and weight readers
both use it and say the refusal in their own error type.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ...i18n_marks import Explained, tr_noop
from ..budget import format_bytes

__all__ = ["FileRefused", "open_regular"]


class FileRefused(Explained, Exception):
    """A path that is not a regular file of an acceptable size (the message says which)."""

    def __init__(self, message: str, **slots: object) -> None:
        super().__init__(self._explain(message, slots))


def _what_it_is(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return tr_noop("is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return tr_noop("is a named pipe (FIFO), not a file; save the data to a file first")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr_noop("is a device, not a file")
    if stat.S_ISSOCK(mode):
        return tr_noop("is a socket, not a file")
    return tr_noop("is not a regular file")


@contextmanager
def open_regular(path: Path, max_bytes: int) -> Iterator[tuple[BinaryIO, int]]:
    """Open ``path`` for binary reading if it is a regular file of at most ``max_bytes``.

    Yields the open file and its size; closes it afterwards.

    Raises
    ------
    FileRefused
        A folder, device, pipe or socket, or a file larger than ``max_bytes``.
    OSError
        The file cannot be opened (not found, no permission …).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:  # Windows cannot open a folder at all
        raise FileRefused(tr_noop("is a folder, not a file")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(_what_it_is(info.st_mode))
        if info.st_size > max_bytes:
            raise FileRefused(
                tr_noop("file is too large ({size}); at most {most} is read"),
                size=format_bytes(info.st_size),
                most=format_bytes(max_bytes),
            )
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with file:
        yield file, info.st_size
