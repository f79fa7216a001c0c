"""The showcase's text: the Python standard library's own source files, read at run time.

The character-level LSTM in ``resources/models/showcase_*`` is trained on these
files (by ``scripts/make_showcase_model.py``) and shown on held-out ones; nothing
of the text is copied into the repository. The split is by file name, so the held-out
files are never trained on whatever the installed Python version holds.

:func:`python_features` labels every character of a source file with what Karpathy
et al. (2015) looked for in their units: inside a string literal, bracket depth,
indentation depth and position in the line — computed by Python's own
:mod:`tokenize`, never guessed from quotes.
"""

from __future__ import annotations

import io
import sysconfig
import tokenize
import zlib
from pathlib import Path

import numpy as np

__all__ = [
    "FEATURES",
    "SHOWCASE_ALPHABET",
    "best_units",
    "held_out",
    "python_features",
    "stdlib_files",
    "stdlib_text",
]

#: The showcase's vocabulary: newline, then printable ASCII (space … ``~``), in id order.
SHOWCASE_ALPHABET: tuple[str, ...] = ("\n", *(chr(c) for c in range(32, 127)))

#: What :func:`python_features` measures, in its column order.
FEATURES = ("string", "bracket_depth", "indent_depth", "line_position")

# One file in this many is held out, chosen by a hash of its name (stable across runs).
_HELD_OUT_EVERY = 8
_MAX_BYTES = 200_000  # very large generated files (e.g. pydoc topics) teach little


def stdlib_files() -> list[Path]:
    """The standard library's top-level ``*.py`` files, sorted by name."""
    root = Path(sysconfig.get_paths()["stdlib"])
    return sorted(
        p for p in root.glob("*.py") if p.is_file() and 0 < p.stat().st_size <= _MAX_BYTES
    )


def held_out(path: Path) -> bool:
    """Whether a standard-library file is kept out of training (by a hash of its name)."""
    return zlib.crc32(path.name.encode()) % _HELD_OUT_EVERY == 0


def stdlib_text(path: Path) -> str:
    """A source file with every character outside the alphabet dropped (tabs become spaces)."""
    text = path.read_text(encoding="utf-8", errors="replace").replace("\t", "    ")
    allowed = set(SHOWCASE_ALPHABET)
    return "".join(ch for ch in text if ch in allowed)


def python_features(text: str) -> np.ndarray:
    """Per-character labels of Python source, shape ``(len(text), 4)`` in :data:`FEATURES` order.

    ``string`` is 1 for the characters of a string literal (prefix and quotes included),
    ``bracket_depth`` counts the open ``( [ {`` outside strings and comments (the
    bracket itself counts as inside), ``indent_depth`` is the number of leading spaces
    of the character's line, and ``line_position`` the column. A text cut inside a
    statement is labelled up to the cut (what is open there stays open to the end).
    """
    lines = text.split("\n")
    starts = np.cumsum([0] + [len(line) + 1 for line in lines])
    n = len(text)
    string = np.zeros(n)
    depth_change = np.zeros(n + 1)
    for tok in _tokens(text):
        begin = starts[tok.start[0] - 1] + tok.start[1]
        end = starts[tok.end[0] - 1] + tok.end[1]
        if tok.type == tokenize.STRING or tok.type in _FSTRING_TYPES:
            string[begin:end] = 1.0
        elif tok.type == tokenize.OP and tok.string in "([{":
            depth_change[begin] += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth_change[end] -= 1
    depth = np.cumsum(depth_change)[:n]
    column = np.zeros(n)
    indent = np.zeros(n)
    for number, line in enumerate(lines):
        a = starts[number]
        b = min(a + len(line) + 1, n)  # the newline belongs to its line
        column[a:b] = np.arange(b - a)
        indent[a:b] = len(line) - len(line.lstrip(" "))
    return np.stack([string, depth, indent, column], axis=1)


def _tokens(text: str):
    """Python's tokens of ``text``; an excerpt cut inside a statement ends where it is cut."""
    try:
        yield from tokenize.generate_tokens(io.StringIO(text).readline)
    except tokenize.TokenError:
        return


_FSTRING_TYPES = tuple(
    getattr(tokenize, name)
    for name in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
    if hasattr(tokenize, name)
)


def best_units(
    states: dict[str, np.ndarray], features: np.ndarray
) -> dict[str, tuple[str, int, float]]:
    """For each of :data:`FEATURES`, the unit whose activation is best correlated with it.

    Parameters
    ----------
    states
        Name (``"c"``, ``"h"``, a gate) → activations ``(T, H)`` over a text.
    features
        :func:`python_features` of the same text, ``(T, 4)``.

    Returns
    -------
    dict
        Feature → ``(state name, unit, Pearson r)``, the largest ``|r|`` over every
        unit of every state (a unit may also count down: r is kept with its sign).
    """
    found: dict[str, tuple[str, int, float]] = {}
    f = features - features.mean(axis=0)
    f_norm = np.linalg.norm(f, axis=0)
    for name, values in states.items():
        v = values - values.mean(axis=0)
        v_norm = np.linalg.norm(v, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            r = (f.T @ v) / np.outer(f_norm, v_norm)  # (4, H)
        r = np.nan_to_num(r)
        for i, feature in enumerate(FEATURES):
            unit = int(np.argmax(np.abs(r[i])))
            if feature not in found or abs(r[i, unit]) > abs(found[feature][2]):
                found[feature] = (name, unit, float(r[i, unit]))
    return found
