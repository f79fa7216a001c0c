"""Maths as Qt rich text: symbols, equations of each model, number formatting.

The equations of every model kind are written once, in
:mod:`lstm_viz.state.equations`; :func:`math_html` renders them here for the
explanation panel and the About page (the diagram shows the same table as
plain text), so that no two views can disagree. Everything is plain HTML that
``QTextDocument`` renders (italic symbols, ``<sub>``/``<sup>``, a serif font):
no MathJax, no images. This module holds no translatable prose.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..state import equations as table
from ..state.equations import tokens
from ..state.timeline import STAGES

__all__ = [
    "C_PREV",
    "C_T",
    "EQUATIONS",
    "H_PREV",
    "H_T",
    "MATH_FONT",
    "MINUS",
    "ODOT",
    "SIGMA",
    "X_T",
    "Equation",
    "display",
    "display_bigop",
    "equations",
    "fn",
    "format_number",
    "format_values",
    "math_html",
    "math_span",
    "op",
    "sym",
    "ts",
]

#: Font stack for mathematics (DejaVu Serif ships with most Linux desktops).
MATH_FONT = "'DejaVu Serif', 'STIX Two Text', 'Cambria Math', 'Times New Roman', serif"

MINUS = "\u2212"  # a real minus sign, not a hyphen
ODOT = "\u2299"  # ⊙, the elementwise product
SIGMA = "\u03c3"  # σ
THIN = "\u2009"  # thin space around binary operators


def ts(offset: int = 0) -> str:
    """The time index ``t``, ``t−1``, ``t+1`` … as subscript HTML (t italic)."""
    if offset == 0:
        return "<i>t</i>"
    sign = "+" if offset > 0 else MINUS
    return f"<i>t</i>{sign}{abs(offset)}"


def sym(name: str, sub: str = "", sup: str = "", *, bold: bool = False) -> str:
    """An italic symbol with an optional subscript and superscript (both HTML).

    ``sym("h", ts(-1))`` is *h*\\ :sub:`t−1`; ``sym("W", "f")`` is *W*\\ :sub:`f`.
    A plain-letter subscript such as ``"f"`` is italicised as well.
    """
    if sub and sub.isalpha():
        sub = f"<i>{sub}</i>"
    body = f"<b><i>{name}</i></b>" if bold else f"<i>{name}</i>"
    if sub:
        body += f"<sub>{sub}</sub>"
    if sup:
        body += f"<sup>{sup}</sup>"
    return body


def fn(name: str) -> str:
    """A function name in roman type (tanh, σ, diag)."""
    return f"<span style='font-style:normal'>{name}</span>"


def op(symbol: str) -> str:
    """A binary operator or relation with thin spaces on both sides."""
    return f"{THIN}{symbol}{THIN}"


def math_span(html: str, size: str = "") -> str:
    """Wrap maths HTML in the serif maths font (``size`` is a CSS font-size)."""
    extra = f"font-size:{size};" if size else ""
    return f'<span style="font-family:{MATH_FONT};{extra}">{html}</span>'


def display(lines: Iterable[str], size: str = "12.5pt", indent: int = 24) -> str:
    """Display maths: one equation (inline HTML) per line, indented, as a table."""
    rows = "".join(
        f"<tr><td style='padding:3px 0; white-space:nowrap;'>{math_span(line, size)}</td></tr>"
        for line in lines
    )
    return (
        f"<table cellspacing='0' cellpadding='0' style='margin:4px 0 8px {indent}px;'>"
        f"{rows}</table>"
    )


def display_bigop(pre: str, symbol: str, lower: str, upper: str, post: str) -> str:
    """Display maths with a big operator (∏, ∑) whose limits sit above and below it."""
    big = math_span(symbol, "17pt")
    small = "font-size:8.5pt;"
    limits = (
        f"<table cellspacing='0' cellpadding='0'>"
        f"<tr><td align='center' style='{small}'>{math_span(upper)}</td></tr>"
        f"<tr><td align='center'>{big}</td></tr>"
        f"<tr><td align='center' style='{small}'>{math_span(lower)}</td></tr></table>"
    )
    cell = "<td valign='middle' style='white-space:nowrap;'>"
    return (
        "<table cellspacing='0' cellpadding='0' style='margin:4px 0 8px 24px;'><tr>"
        f"{cell}{math_span(pre, '12.5pt')}</td>{cell}{limits}</td>"
        f"{cell}{math_span(post, '12.5pt')}</td></tr></table>"
    )


# -- common pieces ------------------------------------------------------------

H_PREV = sym("h", ts(-1))
H_T = sym("h", ts())
X_T = sym("x", ts())
C_PREV = sym("c", ts(-1))
C_T = sym("c", ts())


def _sub_html(sub: str) -> str:
    """A subscript: letter runs italic, ``-`` a minus sign, digits upright."""
    return re.sub(r"[^\W\d_]+", lambda m: f"<i>{m[0]}</i>", sub).replace("-", MINUS)


def math_html(markup: str) -> str:
    """An equation of :mod:`lstm_viz.state.equations` as inline maths HTML."""
    parts = []
    for tok in tokens(markup):
        if tok.kind == "symbol":
            body = f"<i>{tok.text}</i>"
            parts.append(body + (f"<sub>{_sub_html(tok.sub)}</sub>" if tok.sub else ""))
        elif tok.kind == "function":
            parts.append(fn(tok.text))
        elif tok.kind == "space":
            parts.append(THIN)
        else:
            parts.append(html.escape(tok.text))
    return "".join(parts)


@dataclass(frozen=True)
class Equation:
    """One line of a model's equations, as rich text.

    Attributes
    ----------
    symbol
        The quantity the line defines, as named in the trace: a gate name
        (``"f"``, ``"i"``, ``"g"``, ``"o"``, ``"r"``, ``"z"``, ``"n"``, ``"a"``)
        or a state (``"c"``, ``"h"``).
    html
        The equation as inline HTML (without the maths font wrapper).
    """

    symbol: str
    html: str


#: kind → stage key → the equations computed in that stage, in order: the
#: table of :mod:`lstm_viz.state.equations` rendered as rich text.
EQUATIONS: dict[str, dict[str, tuple[Equation, ...]]] = {
    kind: {
        key: tuple(Equation(e.name, math_html(e.markup)) for e in table.equations(kind, key))
        for key, _title in STAGES[kind]
    }
    for kind in table.EQUATIONS
}


def equations(kind: str, stage: str | None = None) -> tuple[Equation, ...]:
    """The equations of model ``kind``: all of them, or those of one stage."""
    by_stage = EQUATIONS[kind]
    if stage is not None:
        return by_stage[stage]
    return tuple(e for stage_eqs in by_stage.values() for e in stage_eqs)


def format_number(value: float, digits: int = 2) -> str:
    """A number for display: fixed ``digits`` decimals, a true minus sign.

    Large or tiny magnitudes use three significant digits; inf and nan are
    spelled out so that an overflow is visible, not hidden.
    """
    v = float(value)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "∞" if v > 0 else f"{MINUS}∞"
    a = abs(v)
    text = f"{a:.3g}" if a >= 1000 or (0 < a < 10 ** (-digits) / 2) else f"{a:.{digits}f}"
    if "e" in text:
        mant, exp = text.split("e")
        text = f"{mant}·10<sup>{int(exp)}</sup>".replace("-", MINUS)
    negative = v < 0 and any(ch in "123456789" for ch in text.split("·")[0])
    return f"{MINUS}{text}" if negative else text


def format_values(values: Iterable[float], digits: int = 2) -> list[str]:
    """:func:`format_number` applied to each value."""
    return [format_number(v, digits) for v in values]
