"""The table reader behind every custom sequence: one line at a time, in linear time.

:class:`_Table` splits each line into fields (:func:`_table_fields`: commas, semicolons
or whitespace; ``#`` comments; one pair of quotes), fixes the separator rule and the
number of columns on the first line, and keeps the numbers in a flat float64 buffer.
What a field's number looks like is :mod:`.text_numbers`; the public readers built on
it are :func:`.text.parse_sequence_text` and :func:`.text_file.load_sequence_csv`.
"""

from __future__ import annotations

import math
import re
from array import array

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from .text_numbers import (
    DECIMAL_COMMA,
    DIGITS_COMMA_DIGITS,
    NON_FINITE,
    NUMBER,
    SPACED_VALUES,
    can_be_data,
    is_number_like,
    signs,
)
from .value import MAX_FEATURES, MAX_STEPS, SequenceError

__all__ = ["MAX_LINE_CHARS", "Columns", "excerpt"]

#: Which columns of a table to use: header names or 1-based numbers, in order.
Columns = tuple[str | int, ...]

#: Longest line read: MAX_FEATURES numbers of any sensible spelling, or a long comment.
#: A longer line is refused before it is split, so memory and time stay bounded.
MAX_LINE_CHARS = 64 * 1024
# Quoted values and names are cut to this many characters in messages.
_EXCERPT = 32

# Fields are split on a comma or semicolon (with optional spaces around it) or on a run
# of whitespace. We do not use the csv module: it needs one delimiter chosen up front
# (sniffing is unreliable on short numeric tables), and it would silently merge
# "1,,2"-style gaps that we want to report. Quoting is only needed for header names, and
# stripping one pair of quotes per field covers the usual spreadsheet exports.
# Every pattern here runs in linear time: no two quantifiers can match the same text,
# and the possessive ones never give back what they matched (so do the number
# recognisers, :mod:`.text_numbers`).
_FIELD_SPLIT = re.compile(r"\s*+[,;]\s*+|\s++")
# A table whose first line has a semicolon is a European spreadsheet export: ';' and
# whitespace separate the columns and a comma is the decimal point.
_SEMICOLON_SPLIT = re.compile(r"\s*+;\s*+|\s++")


def excerpt(text: str, most: int = _EXCERPT) -> str:
    """``text`` itself if short, else its first ``most`` characters and "…" (for messages)."""
    return text if len(text) <= most else text[:most] + "…"


def _unquote(field_text: str) -> str:
    if len(field_text) >= 2 and field_text[0] == field_text[-1] and field_text[0] in "\"'":
        return field_text[1:-1].strip()
    return field_text


def _table_fields(raw: str, semicolons: bool | None) -> tuple[list[str], bool] | None:
    """One line's fields as :class:`_Table` splits them, and the separator rule (None
    for a blank or comment line); ``semicolons`` is the rule the first line fixed."""
    content = raw[:MAX_LINE_CHARS].split("#", 1)[0].strip()
    if not content:
        return None
    if semicolons is None:
        semicolons = ";" in content
    split = _SEMICOLON_SPLIT if semicolons else _FIELD_SPLIT
    return [_unquote(f) for f in split.split(content)], semicolons


class _Table:
    """Reads a table one line at a time; keeps the numbers in a flat float64 buffer.

    Memory is the numbers themselves (8 bytes each) plus one line; time is linear in
    the text. The separator rule is fixed by the first line that is not blank or a
    comment: with a ';' in it, commas are decimal points. With ``columns`` only those
    columns are read as numbers, and the first other column whose first value is not
    a number labels the steps (dates, tokens).
    """

    def __init__(self, columns: Columns | None = None) -> None:
        self.columns = columns
        self.chosen: list[int] | None = None  # 0-based indices of the columns read
        self.label_column: int | None = None
        self.labels: list[str] = []
        self.header: list[str] | None = None
        self.values = array("d")
        self.rows = 0
        self.expected: int | None = None  # number of columns, fixed by the first row
        self.expected_from = 0  # the line that fixed it, for the error message
        self.split: re.Pattern[str] | None = None
        self.signs = False  # dash look-alikes were read as minus signs
        self.decimal_commas = False  # a comma was read as a decimal point
        self.integer_commas = False  # "1,5": commas between digits read as separators
        self.fractions = False  # some value has a decimal point or an exponent
        self.seen = False  # some line is not blank

    def add(self, line_no: int, raw: str) -> None:
        if len(raw) > MAX_LINE_CHARS:
            raise _too_long(line_no, raw, len(raw))
        if not self.seen and not raw.isspace() and raw:
            self.seen = True
        content = raw.split("#", 1)[0].strip()
        if not content:
            return
        if self.split is None:
            self.split = _SEMICOLON_SPLIT if ";" in content else _FIELD_SPLIT
        fields = [_unquote(f) for f in self.split.split(content)]
        if len(fields) > MAX_FEATURES:
            raise SequenceError(
                tr_noop("too many features: {n} columns, at most {most} are supported"),
                line=line_no,
                n=len(fields),
                most=MAX_FEATURES,
            )
        first = self.expected is None
        if first:
            self.expected, self.expected_from = len(fields), line_no
            named = any(isinstance(c, str) for c in self.columns or ())
            if named or not any(can_be_data(signs(f)) for f in fields if f):
                if not all(fields):
                    raise SequenceError(
                        tr_noop("empty column name in the header row"), line=line_no
                    )
                self.header = fields
                self._choose(line_no)
                return
            self._choose(line_no)
        elif len(fields) != self.expected:
            raise SequenceError(
                tr_noop(
                    "wrong number of columns: expected {expected} (as on line {first}) "
                    "but got {got}"
                ),
                line=line_no,
                expected=self.expected,
                first=self.expected_from,
                got=len(fields),
            )
        if self.rows >= MAX_STEPS:
            raise SequenceError(
                tr_noop("too many steps: more than {most} rows of data"),
                line=line_no,
                most=MAX_STEPS,
            )
        if self.split is _FIELD_SPLIT and "," in content:
            self._check_commas(content, line_no)
        if self.chosen is not None:
            if self.rows == 0 and self.label_column is None:
                self.label_column = next(
                    (i for i, f in enumerate(fields)
                     if i not in self.chosen and not is_number_like(signs(f))),
                    None,
                )  # fmt: skip
            if self.label_column is not None:
                self.labels.append(excerpt(fields[self.label_column]))
            numbers = [i + 1 for i in self.chosen]
            fields = [fields[i] for i in self.chosen]
        else:
            numbers = list(range(1, len(fields) + 1))
        first_data = line_no == self.expected_from
        self.values.extend(self._parse_row(fields, numbers, line_no, first=first_data))
        self.rows += 1

    def _choose(self, line_no: int) -> None:
        """Resolve ``columns`` against the header (or the column count) of the first line."""
        if self.columns is None:
            return
        assert self.expected is not None
        chosen = []
        for column in self.columns:
            if isinstance(column, int):
                if column > self.expected:
                    raise SequenceError(
                        tr_noop("there is no column {n}: the table has {count} column(s)"),
                        line=line_no,
                        n=column,
                        count=self.expected,
                    )
                chosen.append(column - 1)
                continue
            assert self.header is not None
            if column not in self.header:
                raise SequenceError(
                    tr_noop("there is no column named {name!r}; the header has: {names}"),
                    line=line_no,
                    name=excerpt(column),
                    names=excerpt(", ".join(self.header), 200),
                )
            chosen.append(self.header.index(column))
        self.chosen = chosen

    def _column_name(self, index: int) -> str:
        """How the user knows column ``index`` (0-based): by its header name, else its number."""
        if self.header is not None and self.chosen is None:
            return self.header[index]
        return str(index + 1)

    def _check_commas(self, content: str, line_no: int) -> None:
        """Refuse a comma that is probably a decimal comma; note ambiguous ones."""
        # Values separated by spaces with commas inside them ("1,5 2,5"), or a column
        # of integers that starts with 0 ("3,05"), are decimal commas, not columns.
        spaced = SPACED_VALUES.search(content) is not None
        for match in DIGITS_COMMA_DIGITS.finditer(content):
            if spaced or (len(match[2]) > 1 and match[2].startswith("0")):
                # "1,5 2,5" (spaces between values, commas inside them) or "3,05".
                raise SequenceError(
                    tr_noop(
                        "{value!r} looks like a number with a decimal comma; write it with "
                        "a decimal point ({fixed}), or separate the columns with ';'"
                    ),
                    line=line_no,
                    value=excerpt(match[0]),
                    fixed=excerpt(f"{match[1]}.{match[2]}"),
                )
            self.integer_commas = True

    def _parse_row(
        self, fields: list[str], numbers: list[int], line_no: int, first: bool
    ) -> list[float]:
        """Convert one line's fields (columns ``numbers``, 1-based) to floats; ``first``
        is True on the first data line."""
        # On the first line a stray word may be a half-numeric header; elsewhere the usual
        # cause is a second header or a typo.
        hint = (
            tr_noop("a header row must contain only column names")
            if first
            else tr_noop("column names are only allowed on the first line")
        )
        row = []
        for column, field_text in zip(numbers, fields, strict=True):
            if field_text == "":
                raise SequenceError(
                    tr_noop(
                        "empty value in column {column} (two separators in a row, or a "
                        "separator at the end of the line)"
                    ),
                    line=line_no,
                    column=column,
                )
            token = signs(field_text)
            if token != field_text:
                self.signs = True
            if self.split is _SEMICOLON_SPLIT and "," in token:
                fixed = DECIMAL_COMMA.fullmatch(token)
                if fixed:
                    token = f"{fixed[1]}.{fixed[2]}"
                    self.decimal_commas = True
            if token.lower() in NON_FINITE:
                raise SequenceError(
                    tr_noop(
                        "non-finite value {token!r} in column {column}; only finite numbers "
                        "are allowed"
                    ),
                    line=line_no,
                    token=field_text,
                    column=column,
                )
            if not NUMBER.fullmatch(token):
                numeric = [
                    self._column_name(i) for i, f in enumerate(fields) if NUMBER.fullmatch(signs(f))
                ]
                if self.chosen is None and numeric and self.rows == 0:
                    raise SequenceError(
                        tr_noop(
                            "non-numeric value {token!r} in column {column}{named}: choose "
                            "the numeric columns to use (--columns {numeric}, or Columns… "
                            "in the window); the first other column then labels the steps"
                        ),
                        line=line_no,
                        token=excerpt(field_text),
                        column=column,
                        named=f" ({self.header[column - 1]!r})" if self.header else "",
                        numeric=",".join(numeric),
                    )
                raise SequenceError(
                    tr_noop("non-numeric value {token!r} in column {column} ({hint})"),
                    line=line_no,
                    token=excerpt(field_text),
                    column=column,
                    hint=hint,
                )
            value = float(token)
            if not math.isfinite(value):  # e.g. 1e999 overflows to inf
                raise SequenceError(
                    tr_noop(
                        "non-finite value {token!r} in column {column} (too large for a float)"
                    ),
                    line=line_no,
                    token=excerpt(field_text),
                    column=column,
                )
            if not self.fractions and ("." in token or "e" in token or "E" in token):
                self.fractions = True
            row.append(value)
        return row

    def notes(self) -> list[Sentence]:
        """What the reader decided on the user's behalf, one sentence each."""
        notes = []
        if self.signs:
            notes.append(Sentence(tr_noop("Dashes such as '−' were read as minus signs.")))
        if self.decimal_commas:
            notes.append(
                Sentence(tr_noop("Columns are separated by ';' and commas are decimal points."))
            )
        if self.integer_commas and not self.fractions and self.chosen is None:
            notes.append(
                Sentence(
                    tr_noop(
                        "Commas were read as column separators; for decimal commas, "
                        "separate the columns with ';'."
                    )
                )
            )
        return notes

    def finish(self) -> tuple[np.ndarray, tuple[str, ...]]:
        """The values (rows × columns read) and the names of those columns."""
        if not self.rows:
            if self.header is not None:
                why = tr_noop("the text contains only a header row")
            elif self.seen:
                why = tr_noop("the text contains only blank lines and comments")
            else:
                why = tr_noop("the text is empty")
            raise SequenceError(tr_noop("empty input: {why}, no numbers"), why=why)
        assert self.expected is not None
        width = len(self.chosen) if self.chosen is not None else self.expected
        values = np.frombuffer(self.values, dtype=np.float64).reshape(self.rows, width)
        if self.header is None:
            return values, ()
        names = [self.header[i] for i in self.chosen] if self.chosen is not None else self.header
        return values, tuple(names)


def _too_long(line_no: int, start: str, n: int | None) -> SequenceError:
    return SequenceError(
        tr_noop("line too long ({n} characters, at most {most}); it starts {start!r}")
        if n is not None
        else tr_noop("line too long (more than {most} characters); it starts {start!r}"),
        line=line_no,
        n=n,
        most=MAX_LINE_CHARS,
        start=excerpt(start.lstrip()),
    )
