"""Writing files so that nothing is ever half-written to disk, and every target is respected.

What a path names decides how it is written (:func:`writable_target`):

- a regular file, or a path that does not exist yet: written to a temporary
  file in the same folder, then moved over it (atomic: a reader never sees a
  half-written file, and a failure leaves the previous file as it was). A
  symbolic link is followed, so the file it points to is replaced and the link
  stays a link; the temporary file goes to that file's folder.
- a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a pipe such as
  bash's ``>(wc -c)``, which is ``/dev/fd/63``): written directly, streamed;
  a device node is never replaced by a file.
- a folder where a file is wanted (or a file where a folder is wanted), a
  read-only file, a block device or a socket: refused with a sentence saying
  what to do (:class:`TargetError`).

Temporary files and folders all start with :data:`TEMP_PREFIX`; those left by
a killed run (older than this run) are removed the next time something is
written to the same folder (:func:`remove_stale_temps`).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from .i18n_marks import Explained, tr_noop

__all__ = [
    "TEMP_PREFIX",
    "Target",
    "TargetError",
    "atomic_write",
    "atomic_write_text",
    "commit_temp",
    "open_temp_beside",
    "remove_stale_temps",
    "temp_beside",
    "writable_target",
]

#: Every temporary name starts with this: ``.lstm-viz-<8 hex>.<target name>.tmp`` (or ``.old``).
TEMP_PREFIX = ".lstm-viz-"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9a-f]{8}\..*\.(?:tmp|old)\Z", re.S)
#: When this run started (close enough: when the package first wrote anything is later).
RUN_STARTED = time.time()

Kind = Literal["new", "file", "stream", "folder"]


class TargetError(Explained, OSError):
    """A path that cannot be written as asked; the message says why and what to do."""

    def __init__(self, message: str, **slots: object) -> None:
        super().__init__(self._explain(message, slots))


@dataclass(frozen=True)
class Target:
    """What a path names, ready to be written.

    Attributes
    ----------
    path
        The path as given (what messages name).
    real
        Where the bytes go: symbolic links resolved (for ``"stream"``, the path itself).
    kind
        ``"new"`` (nothing there yet), ``"file"`` (a regular file, replaced atomically),
        ``"stream"`` (a character device or FIFO, written directly) or ``"folder"``.
    """

    path: Path
    real: Path
    kind: Kind


def writable_target(path: str | os.PathLike[str], *, folder: bool = False) -> Target:
    """What ``path`` names, checked for writing a file (``folder=False``) or a folder.

    Raises :class:`TargetError` for what cannot or must not be written: a
    missing or read-only folder, a folder where a file is wanted and the
    reverse, a read-only file, a block device or a socket.
    """
    given = Path(path)
    try:
        info = os.stat(given)  # follows symbolic links: what the bytes would reach
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise TargetError(
            tr_noop("{path}: a part of this path is a file, not a folder"), path=given
        ) from None
    real = Path(os.path.realpath(given))
    if info is None:
        _check_folder(real.parent)
        return Target(given, real, "new")
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        if not folder:
            raise TargetError(tr_noop("{path} is a folder — choose a file name"), path=given)
        _check_folder(real.parent)
        return Target(given, real, "folder")
    if folder:
        raise TargetError(
            tr_noop("{path} is not a folder — frames need a new or empty folder"), path=given
        )
    if stat.S_ISREG(mode):
        if not mode & 0o222 or not os.access(real, os.W_OK):
            raise TargetError(
                tr_noop("{path} is read-only — choose another name, or make it writable"),
                path=given,
            )
        _check_folder(real.parent)
        return Target(given, real, "file")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return Target(given, given, "stream")
    raise TargetError(
        tr_noop("{path} is a block device or a socket, not a file — choose a file name"),
        path=given,
    )


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise TargetError(tr_noop("the folder {folder} does not exist"), folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TargetError(
            tr_noop("cannot write to the folder {folder}: permission denied"), folder=folder
        )


def temp_beside(path: Path, suffix: str = ".tmp") -> Path:
    """A fresh temporary name in ``path``'s folder (not created), with :data:`TEMP_PREFIX`."""
    return path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(4)}.{path.name}{suffix}")


def open_temp_beside(path: Path) -> tuple[int, Path]:
    """Create an empty temporary file in the folder of the file ``path`` leads to (symbolic
    links followed); return (fd, name). Stale temporaries of that folder are removed."""
    real = Path(os.path.realpath(path))
    remove_stale_temps(real.parent)
    # os.open with mode 0o666 lets the umask decide the permissions, as for any new
    # file (tempfile.mkstemp would make it private). O_BINARY matters on Windows.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = temp_beside(real)
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


def remove_stale_temps(folder: str | os.PathLike[str], older_than: float | None = None) -> int:
    """Remove the temporary files and folders a killed run left in ``folder``; how many.

    Only names made by :func:`temp_beside`, last changed before ``older_than``
    (default: when this run started, so another run's work in progress is kept).
    """
    cutoff = RUN_STARTED if older_than is None else older_than
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if max(info.st_mtime, info.st_ctime) >= cutoff:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed += 1
        except OSError:
            continue  # gone already, or not ours to remove: never a reason to fail a write
    return removed


def commit_temp(temp: Path, path: str | os.PathLike[str]) -> Path:
    """Put the finished temporary file ``temp`` where ``path`` leads: moved over a regular
    file or new path, copied into a device or FIFO (then removed). Returns ``path``."""
    target = writable_target(path)
    if target.kind == "stream":
        try:
            with open(temp, "rb") as source, open(target.path, "wb") as sink:
                shutil.copyfileobj(source, sink)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
    else:
        _keep_mode(temp, target)
        os.replace(temp, target.real)
    return Path(path)


def _keep_mode(temp: Path, target: Target) -> None:
    """A replaced file keeps its permission bits (a new one gets the umask's)."""
    if target.kind == "file":
        with contextlib.suppress(OSError):
            os.chmod(temp, stat.S_IMODE(os.stat(target.real).st_mode))


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None]) -> Path:
    """Write through ``write`` to ``path``, as :func:`writable_target` says; return ``path``.

    A regular file (or new path) is written to a temporary file beside it and
    moved over it: a failure or an interruption leaves any previous file
    untouched and no temporary file behind (a kill can leave the temporary,
    which the next write to that folder removes, never a broken ``path``). A
    device or FIFO is written directly. Raises :class:`TargetError` or ``OSError``.
    """
    target = writable_target(path)
    if target.kind == "stream":
        with open(target.path, "wb") as file:
            write(file)
        return Path(path)
    fd, temp = open_temp_beside(target.real)
    try:
        with os.fdopen(fd, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        _keep_mode(temp, target)
        os.replace(temp, target.real)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return Path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """:func:`atomic_write` for UTF-8 text."""
    data = text.encode("utf-8")
    return atomic_write(path, lambda f: f.write(data))
