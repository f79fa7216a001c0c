"""The Text panel's numbers: a unit's activation on every token, and units ranked on a span. No Qt.

Karpathy et al. (2015) and LSTMVis (Strobelt et al. 2018) show what a trained unit
does by colouring the text with it. Here each step's token is shown with the chosen
unit's c, h or gate value; selecting a span ranks the units whose pattern *switches*
there: for unit u with values v_u scaled by their spread over the whole text,

    score_u = (mean of v_u inside the span − mean of v_u just outside it) / std(v_u)

where "just outside" is as many steps before and after the span as it is long. A
large positive score is a unit that turns on over the span, a negative one a unit
that turns off; units are ranked by |score|. The other places where the top units do
the same (:func:`matching_spans`) are the windows of the text whose pattern — the
span and its surroundings — correlates with the selected one.

Steps are in the shown cell's order (a reverse direction's step 1 reads the last
token); the text is written in reading order: :func:`written_step` maps one to the
other.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..engine.cells.stack_trace import in_time_order
from ..engine.cells.trace import Trace
from ..engine.data.showcase import held_out, stdlib_files, stdlib_text
from .settings import Settings

if TYPE_CHECKING:
    from .results import Results

__all__ = [
    "MATCH_THRESHOLD",
    "Layout",
    "Match",
    "in_written_order",
    "layout",
    "matching_spans",
    "quantities",
    "rank_units",
    "showcase_settings",
    "shown_token",
    "step_at",
    "step_tokens",
    "unit_values",
    "written_step",
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


def step_at(x: float, steps: int, axis: str = "step") -> int | None:
    """The step (0-based) nearest ``x`` on a plot's step axis, ``None`` off its ends.

    ``axis`` is ``"step"`` (x = t, 1 … T) or ``"distance"`` (x = T − t), as in
    :func:`lstm_viz.state.plot_data.x_positions`.
    """
    nearest = math.floor(x + 0.5)
    t = nearest if axis == "step" else steps - nearest
    return t - 1 if 1 <= t <= steps else None


def written_step(t: int, steps: int, direction: int) -> int:
    """Where step ``t`` of a cell (0-based, its own order) stands in the written text,
    and back: the reverse direction's step 0 reads the last token."""
    return steps - 1 - t if direction == 1 else t


def in_written_order(values: np.ndarray, direction: int) -> np.ndarray:
    """A per-step array of one cell (steps first) in the order the text is written."""
    return in_time_order(values, direction)


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


#: How well a place must repeat a selected pattern to be listed (Pearson r): on the
#: showcase model, a selected "self" finds the other "self"s at r ≈ 0.6–0.7.
MATCH_THRESHOLD = 0.6


class Match(NamedTuple):
    """A span where the chosen units repeat the selected pattern (steps ``start … stop − 1``)."""

    start: int
    stop: int
    score: float  # Pearson correlation with the selected pattern


def matching_spans(
    values: np.ndarray,
    start: int,
    stop: int,
    units: list[int],
    threshold: float = MATCH_THRESHOLD,
    most: int = 8,
) -> list[Match]:
    """The other spans as long as ``start … stop − 1`` where ``units`` do what they do there.

    The pattern is the (steps × units) values over the span and as many steps before
    and after it (fewer at the ends of the text), each unit scaled by its mean and
    spread over the whole text. Every window of the same extent is compared with it
    by Pearson correlation (all its values at once, so both the switch in time and
    which unit goes up or down count); windows scoring at least ``threshold`` are
    kept, best first, never overlapping the selection or one another, at most
    ``most``. A span with no variation matches nothing.
    """
    steps = values.shape[0]
    start, stop = max(0, start), min(steps, stop)
    width = stop - start
    if width <= 0 or width >= steps or not units:
        return []
    x = np.asarray(values[:, units], dtype=np.float64)
    spread = x.std(axis=0)
    x = (x - x.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
    before, after = min(width, start), min(width, steps - stop)
    template = x[start - before : stop + after]
    extent, n = template.shape[0], template.size
    pattern = template - template.mean()
    norm = float(np.sqrt(np.sum(pattern**2)))
    if norm == 0.0:
        return []
    # Σ_j x[s+j]·p[j] for every window s (p sums to 0, so this is the covariance's sum).
    cross = sum(np.correlate(x[:, k], pattern[:, k], mode="valid") for k in range(len(units)))
    total, total2 = _window_sums(x, extent), _window_sums(x**2, extent)
    variance = np.maximum(total2 - total**2 / n, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(variance > 1e-12 * n, cross / (np.sqrt(variance) * norm), 0.0)
    r = np.clip(r, -1.0, 1.0)
    found: list[Match] = []
    taken = [start]
    for s in np.argsort(-r, kind="stable"):
        if r[s] < threshold or len(found) >= most:
            break
        first = int(s) + before
        if all(abs(first - other) >= width for other in taken):
            found.append(Match(first, first + width, float(r[s])))
            taken.append(first)
    return found


def _window_sums(a: np.ndarray, extent: int) -> np.ndarray:
    """The sum of ``a`` (steps × units) over every window of ``extent`` steps."""
    running = np.concatenate([[0.0], np.cumsum(a.sum(axis=1))])
    return running[extent:] - running[:-extent]


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


def layout(tokens: tuple[str, ...], separator: str = "", before: tuple[str, ...] = ()) -> Layout:
    """Tokens joined by ``separator`` (``""`` for characters, ``" "`` for words).

    ``before[t]``, when given, is written just before token ``t`` (a what-if's
    struck-out original): it moves the tokens after it, not into them.
    """
    pieces = [b + t for b, t in zip(before, tokens, strict=True)] if before else list(tokens)
    lengths = np.array([len(p) for p in pieces], dtype=np.int64)
    gaps = np.arange(len(tokens)) * len(separator)
    ends = np.cumsum(lengths) + gaps
    starts = ends - np.array([len(t) for t in tokens], dtype=np.int64)
    return Layout(separator.join(pieces), starts, ends)


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
