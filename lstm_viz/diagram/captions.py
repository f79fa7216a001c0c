"""Plain-language captions and hover texts, with the step's real numbers in them.

A caption says in one or two sentences what the active stage does and what it
did at this step. The statistics are chosen to be honest: means over units of
the gate (what fraction passes on average), the spread (min–max), and counts
of saturated units, never a single cherry-picked unit. The equations they
quote come from the equation table (:mod:`lstm_viz.state.equations`).
When the steps are tokens of a text, a caption begins with the step's token
("At “not” (step 5): …"); when the model has a read-out head, the caption of the stage
that computes hₜ ends with what the head predicts from it.
"""

from __future__ import annotations

import numpy as np

from ..i18n import tr
from ..state.backward import BackwardFrame
from ..state.equations import equation, plain
from ..state.frame import Frame, ReadoutFrame, finite_mean
from ..state.text_view import shown_token
from ..state.timeline import STAGES

__all__ = ["at_token", "backward_caption", "caption", "fmt", "pct", "predicts"]


def fmt(v: float, digits: int = 2) -> str:
    """A number for display: fixed decimals, a real minus sign, ``inf``/``nan`` spelled out."""
    if not np.isfinite(v):
        return "nan" if np.isnan(v) else ("+∞" if v > 0 else "−∞")
    s = f"{v:.{digits}f}" if abs(v) < 1e4 else f"{v:.{digits}e}"
    if s.startswith("-") and float(s) == 0.0:
        s = s[1:]  # "−0.00" would suggest a sign the rounding threw away
    return s.replace("-", "−")


def pct(v: float) -> str:
    """``round(100·v)`` as an integer string (``?`` when not finite)."""
    return str(round(100.0 * v)) if np.isfinite(v) else "?"


def _equation(kind: str, name: str) -> str:
    """The equation that defines ``name``, from the equation table, as plain text."""
    return plain(equation(kind, name).markup)


def _mean(frame: Frame, name: str) -> float:
    return finite_mean(frame.step.values[name])


def _lstm(frame: Frame, key: str) -> str:
    v = frame.step.values
    if key == "forget":
        f = v["f"]
        return tr(
            "Forget: the forget gate fₜ decides how much of the old cell state cₜ₋₁ to keep. "
            "At this step it kept {p}% of it on average (units from {lo}% to {hi}%)."
        ).format(p=pct(_mean(frame, "f")), lo=pct(np.nanmin(f)), hi=pct(np.nanmax(f)))
    if key == "remember":
        change = finite_mean(np.abs(v["c"] - v["c_prev"]))
        return tr(
            "Select and memorise: the input gate iₜ decides how much of the candidate gₜ to "
            "write, so {equation}. It let {p}% through on average; each unit "
            "of the cell state moved by {d} on average (|cₜ − cₜ₋₁|)."
        ).format(equation=_equation("lstm", "c"), p=pct(_mean(frame, "i")), d=fmt(change))
    h = v["h"]
    return tr(
        "Output: the output gate oₜ decides how much of tanh(cₜ) becomes the hidden state "
        "hₜ. It opened {p}% on average; hₜ ranges from {lo} to {hi}."
    ).format(p=pct(_mean(frame, "o")), lo=fmt(np.nanmin(h)), hi=fmt(np.nanmax(h)))


def _gru(frame: Frame, key: str) -> str:
    v = frame.step.values
    if key == "reset":
        return tr(
            "Reset: the reset gate rₜ decides how much of the previous hidden state feeds the "
            "candidate. It let {p}% of it through on average."
        ).format(p=pct(_mean(frame, "r")))
    if key == "candidate":
        n = v["n"]
        sat = int(np.sum(np.abs(n) > 0.9))
        return tr(
            "Candidate: nₜ proposes a new hidden state from xₜ and the reset history. Its "
            "mean is {m}; {k} of {H} units are near ±1."
        ).format(m=fmt(_mean(frame, "n")), k=sat, H=n.size)
    return tr(
        "Update: the update gate zₜ blends old and new, {equation}. "
        "It kept {p}% of the old state on average and wrote {q}% of the candidate."
    ).format(
        equation=_equation("gru", "h"), p=pct(_mean(frame, "z")), q=pct(1.0 - _mean(frame, "z"))
    )


def _rnn(frame: Frame, key: str) -> str:
    h = frame.step.values["h"]
    sat = int(np.sum(np.abs(h) > 0.95))
    return tr(
        "Update: one tanh layer mixes xₜ and hₜ₋₁ into hₜ; there is no gate and no cell "
        "state. {k} of {H} units are saturated (beyond ±0.95), where almost no gradient "
        "passes back through tanh."
    ).format(k=sat, H=h.size)


def at_token(text: str, labels: tuple[str, ...], t: int) -> str:
    """``text`` said at step ``t``'s token when the steps have ``labels`` (else as is)."""
    if not labels or not 0 <= t < len(labels):
        return text
    return tr("At “{token}” (step {t}): {caption}").format(
        token=shown_token(labels[t]), t=t + 1, caption=text
    )


def caption(frame: Frame, labels: tuple[str, ...] = (), readout: ReadoutFrame | None = None) -> str:
    """The caption for a frame: what the active stage does and did at this step, at its
    token when the steps have ``labels`` (a text's tokens), and — once the stage that
    computes hₜ has — what the model's read-out predicts (``readout``)."""
    text = _caption(frame)
    said = predicts(readout) if readout is not None and readout.status == "active" else ""
    if said and readout is not None and readout.computed:
        text = _then(text, said)
    return at_token(text, labels, frame.cursor.t)


def predicts(readout: ReadoutFrame) -> str:
    """“The read-out predicts ‘e’ (0.62).” — or a regressor's value; ``""`` when not
    finite (the forward pass overflowed; the caption says so)."""
    label, value = readout.top[0]
    if not np.isfinite(value):
        return ""
    if readout.regressor:
        return tr("The read-out gives {value}.").format(value=fmt(value, 3))
    return tr("The read-out predicts “{label}” ({p}).").format(
        label=shown_token(label or ""), p=fmt(value)
    )


def _caption(frame: Frame) -> str:
    key = frame.stage_key
    if not all(np.isfinite(a).all() for a in frame.step.values.values()):
        # Statistics of overflowed numbers would only print "nan": say what happened.
        title = dict(STAGES[frame.kind])[key]
        return tr(
            "{stage}: some values at this step are not finite (the forward pass overflowed); "
            "they are shown in magenta. Lower the recurrent scale or the input size."
        ).format(stage=tr(title))
    if frame.cursor.phase <= 0.0:
        # The stage is about to run: say what it will do, not yet what it did.
        title = dict(STAGES[frame.kind])[key]
        return tr("{stage}: about to run. Press → or Space to compute it.").format(stage=tr(title))
    fn = {"lstm": _lstm, "gru": _gru, "rnn": _rnn}[frame.kind]
    with np.errstate(all="ignore"):
        return fn(frame, key)


def backward_caption(back: BackwardFrame, labels: tuple[str, ...] = ()) -> str:
    """What the gradient does at this step of the backward pass, with the engine's numbers
    (at its token when the steps have ``labels``)."""
    return at_token(_backward_caption(back), labels, back.cursor.t)


def _backward_caption(back: BackwardFrame) -> str:
    t = back.cursor.t + 1
    head = tr(
        "Backward pass: the gradient of the last step's loss has reached step {t}: ‖∂L/∂hₜ‖ = {h}."
    ).format(t=t, h=_sci(back.norms["h"]))
    share = back.highway_share
    if share is None:
        if back.kind == "rnn":
            return _then(
                head,
                tr(
                    "Each step back multiplies it by W_hh and tanh's slope: it shrinks or grows "
                    "geometrically."
                ),
            )
        return _then(
            head,
            tr("The update gate's direct path hₜ₋₁ → hₜ (through zₜ) carries part of it back."),
        )
    return _then(
        head,
        tr(
            "Of what reaches cₜ₋₁, {p}% came along the cell-state highway (through fₜ) and "
            "{q}% through hₜ₋₁'s own output."
        ).format(p=pct(share), q=pct(1.0 - share)),
    )


def _then(sentence: str, following: str) -> str:
    """Two sentences in a row (a space between them in English, none in Chinese)."""
    return tr("{sentence} {following}").format(sentence=sentence, following=following)


def _sci(value: float) -> str:
    return f"{value:.2e}" if np.isfinite(value) else tr("overflow")
