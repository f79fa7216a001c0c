"""Custom sequences: a table of numbers typed, pasted or loaded from a text/CSV file.

One row per time step and one column per feature; see :func:`parse_sequence_text` for
the exact format. Every problem is a :class:`~.value.SequenceError` carrying
the 1-based line (and the file name), so the user interface can point at it. The
reader itself is :mod:`.text_table`, and what a field's number looks like (signs,
look-alike dashes, decimal commas) is :mod:`.text_numbers`; this module keeps the
public entry points and re-exports the names it always had.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain

from ...i18n_marks import Sentence, tr_noop
from .text_numbers import is_number
from .text_table import MAX_LINE_CHARS, Columns, _Table, _too_long, _unquote, excerpt
from .value import Sequence, SequenceError

__all__ = [
    "MAX_LINE_CHARS",
    "Columns",
    "excerpt",
    "is_number",
    "parse_columns",
    "parse_sequence_text",
]

# Lines end at \r\n, \r or \n — the same breaks a text editor counts, so our line
# numbers match what the user sees (str.splitlines also splits on \v, \f, U+2028 …).
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


def _steps(n: int) -> Sentence:
    return Sentence(tr_noop("{n} step") if n == 1 else tr_noop("{n} steps"), n=n)


def _features(n: int) -> Sentence:
    return Sentence(tr_noop("{n} feature") if n == 1 else tr_noop("{n} features"), n=n)


def parse_columns(spec: str) -> Columns:
    """``"Passengers"`` → ``("Passengers",)``; ``"2, 3"`` → ``(2, 3)`` (1-based numbers).

    Raises SequenceError for an empty spec or a column number below 1.
    """
    items = [item.strip() for item in spec.split(",")]
    if not spec.strip() or not all(items):
        raise SequenceError(
            tr_noop("columns: expected names or numbers separated by commas, not {spec!r}"),
            spec=excerpt(spec),
        )
    out: list[str | int] = []
    for item in items:
        if item.isdigit():
            if int(item) < 1:
                raise SequenceError(tr_noop("columns: numbers start at 1, not {n}"), n=item)
            out.append(int(item))
        else:
            out.append(_unquote(item))
    return tuple(out)


def _described(sentence: Sentence, notes: list[Sentence]) -> Sentence:
    """``sentence`` followed by the reader's notes, each marked for translation."""
    for note in notes:
        sentence = Sentence(tr_noop("{sentence} {note}"), sentence=sentence, note=note)
    return sentence


def _sequence(
    table: _Table, name: str, describe: Callable[[Sentence, Sentence], Sentence]
) -> Sequence:
    values, names = table.finish()
    steps, features = values.shape
    notes = table.notes()
    if table.label_column is not None:
        column = (
            table.header[table.label_column]
            if table.header is not None
            else str(table.label_column + 1)
        )
        notes.append(Sentence(tr_noop("Column {column} labels the steps."), column=column))
    return Sequence(
        name=name,
        values=values,
        description=_described(describe(_steps(steps), _features(features)), notes),
        feature_names=names,
        step_labels=tuple(table.labels),
    )


def parse_sequence_text(
    text: str, name: str = "custom", columns: Columns | None = None
) -> Sequence:
    """Parse a table of numbers into a Sequence, in time linear in the text.

    Format: one row per time step, one column per feature, fields separated by commas,
    semicolons or whitespace. When the first line has a semicolon, semicolons and
    whitespace separate the columns and a comma is a decimal point ("1,5;2" is 1.5 and
    2). Blank lines are skipped, and ``#`` starts a comment that runs to the end of the
    line. The first non-comment line is a header of column names when none of its
    fields can be a number; anywhere else a non-numeric value is an error. Minus signs
    may be written with dash look-alikes (U+2212 "−", en dash, full-width forms).

    Parameters
    ----------
    text : str
        The table. A leading byte-order mark is ignored.
    name : str
        Name for the resulting Sequence.
    columns : tuple of str or int, optional
        Read only these columns (header names, or 1-based numbers) as the features;
        the first other column whose first value is not a number labels the steps.

    Returns
    -------
    Sequence
        ``values`` of shape (rows, columns); ``feature_names`` from the header if any;
        the description says what the reader decided (signs, decimal commas).

    Raises
    ------
    SequenceError
        With ``line`` set to the 1-based line of the problem: a non-numeric, empty or
        non-finite value, a likely decimal comma, a row whose number of columns differs
        from the first row, a line longer than MAX_LINE_CHARS, more than MAX_STEPS rows
        or MAX_FEATURES columns, or no data at all. Values are quoted by a short excerpt.
    """
    if not isinstance(text, str):
        raise SequenceError(
            tr_noop("the sequence text must be a str; got {kind}"), kind=type(text).__name__
        )
    text = text.removeprefix("\ufeff")
    table = _Table(columns)
    start, line_no = 0, 1
    for brk in chain(_LINE_SPLIT.finditer(text), [None]):
        end = len(text) if brk is None else brk.start()
        if end - start > MAX_LINE_CHARS:  # refused before the line is even copied
            raise _too_long(line_no, text[start : start + 256], end - start)
        table.add(line_no, text[start:end])
        if brk is not None:
            start, line_no = brk.end(), line_no + 1
    return _sequence(
        table,
        name,
        lambda steps, features: Sentence(
            tr_noop("A custom sequence of {steps} with {features}."),
            steps=steps,
            features=features,
        ),
    )
