"""The explanation panel's page as HTML: stage blocks, numbers, unit cells, parameters.

:func:`page_html` formats what :class:`~lstm_viz.state.results.Results` holds
for one step and stage; it computes means, ranges and the norm of h_t for
display, nothing else. :mod:`lstm_viz.app.explain_panel` shows the page.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtGui import QColor

from ..i18n import tr
from ..palette import DARK, LIGHT, Theme
from ..state.frame import row_at
from ..state.results import Results
from ..state.timeline import STAGES
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

__all__ = ["MAX_UNITS_SHOWN", "THEMES", "page_html"]

#: Up to this many units, every unit's value is shown; beyond, mean/min/max only.
MAX_UNITS_SHOWN = 8

#: The page's colours, light (False) and dark (True): the app's palette.
THEMES: dict[bool, Theme] = {False: LIGHT, True: DARK}


def _tr(text: str, **symbols: str) -> str:
    """Escape an already translated sentence, then put maths HTML into its slots."""
    return html.escape(text).format(**symbols)


def _stage_title(kind: str, key: str) -> str:
    return tr(dict(STAGES[kind])[key])


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
        ("lstm", "forget"): tr(
            "The forget gate {f} reads {h_prev} and {x} and decides, unit by unit, how much "
            "of the old cell state {c_prev} to keep: 1 keeps it all, 0 wipes it.",
        ),
        ("lstm", "remember"): tr(
            "The candidate {g} is new content (tanh, because it is data, not a gate); the "
            "input gate {i} decides how much of it to write. The new cell state {c} is what "
            "was kept plus what was written.",
        ),
        ("lstm", "output"): tr(
            "The output gate {o} decides how much of the squashed memory {tanh_c} to show as "
            "the hidden state {h}, which the next step and the output read.",
        ),
        ("gru", "reset"): tr(
            "The reset gate {r} decides how much of the previous state {h_prev} the candidate "
            "may look at; near 0, the candidate starts afresh from the input {x}.",
        ),
        ("gru", "candidate"): tr(
            "The candidate {n} proposes new content from the input and the reset-filtered "
            "previous state, squashed by tanh into the range −1 to 1.",
        ),
        ("gru", "update"): tr(
            "The update gate {z} blends old and new: near 1 it keeps {h_prev} (like the "
            "LSTM's forget gate), near 0 it takes the candidate {n}.",
        ),
        ("rnn", "update"): tr(
            "The same cell runs at every step: it mixes the input {x} with the previous state "
            "{h_prev} and squashes the sum with tanh. Only {h} carries information onwards.",
        ),
    }
    return _tr(texts[(kind, key)], **{k: math_span(v) for k, v in s.items()})


def page_html(r: Results, t: int, stage: int, dark: bool, beside: bool) -> str:
    """The whole page for step ``t`` (0-based) and stage index ``stage`` of ``r``.

    ``dark`` picks the colours; ``beside`` puts the numbers beside the
    equations instead of under them (for a wide panel).
    """
    c = THEMES[dark]
    kind = r.kind
    stages = STAGES[kind]
    head = _tr(
        tr("Step {t} of {total} · stage {stage} of {stages}"),
        t=f"{math_span(sym('t'))} = {t + 1}",
        total=str(r.steps),
        stage=str(stage + 1),
        stages=str(len(stages)),
    )
    parts = [
        f'<html><body style="color:{c.text};">',
        f"<p style='margin:0 0 2px 0;'><span style='font-size:15pt; font-weight:600;'>"
        f"{kind.upper()}</span>&nbsp;&nbsp;<span style='color:{c.muted};'>{head}</span>"
        "</p>",
    ]
    for index, (key, _title) in enumerate(stages):
        parts.append(_stage_html(r, t, index, key, _state(index, stage), c, beside))
    parts.append(_params_html(r, c))
    parts.append("</body></html>")
    return "".join(parts)


def _stage_html(
    r: Results, t: int, index: int, key: str, state: str, c: Theme, beside: bool
) -> str:
    current = state == "current"
    colour = c.later if state == "later" else c.text
    soft = c.later if state == "later" else c.muted
    title = html.escape(_stage_title(r.kind, key))
    if current:
        badge = tr("now, at step {t}").format(t=t + 1)
        heading = (
            f"<span style='color:{c.heading}; font-weight:700; font-size:12pt;'>"
            f"{index + 1}&nbsp;·&nbsp;{title}</span>&nbsp;&nbsp;"
            f"<span style='color:{c.muted}; font-size:9pt;'>{html.escape(badge)}</span>"
        )
    else:
        note = tr("not yet computed in this step") if state == "later" else tr("done")
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
        elif beside:
            numbers = _numbers_html(r, t, eq, c, stack=True)
            rows.append(f"<tr>{eq_cell}<td style='padding:4px 0;'>{numbers}</td></tr>")
        else:
            numbers = _numbers_html(r, t, eq, c, stack=True, per_row=4)
            rows.append(
                f"<tr>{eq_cell}</tr><tr><td style='padding:0 0 8px 30px;'>{numbers}</td></tr>"
            )
    box = (
        f"bgcolor='{c.box}' style='border:1px solid {c.box_border}; "
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
    r: Results,
    t: int,
    eq: Equation,
    c: Theme,
    stack: bool,
    per_row: int = MAX_UNITS_SHOWN,
) -> str:
    """The engine's values of ``eq.symbol`` at step ``t``, summarised.

    ``stack`` puts the unit values under the summary rather than to its
    right; ``per_row`` wraps them so a narrow panel never squeezes the text.
    """
    trace = r.trace
    if eq.symbol == "c" and trace.c is not None and trace.c_prev is not None:
        values = row_at(trace.c, t)
        before = row_at(trace.c_prev, t)
        first = _tr(
            tr("mean of {c_prev} → {c}: {before} → {after}"),
            c_prev=math_span(C_PREV),
            c=math_span(C_T),
            before=_num(before.mean(), c),
            after=_num(values.mean(), c),
        )
    elif eq.symbol == "h":
        values = row_at(trace.h, t)
        first = _tr(
            tr("{norm} = {value}"),
            norm=math_span(f"‖{H_T}‖", "10.5pt"),
            value=_num(np.linalg.norm(values), c),
        )
    else:
        values = row_at(trace.gates[eq.symbol], t)
        first = ""
    if values.size == 1 or values.min() == values.max():
        summary = _tr(
            tr("value {value}"),
            value=_num(values.flat[0], c),
        )
    else:
        summary = _tr(
            tr("mean {mean}, range {low} to {high}"),
            mean=_num(values.mean(), c),
            low=_num(values.min(), c),
            high=_num(values.max(), c),
        )
    lines = [x for x in (first, summary) if x]
    text = "<br/>".join(lines)
    cell = f"<td valign='middle' style='color:{c.muted}; padding-right:10px;'>{text}</td>"
    units = ""
    if 1 < values.size <= MAX_UNITS_SHOWN:
        units = f"<td valign='middle'>{_units_html(values, c, per_row)}</td>"
    body = f"<tr>{cell}</tr><tr>{units}</tr>" if stack else f"<tr>{cell}{units}</tr>"
    return f"<table cellspacing='0' cellpadding='0' style='font-size:9.5pt;'>{body}</table>"


def _params_html(r: Results, c: Theme) -> str:
    m = r.model
    h, d, g = m.hidden_size, m.input_size, m.blocks
    formula = math_span(
        f"{sym('G')} × ({sym('H')}·{sym('D')} + {sym('H')}·{sym('H')} + 2{sym('H')})"
    )
    filled = math_span(f"{g} × ({h}·{d} + {h}·{h} + 2·{h})")
    line = _tr(
        tr(
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
        "lstm": tr(
            "Four blocks: an LSTM needs four times the parameters of a plain RNN of the "
            "same width. The GRU does about as well with three blocks.",
        ),
        "gru": tr(
            "Three blocks: three quarters of an LSTM of the same width, and in practice "
            "often just as good.",
        ),
        "rnn": tr(
            "One block: the smallest recurrent cell; an LSTM of the same width has four "
            "times as many parameters.",
        ),
    }
    title = html.escape(tr("Parameters"))
    return (
        f"<p style='margin:16px 0 2px 0; font-weight:600; font-size:11pt;'>{title}</p>"
        f"<p style='margin:0; color:{c.muted};'>{line}</p>"
        f"<p style='margin:2px 0 0 0; color:{c.muted};'>{html.escape(remarks[r.kind])}</p>"
    )


def _state(index: int, current: int) -> str:
    if index < current:
        return "done"
    return "current" if index == current else "later"


def _num(value: float, c: Theme) -> str:
    return f"<span style='color:{c.number}; font-weight:600;'>{format_number(value)}</span>"


def _blend(a: str, b: str, w: float) -> str:
    ca, cb = QColor(a), QColor(b)
    mix = [round(x + (y - x) * w) for x, y in zip(ca.getRgb()[:3], cb.getRgb()[:3], strict=True)]
    return QColor(*mix).name()


def _units_html(values: np.ndarray, c: Theme, per_row: int = MAX_UNITS_SHOWN) -> str:
    """One small cell per unit, tinted by sign and magnitude (display only)."""
    cells = []
    for v in values:
        w = 0.0 if not np.isfinite(v) else min(abs(float(v)), 1.0) * 0.55
        bg = _blend(c.box, c.positive if v >= 0 else c.negative, w)
        cells.append(
            f"<td bgcolor='{bg}' align='center' nowrap style='padding:1px 4px; "
            f"white-space:nowrap; color:{c.text};'>"
            f"{format_number(v)}</td>"
        )
    rows = "".join(
        f"<tr>{''.join(cells[k : k + per_row])}</tr>" for k in range(0, len(cells), per_row)
    )
    return (
        f"<table cellspacing='2' cellpadding='0' style='margin-top:2px; font-family:"
        f"{MATH_FONT}; font-size:8.5pt;'>{rows}</table>"
    )
