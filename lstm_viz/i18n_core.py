"""Translation without Qt: the catalogue read from its ``.ts`` source, and the one :func:`tr`.

The commands that need no window (``lstm-viz simulate``, ``lstm-viz train``)
must run where Qt's libraries are missing, so the translation itself lives
here: :func:`set_language` reads ``resources/i18n/lstm_viz_<code>.ts`` (XML)
into a dict and :func:`tr` looks sentences up in it. ``lstm_viz.i18n`` (the
window's layer) uses this same :func:`tr` and only adds Qt's ``QTranslator``
for Qt's own dialogs, so a sentence reads the same wherever it is shown.

``pyside6-lupdate`` collects every ``tr("…")`` call (and ``tr_noop("…")``, see
:mod:`lstm_viz.i18n_marks`) into the one, empty, translation context.
"""

from __future__ import annotations

import locale
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

from .i18n_marks import Explained, Marked, Sentence
from .languages import LANGUAGES, language_code

__all__ = [
    "CONTEXT",
    "catalogue_source",
    "current_language",
    "error_text",
    "language_option",
    "read_catalogue",
    "requested_language",
    "say",
    "set_language",
    "speaking",
    "system_language",
    "tr",
]

CONTEXT = ""
# Entries lupdate keeps but no longer uses: lrelease leaves them out, and so do we.
_DROPPED = frozenset({"obsolete", "vanished"})

_table: dict[str, str] = {}  # English → the current language; empty for English
_current = "en"
_spoken: list[dict[str, str]] = []  # speaking()'s tables, innermost last


def tr(text: str) -> str:
    """``text`` in the current language (the English source when there is no translation)."""
    return (_spoken[-1] if _spoken else _table).get(text, text)


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Inside the block :func:`tr` speaks ``code``; the app's language is left as it is.

    For drawing a frame in a given language (an export, a test) without switching
    the app: no widget gets ``LanguageChange`` and the current language is the
    same afterwards. Not thread-safe, like the drawing it is for (GUI thread only).
    """
    code = language_code(code)
    if code == _current and not _spoken:
        yield  # the app already speaks it (its own catalogue, even a test's)
        return
    _spoken.append(_installed_table(code))
    try:
        yield
    finally:
        _spoken.pop()


@cache
def _installed_table(code: str) -> dict[str, str]:
    # Read once: a frame is drawn in its language many times.
    return load_language(code)[1]


def current_language() -> str:
    return _current


def catalogue_source(code: str) -> Path:
    """The catalogue's source (``.ts``) of a language, as installed with the package."""
    return Path(str(resources.files("lstm_viz.resources") / "i18n" / f"lstm_viz_{code}.ts"))


def read_catalogue(path: str | os.PathLike[str]) -> dict[str, str]:
    """English → translation for every translated entry of a ``.ts`` file's empty context.

    Like ``lrelease``: entries with an empty translation are left out (the
    English shows), and so are obsolete ones. Raises ``OSError`` or
    ``xml.etree.ElementTree.ParseError``.
    """
    table: dict[str, str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        if (context.findtext("name") or "") != CONTEXT:
            continue
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or translation.get("type") in _DROPPED:
                continue
            if translation.text:
                table[source] = translation.text
    return table


def load_language(code: str, source: Path | None = None) -> tuple[str, dict[str, str]]:
    """The language code for ``code`` and its table, read but not yet in use.

    ``source`` replaces the installed catalogue (tests use a pseudo-translation).
    Raises ``ValueError`` for an unknown language, ``FileNotFoundError`` when its
    catalogue cannot be read.
    """
    code = language_code(code)
    if code == "en":
        return code, {}
    path = source or catalogue_source(code)
    try:
        return code, read_catalogue(path)
    except (OSError, ET.ParseError) as err:
        raise FileNotFoundError(
            f"the {LANGUAGES[code]} catalogue cannot be read: {path} ({err})"
        ) from err


def use_language(code: str, table: dict[str, str]) -> None:
    """Speak ``code`` from now on, with a table from :func:`load_language`."""
    global _current
    _table.clear()
    _table.update(table)
    _current = code


def set_language(code: str, source: Path | None = None) -> None:
    """Speak ``code`` from now on; a catalogue that cannot be read raises and leaves the
    current language as it was."""
    use_language(*load_language(code, source))


def language_option(argv: list[str]) -> str | None:
    """The language a command line asks for with ``--lang X``, or None (unknown names are
    left for the parser to report). Read before the parser is built, so that its help
    is in that language too."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            try:
                return language_code(value)
            except ValueError:
                return None
    return None


def system_language(env: Mapping[str, str] = os.environ) -> str:
    """The language the user's locale asks for, if the app speaks it, else English.

    POSIX order: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set;
    elsewhere the locale Python reports.
    """
    name = next((env[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    if not name and not sys.platform.startswith(("linux", "darwin", "freebsd")):
        name = locale.getlocale()[0] or ""
    return "zh_CN" if name.lower().startswith(("zh", "chinese")) else "en"


def requested_language(argv: list[str]) -> str:
    """``--lang X`` from a command line, else the system's language."""
    return language_option(argv) or system_language()


def say(text: str) -> str:
    """``text`` in the current language if it is marked (a :class:`Sentence` with its slots
    said too, or a :class:`Marked` sentence); anything else (a file name) as it is."""
    if isinstance(text, Sentence):
        slots = {k: say(v) if isinstance(v, str) else v for k, v in text.slots.items()}
        return tr(text.template).format(**slots)
    if isinstance(text, Marked):
        return tr(text)
    return text


def error_text(err: BaseException) -> str:
    """An error's message in the current language, when it was raised with a marked
    template (see :mod:`lstm_viz.i18n_marks`); otherwise its English ``str``."""
    if not isinstance(err, Explained) or not isinstance(err.template, Marked):
        return str(err)
    message = say(Sentence(err.template, **err.slots))
    # Placed as the errors' own str() places them: "file, line 3: field: message".
    line = getattr(err, "line", None)
    at_line = None if line is None else tr("line {n}").format(n=line)
    place = ", ".join(part for part in (getattr(err, "source", None), at_line) if part)
    field = getattr(err, "field", "")
    if field:
        place = f"{place}: {field}" if place else field
    return f"{place}: {message}" if place else message
