"""The explanation panel: the current model's equations, stage by stage, with numbers.

The stage the cursor is in is highlighted and its equations carry the engine's
numbers for step t; later stages of the step are greyed (not yet computed).
The panel only formats what :class:`~lstm_viz.state.results.Results` holds:
it computes means, ranges and the norm of h_t for display, nothing else.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..state.frame import row_at
from ..state.results import Results
from ..state.timeline import STAGES, Cursor
from .mathtext import (
    C_PREV,
    C_T,
    H_PREV,
    H_T,
    MATH_FONT,
    X_T,
    Equation,
    equations,
    fn,
    format_number,
    math_span,
    sym,
    ts,
)

__all__ = ["ExplanationPanel"]

#: Viewport width (px) from which the numbers go beside the equations, not under them.
BESIDE_MIN_WIDTH = {"lstm": 640, "gru": 900, "rnn": 600}

#: Up to this many units, every unit's value is shown; beyond, mean/min/max only.
MAX_UNITS_SHOWN = 8

_THEMES: dict[bool, dict[str, str]] = {
    False: {
        "base": "#ffffff",
        "text": "#1f2430",
        "soft": "#5a6170",
        "grey": "#aab0ba",
        "box": "#fdf3dc",
        "border": "#e3b955",
        "title": "#7a4a00",
        "num": "#1d4f7c",
        "pos": "#e0892b",
        "neg": "#3b7fc4",
        "rule": "#e3e6ea",
    },
    True: {
        "base": "#1c1f25",
        "text": "#e3e6eb",
        "soft": "#a4abb6",
        "grey": "#5b626d",
        "box": "#352e1f",
        "border": "#9c7a35",
        "title": "#f2c46b",
        "num": "#9ccbff",
        "pos": "#f0a04b",
        "neg": "#5fa3e8",
        "rule": "#343a44",
    },
}


def _tr(text: str, **symbols: str) -> str:
    """Escape an already translated sentence, then put maths HTML into its slots."""
    return html.escape(text).format(**symbols)


def _stage_title(kind: str, key: str) -> str:
    titles = {
        "forget": QCoreApplication.translate("ExplanationPanel", "Forget"),
        "remember": QCoreApplication.translate("ExplanationPanel", "Select and memorise"),
        "output": QCoreApplication.translate("ExplanationPanel", "Output"),
        "reset": QCoreApplication.translate("ExplanationPanel", "Reset"),
        "candidate": QCoreApplication.translate("ExplanationPanel", "Candidate"),
        "update": QCoreApplication.translate("ExplanationPanel", "Update"),
    }
    return titles.get(key) or dict(STAGES[kind])[key]


def _stage_text(kind: str, key: str) -> str:
    """The "what this stage does" paragraph, as HTML."""
    s = {
        "f": sym("f", ts()),
        "i": sym("i", ts()),
        "g": sym("g", ts()),
        "o": sym("o", ts()),
        "r": sym("r", ts()),
        "z": sym("z", ts()),
        "n": sym("n", ts()),
        "h_prev": H_PREV,
        "h": H_T,
        "x": X_T,
        "c_prev": C_PREV,
        "c": C_T,
        "tanh_c": f"{fn('tanh')}({C_T})",
    }
    texts = {
        ("lstm", "forget"): QCoreApplication.translate(
            "ExplanationPanel",
            "The forget gate {f} reads {h_prev} and {x} and decides, unit by unit, how much "
            "of the old cell state {c_prev} to keep: 1 keeps it all, 0 wipes it.",
        ),
        ("lstm", "remember"): QCoreApplication.translate(
            "ExplanationPanel",
            "The candidate {g} is new content (tanh, because it is data, not a gate); the "
            "input gate {i} decides how much of it to write. The new cell state {c} is what "
            "was kept plus what was written.",
        ),
        ("lstm", "output"): QCoreApplication.translate(
            "ExplanationPanel",
            "The output gate {o} decides how much of the squashed memory {tanh_c} to show as "
            "the hidden state {h}, which the next step and the output read.",
        ),
        ("gru", "reset"): QCoreApplication.translate(
            "ExplanationPanel",
            "The reset gate {r} decides how much of the previous state {h_prev} the candidate "
            "may look at; near 0, the candidate starts afresh from the input {x}.",
        ),
        ("gru", "candidate"): QCoreApplication.translate(
            "ExplanationPanel",
            "The candidate {n} proposes new content from the input and the reset-filtered "
            "previous state, squashed by tanh into the range −1 to 1.",
        ),
        ("gru", "update"): QCoreApplication.translate(
            "ExplanationPanel",
            "The update gate {z} blends old and new: near 1 it keeps {h_prev} (like the "
            "LSTM's forget gate), near 0 it takes the candidate {n}.",
        ),
        ("rnn", "update"): QCoreApplication.translate(
            "ExplanationPanel",
            "The same cell runs at every step: it mixes the input {x} with the previous state "
            "{h_prev} and squashes the sum with tanh. Only {h} carries information onwards.",
        ),
    }
    return _tr(texts[(kind, key)], **{k: math_span(v) for k, v in s.items()})


class ExplanationPanel(QTextBrowser):
    """Read-only rich-text view of the model's equations at the playback cursor.

    Call :meth:`show` with the results and the cursor whenever either changes;
    the HTML is rebuilt only when the model, the step or the stage changes,
    never for the phase alone.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExplanationPanel")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._dark = False
        self._results: Results | None = None
        self._cursor: Cursor | None = None
        self._key: tuple[Any, ...] | None = None
        self._key_results: Results | None = None
        #: How many times the HTML has been rebuilt (tests and profiling read it).
        self.rebuilds = 0
        self._min_interval_ms = 0
        self._since = QElapsedTimer()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._catch_up)
        self._beside = False
        self.document().setDocumentMargin(12)
        self.set_theme(False)

    # -- public API -----------------------------------------------------------

    def show_cursor(self, results: Results, cursor: Cursor) -> None:
        """Show ``results`` at ``cursor`` (rebuilds only if model, step or stage changed).

        Note: this deliberately shadows ``QWidget.show``; the panel is made
        visible by its parent (a dock or a layout), not by this call.
        """
        stages = STAGES[results.kind]
        t = min(max(cursor.t, 0), results.steps - 1)
        stage = min(max(cursor.stage, 0), len(stages) - 1)
        self._results, self._cursor = results, cursor
        if self.window() is not self and not self.isVisible():
            return  # a hidden dock tab: rebuild when it is shown (showEvent)
        self._beside = self.viewport().width() >= BESIDE_MIN_WIDTH[results.kind]
        # The results are compared by identity and held by the panel (an id() of a
        # freed object can be reused by the next one).
        key = (results.kind, t, stage, self._dark, self._beside)
        if key == self._key and results is self._key_results:
            return
        if self._min_interval_ms and self._since.isValid():
            wait = self._min_interval_ms - self._since.elapsed()
            if wait > 0:
                # Fast playback: rebuild at most every few frames, with the latest cursor.
                if not self._pending.isActive():
                    self._pending.start(int(wait))
                return
        self._since.restart()
        self._key, self._key_results = key, results
        scroll = self.verticalScrollBar().value()
        self.setHtml(self._html(results, t, stage))
        self.verticalScrollBar().setValue(scroll)
        self.rebuilds += 1

    def set_theme(self, dark: bool) -> None:
        """Switch between the light and the dark colours (rebuilds if needed)."""
        self._dark = bool(dark)
        c = _THEMES[self._dark]
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(c["base"]))
        pal.setColor(QPalette.ColorRole.Text, QColor(c["text"]))
        self.setPalette(pal)
        # An application style sheet overrides widget palettes; a style sheet of
        # our own wins over it.
        self.setStyleSheet(
            f"QTextBrowser {{ background: {c['base']}; color: {c['text']}; border: none; }}"
        )
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    def set_min_interval(self, ms: int) -> None:
        """Rebuild at most once per ``ms`` milliseconds (the window sets this for playback).

        Laying out the rich text takes several milliseconds; during fast
        playback the stages change faster than anyone reads equations.
        """
        self._min_interval_ms = max(0, int(ms))

    def _catch_up(self) -> None:
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._since.invalidate()  # shown now: no throttling for this rebuild
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-lay out (numbers beside or under the equations) when the width calls for it."""
        super().resizeEvent(event)
        if self._results is not None and self._cursor is not None:
            self.show_cursor(self._results, self._cursor)

    @property
    def cache_key(self) -> tuple[Any, ...] | None:
        """``(kind, t, stage, dark, beside)`` of the HTML on display."""
        return self._key

    # -- HTML -----------------------------------------------------------------

    def _html(self, r: Results, t: int, stage: int) -> str:
        c = _THEMES[self._dark]
        kind = r.kind
        stages = STAGES[kind]
        head = _tr(
            QCoreApplication.translate(
                "ExplanationPanel", "Step {t} of {total} · stage {stage} of {stages}"
            ),
            t=f"{math_span(sym('t'))} = {t + 1}",
            total=str(r.steps),
            stage=str(stage + 1),
            stages=str(len(stages)),
        )
        parts = [
            f'<html><body style="color:{c["text"]};">',
            f"<p style='margin:0 0 2px 0;'><span style='font-size:15pt; font-weight:600;'>"
            f"{kind.upper()}</span>&nbsp;&nbsp;<span style='color:{c['soft']};'>{head}</span>"
            "</p>",
        ]
        for index, (key, _title) in enumerate(stages):
            parts.append(self._stage_html(r, t, index, key, state=_state(index, stage)))
        parts.append(self._params_html(r))
        parts.append("</body></html>")
        return "".join(parts)

    def _stage_html(self, r: Results, t: int, index: int, key: str, state: str) -> str:
        c = _THEMES[self._dark]
        current = state == "current"
        colour = c["grey"] if state == "later" else c["text"]
        soft = c["grey"] if state == "later" else c["soft"]
        title = html.escape(_stage_title(r.kind, key))
        if current:
            badge = QCoreApplication.translate("ExplanationPanel", "now, at step {t}").format(
                t=t + 1
            )
            heading = (
                f"<span style='color:{c['title']}; font-weight:700; font-size:12pt;'>"
                f"{index + 1}&nbsp;·&nbsp;{title}</span>&nbsp;&nbsp;"
                f"<span style='color:{c['soft']}; font-size:9pt;'>{html.escape(badge)}</span>"
            )
        else:
            note = (
                QCoreApplication.translate("ExplanationPanel", "not yet computed in this step")
                if state == "later"
                else QCoreApplication.translate("ExplanationPanel", "done")
            )
            heading = (
                f"<span style='font-weight:600; font-size:11pt;'>{index + 1}&nbsp;·&nbsp;"
                f"{title}</span>&nbsp;&nbsp;"
                f"<span style='font-size:9pt;'>{html.escape(note)}</span>"
            )
        rows = []
        for eq in equations(r.kind, key):
            maths = math_span(eq.html, "12.5pt")
            eq_cell = f"<td style='white-space:nowrap; padding:4px 14px 4px 10px;'>{maths}</td>"
            if not current:
                rows.append(f"<tr>{eq_cell}</tr>")
            elif self._beside:
                numbers = self._numbers_html(r, t, eq, stack=True)
                rows.append(f"<tr>{eq_cell}<td style='padding:4px 0;'>{numbers}</td></tr>")
            else:
                numbers = self._numbers_html(r, t, eq, stack=True, per_row=4)
                rows.append(
                    f"<tr>{eq_cell}</tr><tr><td style='padding:0 0 8px 30px;'>{numbers}</td></tr>"
                )
        box = (
            f"bgcolor='{c['box']}' style='border:1px solid {c['border']}; "
            "border-style:solid; margin-top:8px;'"
            if current
            else "style='margin-top:8px;'"
        )
        return (
            f"<table width='100%' cellspacing='0' cellpadding='8' {box}><tr><td>"
            f"<p style='margin:0; color:{colour};'>{heading}</p>"
            f"<p style='margin:3px 0 4px 0; color:{soft};'>{_stage_text(r.kind, key)}</p>"
            f"<table cellspacing='0' cellpadding='0' style='color:{colour};'>{''.join(rows)}"
            "</table></td></tr></table>"
        )

    def _numbers_html(
        self, r: Results, t: int, eq: Equation, stack: bool, per_row: int = MAX_UNITS_SHOWN
    ) -> str:
        """The engine's values of ``eq.symbol`` at step ``t``, summarised.

        ``stack`` puts the unit values under the summary rather than to its
        right; ``per_row`` wraps them so a narrow panel never squeezes the text.
        """
        c = _THEMES[self._dark]
        tr = r.trace
        if eq.symbol == "c" and tr.c is not None and tr.c_prev is not None:
            values = row_at(tr.c, t)
            before = row_at(tr.c_prev, t)
            first = _tr(
                QCoreApplication.translate(
                    "ExplanationPanel", "mean of {c_prev} → {c}: {before} → {after}"
                ),
                c_prev=math_span(C_PREV),
                c=math_span(C_T),
                before=_num(before.mean(), c),
                after=_num(values.mean(), c),
            )
        elif eq.symbol == "h":
            values = row_at(tr.h, t)
            first = _tr(
                QCoreApplication.translate("ExplanationPanel", "{norm} = {value}"),
                norm=math_span(f"‖{H_T}‖", "10.5pt"),
                value=_num(np.linalg.norm(values), c),
            )
        else:
            values = row_at(tr.gates[eq.symbol], t)
            first = ""
        if values.size == 1 or values.min() == values.max():
            summary = _tr(
                QCoreApplication.translate("ExplanationPanel", "value {value}"),
                value=_num(values.flat[0], c),
            )
        else:
            summary = _tr(
                QCoreApplication.translate(
                    "ExplanationPanel", "mean {mean}, range {low} to {high}"
                ),
                mean=_num(values.mean(), c),
                low=_num(values.min(), c),
                high=_num(values.max(), c),
            )
        lines = [x for x in (first, summary) if x]
        text = "<br/>".join(lines)
        cell = f"<td valign='middle' style='color:{c['soft']}; padding-right:10px;'>{text}</td>"
        units = ""
        if 1 < values.size <= MAX_UNITS_SHOWN:
            units = f"<td valign='middle'>{_units_html(values, c, per_row)}</td>"
        body = f"<tr>{cell}</tr><tr>{units}</tr>" if stack else f"<tr>{cell}{units}</tr>"
        return f"<table cellspacing='0' cellpadding='0' style='font-size:9.5pt;'>{body}</table>"

    def _params_html(self, r: Results) -> str:
        c = _THEMES[self._dark]
        m = r.model
        h, d, g = m.hidden_size, m.input_size, m.blocks
        formula = math_span(
            f"{sym('G')} × ({sym('H')}·{sym('D')} + {sym('H')}·{sym('H')} + 2{sym('H')})"
        )
        filled = math_span(f"{g} × ({h}·{d} + {h}·{h} + 2·{h})")
        line = _tr(
            QCoreApplication.translate(
                "ExplanationPanel",
                "{formula} = {filled} = {total}, where {G} = {g} is the number of weight "
                "blocks, {H} = {h} the number of units and {D} = {d} the input size.",
            ),
            formula=formula,
            filled=filled,
            total=f"<b>{m.n_params}</b>",
            G=math_span(sym("G")),
            H=math_span(sym("H")),
            D=math_span(sym("D")),
            g=str(g),
            h=str(h),
            d=str(d),
        )
        remarks = {
            "lstm": QCoreApplication.translate(
                "ExplanationPanel",
                "Four blocks: an LSTM needs four times the parameters of a plain RNN of the "
                "same width. The GRU does about as well with three blocks.",
            ),
            "gru": QCoreApplication.translate(
                "ExplanationPanel",
                "Three blocks: three quarters of an LSTM of the same width, and in practice "
                "often just as good.",
            ),
            "rnn": QCoreApplication.translate(
                "ExplanationPanel",
                "One block: the smallest recurrent cell; an LSTM of the same width has four "
                "times as many parameters.",
            ),
        }
        title = html.escape(QCoreApplication.translate("ExplanationPanel", "Parameters"))
        return (
            f"<p style='margin:16px 0 2px 0; font-weight:600; font-size:11pt;'>{title}</p>"
            f"<p style='margin:0; color:{c['soft']};'>{line}</p>"
            f"<p style='margin:2px 0 0 0; color:{c['soft']};'>{html.escape(remarks[r.kind])}</p>"
        )


def _state(index: int, current: int) -> str:
    if index < current:
        return "done"
    return "current" if index == current else "later"


def _num(value: float, c: dict[str, str]) -> str:
    return f"<span style='color:{c['num']}; font-weight:600;'>{format_number(value)}</span>"


def _blend(a: str, b: str, w: float) -> str:
    ca, cb = QColor(a), QColor(b)
    mix = [round(x + (y - x) * w) for x, y in zip(ca.getRgb()[:3], cb.getRgb()[:3], strict=True)]
    return QColor(*mix).name()


def _units_html(values: np.ndarray, c: dict[str, str], per_row: int = MAX_UNITS_SHOWN) -> str:
    """One small cell per unit, tinted by sign and magnitude (display only)."""
    cells = []
    for v in values:
        w = 0.0 if not np.isfinite(v) else min(abs(float(v)), 1.0) * 0.55
        bg = _blend(c["box"], c["pos"] if v >= 0 else c["neg"], w)
        cells.append(
            f"<td bgcolor='{bg}' align='center' nowrap style='padding:1px 4px; "
            f"white-space:nowrap; color:{c['text']};'>"
            f"{format_number(v)}</td>"
        )
    rows = "".join(
        f"<tr>{''.join(cells[k : k + per_row])}</tr>" for k in range(0, len(cells), per_row)
    )
    return (
        f"<table cellspacing='2' cellpadding='0' style='margin-top:2px; font-family:"
        f"{MATH_FONT}; font-size:8.5pt;'>{rows}</table>"
    )
