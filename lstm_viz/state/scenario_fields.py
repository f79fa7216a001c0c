"""Checking the values of a scenario file, one field at a time (used by :mod:`.scenario`).

Every check names the field with its dotted path (``settings.hidden_size``) and
says what was expected and what the file has, because the reader of the message
is a teacher with a text editor, not a programmer with a debugger.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..i18n_marks import Explained, tr_noop


class ScenarioError(Explained, ValueError):
    """A scenario file that cannot be read; the message names the file and the field.

    Attributes
    ----------
    field
        The dotted name of the field at fault (``"settings.hidden_size"``),
        ``"format"`` for the version, or ``""`` when the file is not TOML at all.
    """

    def __init__(self, field: str, message: str, source: str = "", **slots: Any) -> None:
        message = self._explain(message, slots)
        where = ": ".join(part for part in (source, field) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.field = field
        self.source = source

    def at(self, field: str, source: str) -> ScenarioError:
        """The same error, named in the file ``source`` (and under another ``field``)."""
        return ScenarioError(field, self.template, source, **self.slots)


class Table:
    """One TOML table being read: remembers which keys were used, to report the others.

    Parameters
    ----------
    data
        The table as ``tomllib`` returned it.
    prefix
        Its dotted name with a trailing dot (``"settings."``), ``""`` for the top level.
    unknown
        Where the dotted names of keys nobody asked for are appended by :meth:`finish`.
    """

    def __init__(self, data: dict[str, Any], prefix: str, unknown: list[str]) -> None:
        self.data = data
        self.prefix = prefix
        self._used: set[str] = set()
        self._unknown = unknown

    def has(self, key: str) -> bool:
        return key in self.data

    def take(self, key: str, check: Callable[[str, Any], Any], default: Any = None) -> Any:
        """The checked value of ``key``, or ``default`` when the file leaves it out."""
        self._used.add(key)
        if key not in self.data:
            return default
        return check(self.prefix + key, self.data[key])

    def table(self, key: str) -> Table:
        """A sub-table (an empty one when absent)."""
        self._used.add(key)
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise ScenarioError(self.prefix + key, f"must be a table ([{key}]), got {value!r}")
        return Table(value, f"{self.prefix}{key}.", self._unknown)

    def finish(self) -> None:
        self._unknown.extend(self.prefix + k for k in self.data if k not in self._used)


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
