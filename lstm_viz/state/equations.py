"""Each model's equations, written once: symbols, notation, PyTorch's parameters, stage. No Qt.

Every place that shows an equation renders it from :data:`EQUATIONS`: the
diagram's labels and tooltips and the captions as plain Unicode
(:func:`plain`), the Equations panel and the About page as rich text
(``lstm_viz.app.mathtext.math_html``). The notation is the Equations panel's:
one weight matrix per gate acting on ``[h_{t−1}, x_t]``, with PyTorch's
parameters named beside it.

Equations are written in a small markup that both renderings read:

* a letter is a symbol (*italic*); ``_`` starts its subscript, one run of
  letters and digits (``W_xn``) or a braced group (``h_{t-1}``);
* ``σ``, ``tanh`` and ``diag`` are functions (upright);
* a space is the gap between terms (a thin space in rich text);
* ``-`` is a minus sign; everything else (``= + ⊙ ( ) [ ] ,`` and digits) is
  itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n_marks import tr_noop
from .timeline import STAGES

__all__ = [
    "EQUATIONS",
    "FUNCTIONS",
    "Equation",
    "Param",
    "Token",
    "equation",
    "equations",
    "expanded",
    "part_titles",
    "plain",
    "tokens",
]

#: Names set upright, as functions.
FUNCTIONS = ("tanh", "diag", "σ")


@dataclass(frozen=True)
class Param:
    """A symbol of an equation and the PyTorch parameters it stands for.

    ``keys`` are PyTorch's names (without the ``_l0`` suffix of a layer);
    ``block`` is the gate's index in PyTorch's order (its rows
    ``block·H … (block+1)·H`` of each key), ``None`` for the whole matrix.
    Several weight keys are side by side (``[W_hh, W_ih]`` acting on
    ``[h_{t−1}, x_t]``); several bias keys are summed.
    """

    symbol: str
    keys: tuple[str, ...]
    block: int | None

    @property
    def torch(self) -> str:
        """The PyTorch expression, e.g. ``[weight_hh[H:2H], weight_ih[H:2H]]``."""
        rows = "" if self.block is None else f"[{_rows(self.block)}]"
        named = [f"{k}{rows}" for k in self.keys]
        if len(named) == 1:
            return named[0]
        if self.symbol.startswith("W"):
            return "[" + ", ".join(named) + "]"
        return " + ".join(named)


def _rows(block: int) -> str:
    start = "" if block == 0 else ("H" if block == 1 else f"{block}H")
    stop = "H" if block == 0 else f"{block + 1}H"
    return f"{start}:{stop}"


@dataclass(frozen=True)
class Equation:
    """One line of a model's equations.

    Attributes
    ----------
    name
        The quantity it defines, as the trace and the diagram name it: a gate
        (``f i g o``, ``r z n``, ``a``) or a state (``c``, ``h``).
    symbol
        Its symbol in the markup (``f_t``).
    title
        What it is called (marked for translation).
    markup
        The equation in the markup (see the module docstring).
    stage
        The key of the stage that computes it (:data:`~lstm_viz.state.timeline.STAGES`).
    params
        The parameters it uses, with PyTorch's names; empty for a state.
    """

    name: str
    symbol: str
    title: str
    markup: str
    stage: str
    params: tuple[Param, ...] = ()

    @property
    def block(self) -> int | None:
        """The gate's block in PyTorch's order (``None`` for a state)."""
        return self.params[0].block if self.params else None


def _gate(name: str, title: str, block: int, stage: str, act: str = "σ") -> Equation:
    """``name_t = act(W_name [h_{t−1}, x_t] + b_name)``, a gate on the concatenation."""
    return Equation(
        name,
        f"{name}_t",
        title,
        f"{name}_t = {act}(W_{name} [h_{{t-1}}, x_t] + b_{name})",
        stage,
        (
            Param(f"W_{name}", ("weight_hh", "weight_ih"), block),
            Param(f"b_{name}", ("bias_ih", "bias_hh"), block),
        ),
    )


_LSTM = (
    _gate("f", tr_noop("forget gate"), 1, "forget"),
    _gate("i", tr_noop("input gate"), 0, "remember"),
    _gate("g", tr_noop("candidate"), 2, "remember", "tanh"),
    Equation("c", "c_t", tr_noop("cell state"), "c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t", "remember"),
    _gate("o", tr_noop("output gate"), 3, "output"),
    Equation("h", "h_t", tr_noop("hidden state"), "h_t = o_t ⊙ tanh(c_t)", "output"),
)

_GRU = (
    _gate("r", tr_noop("reset gate"), 0, "reset"),
    Equation(
        "n",
        "n_t",
        tr_noop("candidate"),
        "n_t = tanh(W_xn x_t + r_t ⊙ (W_hn h_{t-1} + b_hn) + b_xn)",
        "candidate",
        (
            Param("W_xn", ("weight_ih",), 2),
            Param("W_hn", ("weight_hh",), 2),
            Param("b_hn", ("bias_hh",), 2),
            Param("b_xn", ("bias_ih",), 2),
        ),
    ),
    _gate("z", tr_noop("update gate"), 1, "update"),
    Equation(
        "h", "h_t", tr_noop("hidden state"), "h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}", "update"
    ),
)

_RNN = (
    Equation(
        "a",
        "a_t",
        tr_noop("pre-activation"),
        "a_t = W_hh h_{t-1} + W_xh x_t + b",
        "update",
        (
            Param("W_hh", ("weight_hh",), None),
            Param("W_xh", ("weight_ih",), None),
            Param("b", ("bias_ih", "bias_hh"), None),
        ),
    ),
    Equation("h", "h_t", tr_noop("hidden state"), "h_t = tanh(a_t)", "update"),
)

#: Model kind → its equations, in the order a step computes them.
EQUATIONS: dict[str, tuple[Equation, ...]] = {"lstm": _LSTM, "gru": _GRU, "rnn": _RNN}


def equations(kind: str, stage: str | None = None) -> tuple[Equation, ...]:
    """The equations of model ``kind``: all of them, or those of one stage."""
    if stage is not None and stage not in dict(STAGES[kind]):
        raise KeyError(f"the {kind.upper()} has no stage {stage!r}")
    return tuple(e for e in EQUATIONS[kind] if stage is None or e.stage == stage)


def equation(kind: str, name: str) -> Equation:
    """The equation that defines ``name`` (a gate or a state) in model ``kind``."""
    for e in EQUATIONS[kind]:
        if e.name == name:
            return e
    raise KeyError(f"the {kind.upper()} has no {name!r}")


def expanded(kind: str, name: str, using: str) -> str:
    """``name``'s equation with the symbol of ``using`` replaced by its definition.

    ``expanded("rnn", "h", "a")`` is ``h_t = tanh(W_hh h_{t-1} + W_xh x_t + b)``.
    """
    inner = equation(kind, using)
    rhs = inner.markup.split(" = ", 1)[1]
    return equation(kind, name).markup.replace(inner.symbol, rhs)


def part_titles(kind: str) -> frozenset[str]:
    """The names (untranslated titles) of the gates and states of model ``kind``."""
    return frozenset(e.title for e in EQUATIONS[kind])


# -- the markup -----------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """A piece of an equation: ``kind`` is ``"symbol"`` (with ``sub``), ``"function"``,
    ``"space"`` or ``"text"`` (operators, brackets, digits)."""

    kind: str
    text: str
    sub: str = ""


_TOKEN = re.compile(
    r"(?P<function>tanh|diag|σ)"
    r"|(?P<symbol>[^\W\d_])(?:_(?:\{(?P<braced>[^}]*)\}|(?P<run>[^\W_]+)))?"
    r"|(?P<space> )"
    r"|(?P<text>.)"
)


def tokens(markup: str) -> tuple[Token, ...]:
    """The markup's pieces, in order."""
    out = []
    for m in _TOKEN.finditer(markup):
        if m["function"]:
            out.append(Token("function", m["function"]))
        elif m["symbol"]:
            out.append(Token("symbol", m["symbol"], m["braced"] or m["run"] or ""))
        elif m["space"]:
            out.append(Token("space", " "))
        else:
            out.append(Token("text", "−" if m["text"] == "-" else m["text"]))
    return tuple(out)


# Subscripts Unicode has for every character: the time index and its offsets.
_SUBSCRIPT = str.maketrans("t0123456789+-", "ₜ₀₁₂₃₄₅₆₇₈₉₊₋")
_HAS_SUBSCRIPT = frozenset("t0123456789+-")


def plain(markup: str) -> str:
    """The markup as plain Unicode text: ``hₜ₋₁``, ``W_xn``, ``fₜ ⊙ cₜ₋₁``."""
    parts = []
    for tok in tokens(markup):
        if tok.kind == "symbol" and tok.sub:
            if set(tok.sub) <= _HAS_SUBSCRIPT:
                parts.append(tok.text + tok.sub.translate(_SUBSCRIPT))
            else:
                parts.append(f"{tok.text}_{tok.sub}")
        else:
            parts.append(tok.text)
    return "".join(parts)
