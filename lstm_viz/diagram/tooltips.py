"""Hover texts: a part's equation (symbolic), its numbers, and every unit's exact value."""

from __future__ import annotations

import html

import numpy as np

from ..i18n import tr
from ..state.equations import EQUATIONS, plain
from ..state.frame import Frame, finite_mean
from ..state.results import Results
from ..state.units import UnitChoice, rest_summary
from .captions import fmt
from .layouts import Layout

__all__ = ["tooltip_html", "unit_value"]

_PER_ROW = 8


def unit_value(v: float) -> str:
    """One unit's value as the tooltip prints it (4 decimals)."""
    return fmt(v, 4)


def _units_table(values: np.ndarray, drawn: frozenset[int] = frozenset()) -> str:
    """Every unit's value; the units a wide strip draws in bold."""

    def cell(k: int, v: float) -> str:
        text = f"<b>{unit_value(v)}</b>" if k in drawn else unit_value(v)
        return f"<td style='color:gray'>{k + 1}</td><td align='right'>{text}</td>"

    cells = [cell(k, v) for k, v in enumerate(values)]
    rows = [
        "<tr>" + "".join(cells[i : i + _PER_ROW // 2]) + "</tr>"
        for i in range(0, len(cells), _PER_ROW // 2)
    ]
    return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"


# The diagram's part whose values an equation of the table defines, where the names differ.
_DEFINED_BY = {("rnn", "tanh"): "a"}


def _torch_names(kind: str, part: str) -> str:
    """``W_f = [weight_hh[H:2H], weight_ih[H:2H]], …``: the part's symbols in PyTorch's
    parameters, or ``""`` when the part uses none (a state, a product)."""
    name = _DEFINED_BY.get((kind, part), part)
    eq = next((e for e in EQUATIONS[kind] if e.name == name and e.params), None)
    if eq is None:
        return ""
    return ", ".join(f"{plain(p.symbol)} = {p.torch}" for p in eq.params)


def _subset_note(values: np.ndarray, units: UnitChoice) -> str:
    """Which units the strip draws and what its band says of the others."""
    lo, mean, hi = rest_summary(values, units)
    pins, others = len(units.pins), units.shown.size - len(units.pins)
    if not units.pinned:
        drawn = tr(
            "The strip draws the {k} most active units (largest mean |h| over time; in bold)."
        ).format(k=others)
    elif others == 0:
        drawn = tr("The strip draws the {k} pinned units (in bold).").format(k=pins)
    else:
        drawn = tr(
            "The strip draws the {p} pinned units and the {k} most active others (in bold)."
        ).format(p=pins, k=others)
    rest = tr("The band beside it: the other {n} units' min {lo}, mean {m}, max {hi}.").format(
        n=units.rest.size, lo=fmt(lo, 3), m=fmt(mean, 3), hi=fmt(hi, 3)
    )
    note = f"{drawn} {rest}"
    if units.ignored:
        note += " " + tr("Pinned units the model does not have: {units}.").format(
            units=", ".join(map(str, units.ignored))
        )
    return f"<br><span style='color:gray'>{html.escape(note)}</span>"


def tooltip_html(
    results: Results, frame: Frame, layout: Layout, part: str, units: UnitChoice | None = None
) -> str:
    """Rich text for hovering ``part`` at ``frame``; ``units``: what a wide strip draws."""
    specs = {p.name: p for p in (*layout.states, *layout.blocks, *layout.nodes)}
    if part not in specs:
        raise KeyError(f"{part!r} is not a part of the {layout.kind.upper()} diagram")
    spec = specs[part]
    title = tr(spec.title)
    head = f"<b>{html.escape(spec.label)}</b> — {html.escape(title)}"
    eq = f"<i>{html.escape(spec.equation)}</i>"
    names = _torch_names(layout.kind, part)
    if names:
        line = tr("PyTorch's parameters: {names}").format(names=names)
        eq += f"<br><span style='color:gray'>{html.escape(line)}</span>"
    t = frame.cursor.t + 1
    if frame.status[part] == "pending":
        note = tr("Not yet computed: this happens in a later stage of step {t}.").format(t=t)
        return f"{head}<br>{eq}<br>{html.escape(note)}"
    values = frame.step.values[part]
    with np.errstate(all="ignore"):
        mean = finite_mean(values)
        pre = frame.step.pre.get(part)
        if pre is not None and part != "tanh":
            summary = tr("step {t}: mean pre-activation {a} → mean {name} {m}").format(
                t=t, a=fmt(finite_mean(pre), 3), name=spec.label, m=fmt(mean, 3)
            )
        elif part == "tanh":
            summary = tr("step {t}: mean aₜ {a} → mean hₜ {m}").format(
                t=t, a=fmt(finite_mean(pre), 3) if pre is not None else "?", m=fmt(mean, 3)
            )
        else:
            lo = fmt(float(np.nanmin(values)), 3) if np.isfinite(values).any() else "nan"
            hi = fmt(float(np.nanmax(values)), 3) if np.isfinite(values).any() else "nan"
            summary = tr("step {t}: mean {m}, from {lo} to {hi}").format(
                t=t, m=fmt(mean, 3), lo=lo, hi=hi
            )
    wide = units is not None and units.subset and values.size == units.size
    note = _subset_note(values, units) if wide else ""
    drawn = frozenset(units.shown.tolist()) if wide else frozenset()
    count = tr("{n} values:").format(n=values.size)
    return (
        f"{head}<br>{eq}<br>{html.escape(summary)}{note}<br>"
        f"<span style='color:gray'>{html.escape(count)}</span>{_units_table(values, drawn)}"
    )
