"""The Text panel's parts that hold no widget state: the tokens as HTML, their colours,
the attribution legend's ticks, the ranking's sentence, the marks in the text, the help."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ..state.attribution import TokenAttribution
from ..state.prediction import Predictions
from ..state.text_view import MATCH_THRESHOLD, Match, shown_token
from ._style import decade_labels, tr

#: How the original looks beside a what-if's edit.
FAINT = "#9a9a9a"
#: The other places of a span are those where its best this many units do the same.
MATCH_UNITS = 3
#: The cursor's token: underlined in the playback orange.
CURSOR_COLOUR = "#f28e2b"

RGB = tuple[int, int, int]


def hex_colour(rgb: Sequence[int]) -> str:
    r, g, b = (int(v) for v in rgb[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def ink_on(rgb: Sequence[int]) -> str:
    """Black or white text, whichever reads on a background of ``rgb`` (its luminance)."""
    r, g, b = (int(v) / 255.0 for v in rgb[:3])
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "#ffffff"


def diverging_colours(column: np.ndarray, table: np.ndarray) -> list[RGB | None]:
    """The colours of values in [-1, 1] on a 256-entry diverging table (0 in its middle)."""
    index = np.clip(np.round((column + 1.0) * 127.5), 0, 255).astype(int)
    return [_rgb(table[i]) for i in index]


def attribution_colours(
    found: TokenAttribution, shown: int, table: np.ndarray, overflow: str
) -> list[RGB | None]:
    """Each written token's colour by the attribution: the diverging table's positive
    half on the log scale of :meth:`TokenAttribution.shades`, ``overflow`` where the
    norm is not finite, ``None`` for the tokens the prediction has not read."""
    shades = found.shades()[:shown]  # already in written order, whatever the direction
    over = found.overflowed()[:shown]
    bad = QColor(overflow)
    colours: list[RGB | None] = []
    for shade, overflowed in zip(shades, over, strict=True):
        if overflowed:
            colours.append((bad.red(), bad.green(), bad.blue()))
        elif np.isnan(shade):
            colours.append(None)
        else:
            colours.append(_rgb(table[128 + round(float(shade) * 127)]))
    return colours


def _rgb(entry: np.ndarray) -> RGB:
    return int(entry[0]), int(entry[1]), int(entry[2])


def tokens_html(
    tokens: Sequence[str],
    backgrounds: Sequence[RGB | None],
    steps: Sequence[int],
    struck: Sequence[str],
    separator: str,
    ink: str,
) -> str:
    """The tokens written out, each a link ``t:<step>`` on its background (``None``:
    none, in ``ink``), a what-if's replaced original (``struck[i]``, when not empty)
    struck out before it."""
    parts = []
    for token, background, step, was in zip(tokens, backgrounds, steps, struck, strict=True):
        if background is None:
            style = f"color:{ink};text-decoration:none"
        else:
            colour, on = hex_colour(background), ink_on(background)
            style = f"background-color:{colour};color:{on};text-decoration:none"
        link = f'<a href="t:{step}" style="{style}">{html.escape(token)}</a>'
        if was:
            link = f'<s style="color:{FAINT}">{html.escape(was)}</s>{separator}{link}'
        parts.append(link)
    body = separator.join(parts)
    return f'<pre style="white-space:pre-wrap;font-family:monospace">{body}</pre>'


def attribution_status(found: TokenAttribution | None, t: int, more: str = "") -> str:
    """The status line for the attribution of the prediction at step ``t`` (0-based):
    the real range of the norms, or that they are being computed."""
    step = t + 1
    if found is None or found.step != t:
        return tr("computing the attribution at step {step}…").format(step=step)
    return (
        tr("t' = {step}: ‖∂ŷ/∂x_t‖ from {small:.2g} to {large:.2g}").format(
            step=step, small=found.smallest, large=found.largest
        )
        + more
    )


def legend_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """The attribution legend's ticks on a log₁₀ axis: both ends with their values, and
    the decades between that are not too close to an end."""
    if high <= low:
        return [(low, f"{10.0**low:.2g}")]
    inner = range(math.ceil(low), math.floor(high) + 1)
    every = 1 if len(inner) <= 6 else 2
    room = 0.12 * (high - low)
    decades = [float(k) for k in inner[::every] if k - low > room and high - k > room]
    labels = decade_labels(decades) if decades else []
    ends = [(low, f"{10.0**low:.2g}"), (high, f"{10.0**high:.2g}")]
    return [ends[0], *zip(decades, labels, strict=True), ends[1]]


def mark(cursor: QTextCursor, colour: str, wavy: bool = False) -> QTextEdit.ExtraSelection:
    """An underline over ``cursor``'s characters: bold (the cursor's token) or wavy."""
    fmt = QTextCharFormat()
    fmt.setUnderlineColor(QColor(colour))
    if wavy:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    else:
        fmt.setFontUnderline(True)
        fmt.setFontWeight(700)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = fmt
    return selection


def ranking_html(
    start: int,
    stop: int,
    ranked: list[tuple[int, float]],
    matches: list[Match] | None,
    link: str,
) -> str:
    """The ranked units of the steps ``start … stop − 1`` (links ``u:<unit>``), and the
    other places where the best of them do the same (links ``s:<step>``; ``None``:
    still being looked for), the links in the colour ``link``."""
    style = f'style="color:{link}"'  # a label's links ignore its palette
    units = ", ".join(f'<a href="u:{u}" {style}>{u}</a> ({score:+.2f})' for u, score in ranked)
    lines = [
        tr("Units that switch on steps {first}–{last}: {units}").format(
            first=start + 1, last=stop, units=units
        )
    ]
    top = ", ".join(str(u) for u, _ in ranked[:MATCH_UNITS])
    if matches:
        places = ", ".join(
            f'<a href="s:{m.start}" {style}>{m.start + 1}–{m.stop}</a> (r = {m.score:.2f})'
            for m in matches
        )
        lines.append(
            tr("Units {units} do the same on steps {places}").format(units=top, places=places)
        )
    elif matches is not None:
        lines.append(
            tr("Units {units} do this nowhere else in the text (r ≥ {r:.1f}).").format(
                units=top, r=MATCH_THRESHOLD
            )
        )
    return "<br>".join(lines)


def said(predictions: Predictions, t: int) -> str:
    """The top classes (a regressor: the value) at step ``t``, as the prediction line says."""
    if predictions.regressor:
        return f"{predictions.top(t)[0][1]:.4g}"
    return "   ".join(f"{shown_token(label)} {p:.0%}" for label, p in predictions.top(t, 5))


def help_texts(attributing: bool) -> tuple[str, str]:
    """The panel's caption (for what the colours show now) and its "?" text."""
    if attributing:
        caption = tr(
            "The text coloured by what the prediction at the cursor's step depends on: "
            "the redder a token, the more the prediction changes with its input."
        )
    else:
        caption = tr(
            "The text coloured by one unit: red where it is positive, blue where negative."
        )
    units = tr(
        "Each token's background is the chosen unit's value at that step (the cell "
        "state c scaled by its largest size on this text). Click a token to move the "
        "cursor there; click a unit in the strip or press Up/Down to walk the units; "
        "select a span to rank the units whose value switches there: (mean inside − "
        "mean just outside) / spread over the text."
    )
    more = tr(
        "Under the ranking, the other places where the best {n} units do the same: the "
        "spans of the same length whose pattern (the span and as many steps on either "
        "side) correlates with the selected one by r ≥ {r:.1f}, underlined wavy in the "
        "text; click one to go there.\n\n"
        "With a read-out head, colour by the attribution of the prediction at the "
        "cursor's step t': each earlier token's colour is ‖∂ŷ_t'/∂x_t‖, the gradient of "
        "the predicted class's probability with respect to that step's input, exactly, "
        "on a log scale (the strip above is its legend). Tokens after t' stay "
        "uncoloured: the prediction at t' has not read them — except in a bidirectional "
        "model, whose reverse direction has read every token."
    ).format(n=MATCH_UNITS, r=MATCH_THRESHOLD)
    return caption, f"{units}\n\n{more}"
