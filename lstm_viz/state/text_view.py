"""The Text panel's numbers: a unit's activation on every token, and units ranked on a span. No Qt.

Karpathy et al. (2015) and LSTMVis (Strobelt et al. 2018) show what a trained unit
does by colouring the text with it. Here each step's token is shown with the chosen
unit's c, h or gate value; selecting a span ranks the units whose pattern *switches*
there: for unit u with values v_u scaled by their spread over the whole text,

    score_u = (mean of v_u inside the span − mean of v_u just outside it) / std(v_u)

where "just outside" is as many steps before and after the span as it is long. A
large positive score is a unit that turns on over the span, a negative one a unit
that turns off; units are ranked by |score|.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..engine.cells.trace import Trace
from ..engine.data.showcase import held_out, stdlib_files, stdlib_text
from .settings import Settings

if TYPE_CHECKING:
    from .results import Results

__all__ = [
    "Layout",
    "layout",
    "quantities",
    "rank_units",
    "showcase_settings",
    "shown_token",
    "step_tokens",
    "unit_values",
]


_VISIBLE = {"\n": "↵", " ": "␣", "\t": "⇥"}


def shown_token(token: str, most: int = 12) -> str:
    """A token as a label shows it: whitespace made visible, long tokens cut with "…"."""
    text = "".join(_VISIBLE.get(ch, ch) for ch in token)
    return text if len(text) <= most else text[: most - 1] + "…"


def step_tokens(results: Results) -> tuple[str, ...]:
    """What each step of the shown cell reads (empty when the steps have no labels), in
    the cell's own order: a reverse direction's step 1 reads the last token."""
    labels = results.sequence.step_labels
    return labels[::-1] if results.direction == 1 else labels


def quantities(trace: Trace) -> tuple[str, ...]:
    """What can colour the text: the cell state (LSTM), the hidden state and every gate."""
    names = ["h", *trace.gates]
    if trace.c is not None:
        names.insert(0, "c")
    return tuple(names)


def unit_values(trace: Trace, quantity: str) -> np.ndarray:
    """The (T, H) values of ``quantity`` (``"c"``, ``"h"`` or a gate name)."""
    if quantity == "c" and trace.c is not None:
        return trace.c
    if quantity == "h":
        return trace.h
    return trace.gates[quantity]


def rank_units(values: np.ndarray, start: int, stop: int) -> list[tuple[int, float]]:
    """The units ranked by how much they switch on the steps ``start … stop − 1``.

    Returns (unit, score) best first (see the module's formula); units constant
    over the text score 0. An empty or whole-text span ranks nothing.
    """
    steps = values.shape[0]
    start, stop = max(0, start), min(steps, stop)
    width = stop - start
    if width <= 0 or width >= steps:
        return []
    outside = np.r_[max(0, start - width) : start, stop : min(steps, stop + width)]
    inside = values[start:stop].mean(axis=0)
    around = values[outside].mean(axis=0)
    spread = values.std(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(spread > 0, (inside - around) / spread, 0.0)
    order = np.argsort(-np.abs(score), kind="stable")
    return [(int(u), float(score[u])) for u in order]


class Layout(NamedTuple):
    """How the tokens are written out: the text, and where each token's characters are."""

    text: str
    starts: np.ndarray  # (T,) first character of each token
    stops: np.ndarray  # (T,) one past its last

    def steps_of(self, begin: int, end: int) -> tuple[int, int]:
        """The steps whose tokens overlap the characters ``begin … end − 1``."""
        first = int(np.searchsorted(self.stops, begin, side="right"))
        last = int(np.searchsorted(self.starts, end, side="left"))
        return first, max(first, last)


def layout(tokens: tuple[str, ...], separator: str = "") -> Layout:
    """Tokens joined by ``separator`` (``""`` for characters, ``" "`` for words)."""
    lengths = np.array([len(t) for t in tokens], dtype=np.int64)
    gaps = np.arange(len(tokens)) * len(separator)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) + gaps
    return Layout(separator.join(tokens), starts, starts + lengths)


#: The showcase model (``scripts/make_showcase_model.py``), as installed.
SHOWCASE_MODEL = "models/showcase_char_lstm.npz"
#: The held-out standard-library file File → Examples opens, and how much of it.
SHOWCASE_FILE = "queue.py"
SHOWCASE_CHARS = 2500


def showcase_settings(base: Settings) -> Settings:
    """``base`` with the showcase: the char-LSTM on a held-out standard-library file.

    Raises ``OSError`` when the installed Python has no such file (a stripped install).
    """
    model = Path(str(resources.files("lstm_viz.resources") / SHOWCASE_MODEL))
    source = next((p for p in stdlib_files() if p.name == SHOWCASE_FILE), None)
    if source is None or not held_out(source):
        raise FileNotFoundError(f"the standard library has no {SHOWCASE_FILE}")
    text = stdlib_text(source)[:SHOWCASE_CHARS]
    return base.replace(
        sequence="text",
        text=text,
        tokenizer="chars",
        weights=str(model),
        vocab_file=None,
        labels_file=None,
    )
