"""Custom sequences: a table of numbers typed, pasted or loaded from a text/CSV file.

One row per time step and one column per feature; see :func:`parse_sequence_text` for
the exact format. Every problem is a :class:`~.sequence_value.SequenceError` carrying
the 1-based line (and the file name), so the user interface can point at it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from .value import MAX_FEATURES, MAX_STEPS, Sequence, SequenceError

__all__ = ["load_sequence_csv", "parse_sequence_text"]

# A text file larger than this cannot hold MAX_STEPS × MAX_FEATURES sensible numbers;
# refusing it early avoids reading a huge file into memory by mistake.
_MAX_FILE_BYTES = 256 * 1024 * 1024

# Fields are split on a comma or semicolon (with optional spaces around it) or on a run
# of whitespace. We do not use the csv module: it needs one delimiter chosen up front
# (sniffing is unreliable on short numeric tables), and it would silently merge
# "1,,2"-style gaps that we want to report. Quoting is only needed for header names, and
# stripping one pair of quotes per field covers the usual spreadsheet exports.
_FIELD_SPLIT = re.compile(r"\s*[,;]\s*|\s+")
# Lines end at \r\n, \r or \n — the same breaks a text editor counts, so our line
# numbers match what the user sees (str.splitlines also splits on \v, \f, U+2028 …).
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
# A plain decimal number. Stricter than float(), which also takes "1_000" and "nan".
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NON_FINITE = frozenset(
    sign + word for sign in ("", "+", "-") for word in ("nan", "inf", "infinity")
)


def _steps(n: int) -> Sentence:
    return Sentence(tr_noop("{n} step") if n == 1 else tr_noop("{n} steps"), n=n)


def _features(n: int) -> Sentence:
    return Sentence(tr_noop("{n} feature") if n == 1 else tr_noop("{n} features"), n=n)


def _split_fields(line: str) -> list[str]:
    fields = _FIELD_SPLIT.split(line.strip())
    return [_unquote(f) for f in fields]


def _unquote(field_text: str) -> str:
    if len(field_text) >= 2 and field_text[0] == field_text[-1] and field_text[0] in "\"'":
        return field_text[1:-1].strip()
    return field_text


def _is_number_like(token: str) -> bool:
    """True for decimals and for nan/inf spellings (which are numbers, just not finite)."""
    return bool(_NUMBER.fullmatch(token)) or token.lower() in _NON_FINITE


def _parse_row(fields: list[str], line_no: int, first: bool) -> list[float]:
    """Convert one line's fields to floats; ``first`` is True on the first data line."""
    # On the first line a stray word may be a half-numeric header; elsewhere the usual
    # cause is a second header or a typo.
    hint = (
        tr_noop("a header row must contain only column names")
        if first
        else tr_noop("column names are only allowed on the first line")
    )
    row = []
    for column, token in enumerate(fields, start=1):
        if token == "":
            raise SequenceError(
                tr_noop(
                    "empty value in column {column} (two separators in a row, or a "
                    "separator at the end of the line)"
                ),
                line=line_no,
                column=column,
            )
        if token.lower() in _NON_FINITE:
            raise SequenceError(
                tr_noop(
                    "non-finite value {token!r} in column {column}; only finite numbers are allowed"
                ),
                line=line_no,
                token=token,
                column=column,
            )
        if not _NUMBER.fullmatch(token):
            raise SequenceError(
                tr_noop("non-numeric value {token!r} in column {column} ({hint})"),
                line=line_no,
                token=token,
                column=column,
                hint=hint,
            )
        value = float(token)
        if not math.isfinite(value):  # e.g. 1e999 overflows to inf
            raise SequenceError(
                tr_noop("non-finite value {token!r} in column {column} (too large for a float)"),
                line=line_no,
                token=token,
                column=column,
            )
        row.append(value)
    return row


def parse_sequence_text(text: str, name: str = "custom") -> Sequence:
    """Parse a table of numbers into a Sequence.

    Format: one row per time step, one column per feature, fields separated by commas,
    semicolons or whitespace. Blank lines are skipped, and ``#`` starts a comment that
    runs to the end of the line. The first non-comment line may be a header of column
    names (all non-numeric); anywhere else a non-numeric value is an error.

    Parameters
    ----------
    text : str
        The table. A leading byte-order mark is ignored.
    name : str
        Name for the resulting Sequence.

    Returns
    -------
    Sequence
        ``values`` of shape (rows, columns); ``feature_names`` from the header if any.

    Raises
    ------
    SequenceError
        With ``line`` set to the 1-based line of the problem: a non-numeric, empty or
        non-finite value, a row whose number of columns differs from the first row,
        more than MAX_STEPS rows or MAX_FEATURES columns, or no data at all.
    """
    if not isinstance(text, str):
        raise SequenceError(f"text must be a str; got {type(text).__name__}")
    text = text.removeprefix("\ufeff")
    header: list[str] | None = None
    rows: list[list[float]] = []
    expected: int | None = None  # number of columns, fixed by the first row or header
    expected_from = 0  # the line that fixed it, for the error message
    for line_no, raw in enumerate(_LINE_SPLIT.split(text), start=1):
        content = raw.split("#", 1)[0].strip()
        if not content:
            continue
        fields = _split_fields(content)
        if len(fields) > MAX_FEATURES:
            raise SequenceError(
                tr_noop("too many features: {n} columns, at most {most} are supported"),
                line=line_no,
                n=len(fields),
                most=MAX_FEATURES,
            )
        if expected is None:
            expected, expected_from = len(fields), line_no
            if not any(_is_number_like(f) for f in fields if f):
                if not all(fields):
                    raise SequenceError(
                        tr_noop("empty column name in the header row"), line=line_no
                    )
                header = fields
                continue
        elif len(fields) != expected:
            raise SequenceError(
                tr_noop(
                    "wrong number of columns: expected {expected} (as on line {first}) "
                    "but got {got}"
                ),
                line=line_no,
                expected=expected,
                first=expected_from,
                got=len(fields),
            )
        if len(rows) >= MAX_STEPS:
            raise SequenceError(
                tr_noop("too many steps: more than {most} rows of data"),
                line=line_no,
                most=MAX_STEPS,
            )
        rows.append(_parse_row(fields, line_no, first=line_no == expected_from))
    if not rows:
        if header is not None:
            why = tr_noop("the text contains only a header row")
        elif text.strip():
            why = tr_noop("the text contains only blank lines and comments")
        else:
            why = tr_noop("the text is empty")
        raise SequenceError(tr_noop("empty input: {why}, no numbers"), why=why)
    n_steps, n_features = len(rows), len(rows[0])
    description = Sentence(
        tr_noop("A custom sequence of {steps} with {features}."),
        steps=_steps(n_steps),
        features=_features(n_features),
    )
    return Sequence(
        name=name,
        values=np.array(rows, dtype=np.float64),
        description=description,
        feature_names=tuple(header) if header is not None else (),
    )


def _read_text_file(path: Path) -> str:
    """Read a UTF-8 text file (BOM tolerated) or raise SequenceError naming the file."""
    source = path.name or str(path)
    try:
        if path.is_dir():
            raise SequenceError("is a folder, not a file", source=source)
        size = path.stat().st_size
        if size > _MAX_FILE_BYTES:
            raise SequenceError(
                f"file is too large ({size} bytes) for a sequence of at most {MAX_STEPS} steps",
                source=source,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise SequenceError(f"file not found: {path}", source=source) from None
    except OSError as exc:
        raise SequenceError(
            f"could not read the file: {exc.strerror or exc}", source=source
        ) from None
    # NUL bytes never occur in UTF-8 text; they do in every binary format (and in UTF-16,
    # which we also reject so the message can say what to do).
    if b"\x00" in data[:8192]:
        raise SequenceError(
            "looks like a binary file, not text (save the table as UTF-8 CSV)", source=source
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SequenceError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            line=line,
            source=source,
        ) from None


def load_sequence_csv(path: str | Path) -> Sequence:
    """Load a custom sequence from a text/CSV file.

    Parameters
    ----------
    path : str or Path
        A UTF-8 file (a byte-order mark is fine) in the format of
        :func:`parse_sequence_text`.

    Returns
    -------
    Sequence
        Named after the file's stem, with a description naming the file.

    Raises
    ------
    SequenceError
        Every message starts with the file name: file not found, unreadable, binary or
        not UTF-8, or any parse error (with its line number).
    """
    path = Path(path)
    text = _read_text_file(path)
    try:
        parsed = parse_sequence_text(text, name=path.stem)
    except SequenceError as exc:
        raise SequenceError(exc.template, line=exc.line, source=path.name, **exc.slots) from None
    steps, features = parsed.values.shape
    return Sequence(
        name=parsed.name,
        values=parsed.values,
        description=Sentence(
            tr_noop("Loaded from {file}: {steps} with {features}."),
            file=path.name,
            steps=_steps(steps),
            features=_features(features),
        ),
        feature_names=parsed.feature_names,
    )
