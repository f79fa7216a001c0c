"""Custom sequences from a text/CSV file, read line by line with bounded memory.

The file must be a regular file (folders, devices and pipes are refused without
reading, see :mod:`lstm_viz.engine.io.bounded`) of at most :data:`MAX_FILE_BYTES`; it is
read one line at a time (each at most ``MAX_LINE_CHARS``) into the same table reader
as typed text (:mod:`.text`), so a huge or endless file costs neither memory nor time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ...i18n_marks import Sentence, tr_noop
from ..io.bounded import FileRefused, open_regular
from .text import _sequence
from .text_numbers import can_be_data, signs
from .text_table import MAX_LINE_CHARS, Columns, _Table, _table_fields, _too_long
from .value import Sequence, SequenceError

__all__ = ["MAX_FILE_BYTES", "load_sequence_csv", "read_columns"]

#: A text file larger than this cannot hold MAX_STEPS × MAX_FEATURES sensible numbers;
#: refusing it early avoids reading a huge file by mistake.
MAX_FILE_BYTES = 256 * 1024 * 1024


def _file_lines(file: BinaryIO, source: str, size: int) -> Iterator[tuple[int, str]]:
    """The lines of an open UTF-8 file with their 1-based numbers, read in bounded pieces."""
    head = file.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SequenceError(
            tr_noop("is UTF-16 text; save the table as UTF-8 (CSV UTF-8)"), source=source
        )
    # NUL bytes never occur in UTF-8 text; they do in every binary format.
    if b"\x00" in head:
        raise SequenceError(
            tr_noop("looks like a binary file, not text (save the table as UTF-8 CSV)"),
            source=source,
        )
    file.seek(0)
    line_no, read = 1, 0
    limit = 4 * MAX_LINE_CHARS + 2  # UTF-8 takes at most 4 bytes a character
    first = True
    while True:
        chunk = file.readline(limit)
        if not chunk:
            return
        read += len(chunk)
        if len(chunk) >= limit and not chunk.endswith(b"\n"):
            raise _too_long(line_no, chunk[:256].decode("utf-8", "replace"), None)
        if read > size + limit:  # the file grows while we read it
            raise SequenceError(tr_noop("file keeps growing while it is read"), source=source)
        if b"\x00" in chunk:
            raise SequenceError(
                tr_noop("looks like a binary file, not text (save the table as UTF-8 CSV)"),
                line=line_no,
                source=source,
            )
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SequenceError(
                tr_noop("is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"),
                line=line_no + chunk[: exc.start].count(b"\r"),
                source=source,
                byte=chunk[exc.start],
            ) from None
        if first:
            text, first = text.removeprefix("\ufeff"), False
        ended = text.endswith("\n")
        body = text[:-2] if text.endswith("\r\n") else text[:-1] if ended else text
        # A bare \r also ends a line (old Mac files); the \r\n pair is one break.
        pieces = body.split("\r")
        for piece in pieces:
            yield line_no, piece
            line_no += 1


def load_sequence_csv(path: str | Path, columns: Columns | None = None) -> Sequence:
    """Load a custom sequence from a text/CSV file, reading it line by line.

    Parameters
    ----------
    path : str or Path
        A regular UTF-8 file (a byte-order mark is fine) in the format of
        :func:`parse_sequence_text`, at most 256 MB.
    columns : tuple of str or int, optional
        Which columns to read (header names or 1-based numbers); see
        :func:`parse_sequence_text`.

    Returns
    -------
    Sequence
        Named after the file's stem, with a description naming the file.

    Raises
    ------
    SequenceError
        Every message starts with the file name: file not found, a folder, a device or
        a pipe (refused without reading), too large, unreadable, binary, UTF-16 or not
        UTF-8, or any parse error (with its line number).
    """
    path = Path(path)
    source = path.name or str(path)
    try:
        with open_regular(path, MAX_FILE_BYTES) as (file, size):
            table = _Table(columns)
            try:
                for line_no, line in _file_lines(file, source, size):
                    table.add(line_no, line)
            except SequenceError as exc:
                if exc.source is not None:
                    raise
                raise SequenceError(
                    exc.template, line=exc.line, source=source, **exc.slots
                ) from None
    except FileRefused as exc:  # named in full: "/dev/zero", not "zero"
        raise SequenceError(exc.template, source=str(path), **exc.slots) from None
    except FileNotFoundError:
        raise SequenceError(
            tr_noop("file not found: {path}"), source=source, path=str(path)
        ) from None
    except OSError as exc:
        raise SequenceError(
            tr_noop("could not read the file: {why}"), source=source, why=str(exc.strerror or exc)
        ) from None
    try:
        return _sequence(
            table,
            path.stem,
            lambda steps, features: Sentence(
                tr_noop("Loaded from {file}: {steps} with {features}."),
                file=path.name,
                steps=steps,
                features=features,
            ),
        )
    except SequenceError as exc:
        raise SequenceError(exc.template, line=exc.line, source=source, **exc.slots) from None


def read_columns(path: str | Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The columns of a table file, to choose from: their names and first values.

    Names come from the header row; without one the columns are named by their
    numbers from 1. Only the first lines are read.

    Raises
    ------
    SequenceError
        As :func:`load_sequence_csv` does for a file it cannot read.
    """
    path = Path(path)
    source = path.name or str(path)
    try:
        with open_regular(path, MAX_FILE_BYTES) as (file, size):
            rows: list[list[str]] = []
            semicolons: bool | None = None
            for _line_no, line in _file_lines(file, source, size):
                found = _table_fields(line, semicolons)
                if found is not None:
                    rows.append(found[0])
                    semicolons = found[1]
                if len(rows) == 2:
                    break
    except FileRefused as exc:
        raise SequenceError(exc.template, source=str(path), **exc.slots) from None
    except FileNotFoundError:
        raise SequenceError(
            tr_noop("file not found: {path}"), source=source, path=str(path)
        ) from None
    except OSError as exc:
        raise SequenceError(
            tr_noop("could not read the file: {why}"), source=source, why=str(exc.strerror or exc)
        ) from None
    if not rows:
        raise SequenceError(tr_noop("the file has no table to choose columns from"), source=source)
    header = not any(can_be_data(signs(f)) for f in rows[0] if f)
    if header:
        return tuple(rows[0]), tuple(rows[1]) if len(rows) > 1 else ()
    return tuple(str(i) for i in range(1, len(rows[0]) + 1)), tuple(rows[0])
