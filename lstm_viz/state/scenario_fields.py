"""Checking the values of a scenario file, one field at a time (used by :mod:`.scenario`).

Every check names the field with its dotted path (``settings.hidden_size``) and
says what was expected and what the file has, because the reader of the message
is a teacher with a text editor, not a programmer with a debugger.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..i18n_marks import Explained, Marked, Sentence, tr_noop


class ScenarioError(Explained, ValueError):
    """A scenario file that cannot be read; the message names the file and the field.

    Attributes
    ----------
    field
        The dotted name of the field at fault (``"settings.hidden_size"``),
        ``"format"`` for the version, or ``""`` when the file is not TOML at all.
    problems
        Every problem found, each a :class:`ScenarioError` of one field (this
        error alone when it is about one field); see :func:`all_problems`.
    """

    def __init__(self, field: str, message: str, source: str = "", **slots: Any) -> None:
        message = self._explain(message, slots)
        where = ": ".join(part for part in (source, field) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.field = field
        self.source = source
        self.problems: tuple[ScenarioError, ...] = (self,)

    def at(self, field: str, source: str) -> ScenarioError:
        """The same error, named in the file ``source`` (and under another ``field``)."""
        return ScenarioError(field, self.template, source, **self.slots)


def all_problems(problems: list[ScenarioError]) -> ScenarioError:
    """One error for every problem of a file, one line each (the first alone when
    there is one); ``.field`` is the first problem's field, ``.problems`` all of them.

    Each line is kept as a marked sentence, so ``lstm_viz.i18n.error_text`` says
    them all in the current language.
    """
    first, rest = problems[0], problems[1:]
    if not rest:
        return first
    more = _message(rest[-1], placed=True)
    for p in reversed(rest[:-1]):
        more = Sentence(_LINES, line=_message(p, placed=True), more=more)
    err = ScenarioError(
        first.field, _LINES, first.source, line=_message(first, placed=False), more=more
    )
    err.problems = tuple(problems)
    return err


_LINES = tr_noop("{line}\n{more}")


def _message(err: ScenarioError, *, placed: bool) -> str:
    """The message of ``err`` as a sentence to say (``placed``: after its file and field)."""
    message: str = (
        Sentence(err.template, **err.slots) if isinstance(err.template, Marked) else err.template
    )
    where = ": ".join(part for part in (err.source, err.field) if part)
    if not placed or not where:
        return message
    return Sentence(tr_noop("{source}: {warning}"), source=where, warning=message)


class Table:
    """One TOML table being read: remembers which keys were used, to report the others,
    and the problems of its values, to report them all at once.

    Parameters
    ----------
    data
        The table as ``tomllib`` returned it.
    prefix
        Its dotted name with a trailing dot (``"settings."``), ``""`` for the top level.
    unknown
        Where the dotted names of keys nobody asked for are appended by :meth:`finish`.
    problems
        Where a value's problem is appended (the value is then read as the default).
    """

    def __init__(
        self,
        data: dict[str, Any],
        prefix: str,
        unknown: list[str],
        problems: list[ScenarioError] | None = None,
    ) -> None:
        self.data = data
        self.prefix = prefix
        self._used: set[str] = set()
        self._unknown = unknown
        self.problems: list[ScenarioError] = [] if problems is None else problems

    def has(self, key: str) -> bool:
        return key in self.data

    def take(self, key: str, check: Callable[[str, Any], Any], default: Any = None) -> Any:
        """The checked value of ``key``, or ``default`` when the file leaves it out (or
        its value is wrong: the problem is kept in :attr:`problems`)."""
        self._used.add(key)
        if key not in self.data:
            return default
        try:
            return check(self.prefix + key, self.data[key])
        except ScenarioError as err:
            self.problems.append(err)
            return default

    def table(self, key: str) -> Table:
        """A sub-table (an empty one when absent, or not a table: that is a problem)."""
        self._used.add(key)
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            self.problems.append(
                ScenarioError(
                    self.prefix + key,
                    tr_noop("must be a table ([{key}]), got {value}"),
                    key=key,
                    value=_show(value),
                )
            )
            value = {}
        return Table(value, f"{self.prefix}{key}.", self._unknown, self.problems)

    def finish(self) -> None:
        self._unknown.extend(self.prefix + k for k in self.data if k not in self._used)


# -- limits: checked on the text, before the TOML reader recurses into it --------------

#: Larger files are refused unread (inline weights of 4096 numbers take about 100 kB).
MAX_FILE_BYTES = 32 * 2**20
#: Arrays and inline tables nest at most this deep (a matrix is 2).
MAX_NESTING = 16


def nesting_problem(content: str) -> ScenarioError | None:
    """A problem naming the field whose value nests arrays or inline tables deeper than
    :data:`MAX_NESTING`, or ``None``. The TOML reader recurses once per level, so a
    deeply nested value would end it with a ``RecursionError``; this scan does not.

    Strings and comments are skipped; the field is ``[table].key`` as written.
    """
    depth, i, n = 0, 0, len(content)
    table, key, line_start = "", "", True
    while i < n:
        ch = content[i]
        if ch == "#":
            while i < n and content[i] != "\n":
                i += 1
            continue
        if ch == "\n":
            line_start = True
            i += 1
            continue
        if ch in " \t\r":
            i += 1
            continue
        if depth == 0 and line_start and ch == "[":
            end = content.find("]", i)
            end = n if end < 0 else end
            table = content[i:end].strip("[] \t")
            while end < n and content[end] == "]":
                end += 1
            i, line_start = end, False
            continue
        if depth == 0 and line_start:
            end = content.find("=", i)
            newline = content.find("\n", i)
            if end >= 0 and (newline < 0 or end < newline):
                key = content[i:end].strip()
                i = end + 1
            line_start = False
            continue
        if ch in "\"'":
            triple = content.startswith(ch * 3, i)
            end_quote = ch * 3 if triple else ch
            j = i + len(end_quote)
            while j < n and not content.startswith(end_quote, j):
                if ch == '"' and content[j] == "\\":
                    j += 1
                elif not triple and content[j] == "\n":
                    break
                j += 1
            i, line_start = j + len(end_quote), False
            continue
        if ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                field = f"{table}.{key}" if table else key
                return ScenarioError(
                    field,
                    tr_noop("nests lists or tables deeper than {limit} levels"),
                    limit=MAX_NESTING,
                )
        elif ch in "]}":
            depth = max(0, depth - 1)
        line_start = False
        i += 1
    return None


# -- value checks: (field, value) -> value, raising ScenarioError -----------------------


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def boolean(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(
            field, tr_noop("must be true or false, got {value}"), value=_show(value)
        )
    return value


def text(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ScenarioError(
            field, tr_noop("must be a string in quotes, got {value}"), value=_show(value)
        )
    return value


def whole(low: int, high: int) -> Callable[[str, Any], int]:
    def check(field: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ScenarioError(
                field,
                tr_noop("must be a whole number from {low} to {high}, got {value}"),
                low=low,
                high=high,
                value=_show(value),
            )
        return value

    return check


def number(low: float, high: float, *, open_low: bool = False) -> Callable[[str, Any], float]:
    """A finite number in [low, high] (or (low, high] with ``open_low``)."""

    def check(field: str, value: Any) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok:
            value = float(value)
            ok = math.isfinite(value) and (low < value if open_low else low <= value)
            ok = ok and value <= high
        if not ok:
            template = (
                tr_noop("must be a number more than {low:g} to {high:g}, got {value}")
                if open_low
                else tr_noop("must be a number from {low:g} to {high:g}, got {value}")
            )
            raise ScenarioError(field, template, low=low, high=high, value=_show(value))
        return value

    return check


def number_or_default(field: str, value: Any) -> float | None:
    """A number, or the string ``"default"`` for the library's default initialisation."""
    if value == "default":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise ScenarioError(
        field, tr_noop('must be a number or "default", got {value}'), value=_show(value)
    )


def choice(options: tuple[str, ...]) -> Callable[[str, Any], str]:
    def check(field: str, value: Any) -> str:
        if value not in options:
            raise ScenarioError(
                field,
                tr_noop("must be one of {allowed}, got {value}"),
                allowed=", ".join(map(repr, options)),
                value=_show(value),
            )
        return value

    return check


def names(field: str, value: Any) -> tuple[str, ...]:
    """A list of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ScenarioError(
            field,
            tr_noop('must be a list of names like ["a", "b"], got {value}'),
            value=_show(value),
        )
    return tuple(value)
