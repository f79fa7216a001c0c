"""The "About the LSTM" page: seven facts about recurrent networks, as rich text.

The page teaches the facts of the source notes in seven short sections, each
pointing to the view of the app that shows it with real numbers. Its equations
come from the equation table (:mod:`lstm_viz.state.equations`, rendered by
:mod:`lstm_viz.app.mathtext`), as the Equations panel's do; its colours from
the palette (:mod:`lstm_viz.palette`). The dialog
that shows it is :class:`lstm_viz.app.about.AboutDialog`.
"""

from __future__ import annotations

import html

from ..i18n import tr
from ..palette import DARK, LIGHT, Theme
from ..state.equations import equation
from ..state.timeline import STAGES
from .mathtext import (
    C_PREV,
    C_T,
    EQUATIONS,
    H_PREV,
    H_T,
    MINUS,
    ODOT,
    X_T,
    display,
    display_bigop,
    equations,
    fn,
    math_html,
    math_span,
    op,
    sym,
    ts,
)

__all__ = ["COLOURS", "TOUR_LINK", "about_lstm_html"]


def _colours(theme: Theme) -> dict[str, str]:
    return {
        "base": theme.base,
        "text": theme.text,
        "soft": theme.muted,
        "head": theme.heading,
        "note": theme.note,
    }


#: The page's colours, light (False) and dark (True): the app's palette.
COLOURS = {False: _colours(LIGHT), True: _colours(DARK)}


def _p(text: str, **symbols: str) -> str:
    """A paragraph: the translated sentence escaped, maths HTML put into its slots."""
    filled = html.escape(text).format(**{k: math_span(v) for k, v in symbols.items()})
    return f"<p>{filled}</p>"


#: The link scheme of "show it" links: ``tour:NAME`` opens the tour at chapter NAME.toml.
TOUR_LINK = "tour:"


def _see(text: str, colours: dict[str, str], chapter: str | None = None) -> str:
    """A "see it in the app" note, set apart from the prose; with ``chapter`` (a tour
    chapter's file name without ``.toml``) a link that sets that view up in one click."""
    label = html.escape(tr("In the app:"))
    link = ""
    if chapter is not None:
        words = html.escape(tr("Show it (tour) ▶"))
        link = f" <a href='{TOUR_LINK}{html.escape(chapter)}'>{words}</a>"
    return (
        f"<table width='100%' cellspacing='0' cellpadding='8' bgcolor='{colours['note']}' "
        f"style='margin:2px 0 6px 0;'><tr><td><b>{label}</b> {html.escape(text)}{link}"
        "</td></tr></table>"
    )


def _h(text: str, colours: dict[str, str]) -> str:
    return (
        f"<h3 style='color:{colours['head']}; margin-top:18px; margin-bottom:4px;'>"
        f"{html.escape(text)}</h3>"
    )


def about_lstm_html(dark: bool = False) -> str:
    """The "About the LSTM" page as rich text for a ``QTextBrowser``."""
    c = COLOURS[bool(dark)]
    f, i, g, o = (sym(n, ts()) for n in "figo")
    w_hh = sym("W", "<i>hh</i>")
    title = html.escape(tr("About the LSTM"))
    parts = [
        f"<html><body style='color:{c['text']};'>",
        f"<h2 style='margin-bottom:2px;'>{title}</h2>",
        f"<p style='color:{c['soft']};'>"
        + html.escape(
            tr(
                "Seven facts about recurrent networks and the long short-term memory, each "
                "with the place in this app where you can watch it happen with real numbers.",
            )
        )
        + "</p>",
        # 1 -- the RNN
        _h(tr("1. One cell, applied at every step"), c),
        _p(
            tr(
                "A recurrent neural network (RNN) reads a sequence one element at a time. The "
                "same cell, with the same weights, runs at every step: it combines the new "
                "input {x} with the hidden state {h_prev} it left behind a step earlier. The "
                "hidden state is the network's only memory; it carries information forward.",
            ),
            x=X_T,
            h_prev=H_PREV,
        ),
        display(e.html for e in equations("rnn")),
        _see(
            tr(
                "choose the RNN model and step through the sequence: the diagram redraws one "
                "and the same cell at every step, fed by the state of the step before.",
            ),
            c,
        ),
        # 2 -- what the LSTM adds
        _h(tr("2. What the LSTM adds"), c),
        _p(
            tr(
                "The LSTM (Hochreiter & Schmidhuber, 1997) keeps a second state beside {h}: "
                "the cell state {c}, its long-term memory. Three gates control it: forget {f}, "
                "input {i} and output {o}. All three are computed the same way, by a sigmoid "
                "of the concatenation {hx}, each with its own weights and bias, so each gives "
                "values between 0 (closed) and 1 (open) for every unit.",
            ),
            h=H_T,
            c=C_T,
            f=f,
            i=i,
            o=o,
            hx=f"[{H_PREV}, {X_T}]",
        ),
        _p(
            tr(
                "A fourth block, the candidate {g} (some texts call it {z}), is computed from "
                "the same inputs but with tanh, which gives values between −1 and 1. It uses "
                "tanh because it is data to be stored, not a signal that opens or closes "
                "something.",
            ),
            g=g,
            z=sym("z"),
        ),
        _see(
            tr(
                "the cell diagram draws the three gates and the candidate as separate "
                "blocks that light up with their actual activations, unit by unit.",
            ),
            c,
            "00_gates_and_names",
        ),
        # 3 -- the three stages
        _h(tr("3. One step in three stages"), c),
    ]
    stage_notes = {
        "forget": tr(
            "The forget gate {f} chooses, unit by unit, what of the old cell state "
            "{c_prev} to keep and what to drop.",
        ),
        "remember": tr(
            "The input gate {i} chooses how much of the candidate {g} "
            "to write, and the cell state becomes what was kept plus what was written.",
        ),
        "output": tr(
            "The output gate {o} chooses what of {tanh_c} becomes the new hidden state {h}.",
        ),
    }
    stage_titles = {
        "forget": tr("Stage 1, forget."),
        "remember": tr("Stage 2, select and memorise."),
        "output": tr("Stage 3, output."),
    }
    tanh_c = f"{fn('tanh')}({C_T})"
    for key, _title in STAGES["lstm"]:
        note = _p(stage_notes[key], f=f, i=i, g=g, o=o, c_prev=C_PREV, h=H_T, tanh_c=tanh_c)
        parts.append(note.replace("<p>", f"<p><b>{html.escape(stage_titles[key])}</b> ", 1))
        parts.append(display(e.html for e in EQUATIONS["lstm"][key]))
    parts += [
        _see(
            tr(
                "playback moves through these stages one at a time; the diagram lights the "
                "active stage and the Equations panel shows its equations with the numbers "
                "of the current step.",
            ),
            c,
            "10_three_stages",
        ),
        # 4 -- strengths and weakness
        _h(tr("4. Strength and cost"), c),
        _p(
            tr(
                "The gates multiply: {f} scales what is kept, {i} what is stored and {o} what "
                "is shown. Because they are learned, the network decides for itself what to "
                "remember, what to update and what to reveal, and makes better use of its "
                "hidden units.",
            ),
            f=f,
            i=i,
            o=o,
        ),
        _p(
            tr(
                "The price is size: four blocks of weights instead of one, so an LSTM has four "
                "times the parameters of a plain RNN with the same number of units, and is "
                "harder to train. The GRU (Cho et al., 2014) merges forget and input into one "
                "update gate {z} and drops the separate cell state; with three blocks it "
                "usually does as well.",
            ),
            z=sym("z", ts()),
        ),
        display(e.html for e in equations("gru")),
        _see(
            tr(
                "the Equations panel counts the parameters of the current model block by "
                "block; switch between LSTM, GRU and RNN to compare.",
            ),
            c,
            "57_gru",
        ),
        # 5 -- vanishing gradients
        _h(tr("5. Vanishing does not mean zero"), c),
        _p(
            tr(
                "Training unrolls the network in time and backpropagates through every step "
                "(BPTT). Since every step uses the same {w}, the gradient from step {T} back to "
                "step {t} is a product with one recurrent Jacobian per step in between: {w} "
                "times the derivative of tanh.",
            ),
            w=w_hh,
            T=sym("T"),
            t=sym("t"),
        ),
        display_bigop(
            f"∂{sym('h', '<i>T</i>')} / ∂{H_T}{op('=')}",
            "∏",
            "<i>s</i> = <i>t</i>+1",
            "<i>T</i>",
            f"&nbsp;{fn('diag')}(1{op(MINUS)}{sym('h', '<i>s</i>', '2')}) {w_hh}",
        ),
        _p(
            tr(
                "When these factors are smaller than one, the product shrinks geometrically "
                "with distance (Pascanu, Mikolov & Bengio, 2013). The total gradient is not "
                "zero: it is dominated by the nearby steps, whose contributions are large, "
                "while distant ones fade. So the network learns short-range patterns and "
                "struggles with long-range dependencies.",
            )
        ),
        _see(
            tr(
                "the gradient plots show the size of the gradient at each step of the "
                "sequence; for the RNN it falls off steeply with the distance from the loss.",
            ),
            c,
            "25_near_and_far",
        ),
        # 6 -- the cell-state path
        _h(tr("6. The LSTM's cell-state path"), c),
        _p(
            tr(
                "In the LSTM the gradient travels along many paths. On one of them, from "
                "{c_prev} to {c}, there is no matrix and no squashing function: only an "
                "elementwise product and a sum. Unrolled over many steps, the gradient along "
                "that path alone is the product of the forget gates:",
            ),
            c_prev=C_PREV,
            c=C_T,
        ),
        display(
            [
                math_html(equation("lstm", "c").markup),
                f"∂{sym('c', '<i>T</i>')} / ∂{C_T}|<sub>path</sub>{op('=')}"
                f"{sym('f', '<i>T</i>')}{op(ODOT)}{sym('f', '<i>T</i>' + MINUS + '1')}"
                f"{op(ODOT)}…{op(ODOT)}{sym('f', ts(1))}",
            ]
        ),
        _p(
            tr(
                "While the forget gates stay near 1, this product stays near 1 however long "
                "the distance. The other paths may still vanish, but the total long-range "
                "gradient is the sum over all paths, and one path that does not vanish is "
                "enough to keep the sum from vanishing.",
            )
        ),
        _see(
            tr(
                "the gradient plots show the product of forget gates beside the total "
                "gradient through the cell state; raise or lower the forget bias and watch "
                "how far back the gradient reaches.",
            ),
            c,
            "52_paths",
        ),
        # 7 -- exploding gradients
        _h(tr("7. Exploding gradients, and clipping"), c),
        _p(
            tr(
                "An LSTM can still explode: its other paths behave much like an RNN's. It "
                "happens less often, because those paths pass through more saturating "
                "activations whose derivatives are below 1. The practical remedy is gradient "
                "clipping: when the norm of the gradient {grad} exceeds a threshold {tau}, "
                "scale it down to that norm.",
            ),
            grad=sym("g", bold=True),
            tau=sym("τ"),
        ),
        display(
            [
                f"{sym('g', bold=True)}{op('←')}{sym('g', bold=True)} · "
                f"min(1, {sym('τ')} / ‖{sym('g', bold=True)}‖)"
            ]
        ),
        _see(
            tr(
                "make the recurrent weights larger and the gradient plots show the norms "
                "growing with distance instead of shrinking.",
            ),
            c,
            "40_explosions",
        ),
        _h(tr("References"), c),
        "<ul style='margin-left:-16px;'>",
        "<li>S. Hochreiter, J. Schmidhuber. Long short-term memory. "
        "<i>Neural Computation</i> 9(8), 1997.</li>",
        "<li>R. Pascanu, T. Mikolov, Y. Bengio. On the difficulty of training recurrent "
        "neural networks. <i>ICML</i>, 2013.</li>",
        "<li>K. Cho et al. Learning phrase representations using RNN encoder–decoder for "
        "statistical machine translation. <i>EMNLP</i>, 2014.</li>",
        "</ul></body></html>",
    ]
    return "".join(parts)
