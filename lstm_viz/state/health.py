"""A loaded model's health on its input, said in words with the numbers and the usual remedy.

Four checks, each from what the engine already computed for these settings (the
trace, the weights, and the cheap last-step loss gradient — never the full Jacobians):

- **input scale** — inputs far beyond the gates' working range (|x| of a few units)
  push every pre-activation into the flat ends of σ and tanh: "inputs reach 622; the
  gates saturate — normalise the input".
- **saturated and dead units** — per gate, the units whose activation stays near 0 or 1
  (σ) or near ±1 (tanh) on average over the sequence, and hidden units that never move.
- **σ_max of each W_hh block** — the recurrent matrices' largest singular values.
- **the gradient regime at this length** — ‖∂L/∂h_1‖ for a unit gradient at the last
  step: below 1e-6 it vanishes, above 1e3 it explodes.

Qt-free; every sentence is marked (``tr_noop``) and said where shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine.gradients.diagnostics import largest_singular_value
from ..i18n_marks import Sentence, tr_noop
from .results import Results

__all__ = ["Finding", "Health", "check_health"]

#: |x| above which the input alone saturates a unit whose weights are of order one:
#: σ(5) = 0.993 and tanh(5) = 0.9999 — the derivative is nearly gone.
INPUT_SCALE = 5.0
#: A σ gate whose mean over the sequence is within this of 0 or 1 is saturated
#: (its derivative σ(1 − σ) is below 0.09): the issue's "forget gates above 0.9".
SIGMOID_EDGE = 0.1
#: A tanh activation whose mean |value| exceeds this is saturated (derivative < 0.2).
TANH_EDGE = 0.9
#: A hidden unit whose |h| never exceeds this over the whole sequence is dead.
DEAD = 1e-3
#: ‖∂L/∂h_1‖ below this vanishes and above the other explodes (the loss gradient at T
#: has norm 1, so these are ratios).
VANISHING, EXPLODING = 1e-6, 1e3
#: Fraction of a gate's units that must be saturated before it is worth saying.
NOTEWORTHY = 0.5

_SIGMOID = {"lstm": ("i", "f", "o"), "gru": ("r", "z"), "rnn": ()}
_GATE_NAMES = {
    "i": tr_noop("input gate"),
    "f": tr_noop("forget gate"),
    "o": tr_noop("output gate"),
    "g": tr_noop("candidate"),
    "r": tr_noop("reset gate"),
    "z": tr_noop("update gate"),
    "n": tr_noop("candidate"),
    "h": tr_noop("hidden state"),
}


@dataclass(frozen=True)
class Finding:
    """One thing the check found: its kind, whether it is a problem, and the sentence."""

    kind: str  # "input_scale", "saturation", "dead", "sigma", "vanishing", "exploding", "ok"
    problem: bool
    text: Sentence

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "problem": self.problem, "text": str(self.text)}


@dataclass(frozen=True)
class Health:
    """Every finding for one model on one input, problems first."""

    findings: tuple[Finding, ...]

    @property
    def problems(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.problem)

    def as_dict(self) -> list[dict[str, Any]]:
        return [f.as_dict() for f in self.findings]


def check_health(results: Results, *, gradients: bool = True) -> Health:
    """The health of ``results``' model on its sequence (see the module docstring).

    ``gradients=False`` leaves out the gradient regime, the one check that runs the
    engine (a backward pass through the sequence).
    """
    model, trace, x = results.model, results.trace, results.sequence.values
    found: list[Finding] = []
    peak = float(np.max(np.abs(x)))
    saturated = _saturated_gates(model.kind, trace)
    if peak > INPUT_SCALE:
        found.append(
            Finding(
                "input_scale",
                True,
                Sentence(
                    tr_noop(
                        "inputs reach {peak:.3g}, far beyond the gates' working range of a "
                        "few units{gates} — normalise the input (subtract its mean, divide "
                        "by its standard deviation) as the model was trained"
                    ),
                    peak=peak,
                    gates=Sentence(tr_noop("; the gates saturate")) if saturated else "",
                ),
            )
        )
    found.extend(saturated)
    dead = int(np.count_nonzero(np.max(np.abs(trace.h.reshape(trace.steps, -1)), axis=0) < DEAD))
    if dead:
        found.append(
            Finding(
                "dead",
                True,
                Sentence(
                    tr_noop(
                        "{n} of {units} hidden units never move (|h| < {edge:g} at every "
                        "step): they carry nothing on this input"
                    ),
                    n=dead,
                    units=trace.h[0].size,
                    edge=DEAD,
                ),
            )
        )
    found.append(_sigma(model))
    if gradients:
        found.append(_regime(results))
    found.sort(key=lambda f: not f.problem)
    return Health(tuple(found))


def _saturated_gates(kind: str, trace: Any) -> list[Finding]:
    out = []
    activations = {name: trace.gates[name] for name in _SIGMOID[kind]}
    tanh_like = {"lstm": ("g",), "gru": ("n",), "rnn": ()}[kind]
    for name, values in activations.items():
        mean = values.reshape(trace.steps, -1).mean(axis=0)
        high = int(np.count_nonzero(mean > 1 - SIGMOID_EDGE))
        low = int(np.count_nonzero(mean < SIGMOID_EDGE))
        units = mean.size
        if high + low >= NOTEWORTHY * units:
            out.append(
                Finding(
                    "saturation",
                    True,
                    Sentence(
                        tr_noop(
                            "{gate}: {high} of {units} units sit above {top:g} and {low} "
                            "below {bottom:g} on average — saturated, so little gradient "
                            "passes through it"
                        ),
                        gate=_GATE_NAMES[name],
                        high=high,
                        low=low,
                        units=units,
                        top=1 - SIGMOID_EDGE,
                        bottom=SIGMOID_EDGE,
                    ),
                )
            )
    tanh_values = {name: trace.gates[name] for name in tanh_like}
    tanh_values["h"] = trace.h
    for name, values in tanh_values.items():
        mean = np.abs(values.reshape(trace.steps, -1)).mean(axis=0)
        n = int(np.count_nonzero(mean > TANH_EDGE))
        if n >= NOTEWORTHY * mean.size:
            out.append(
                Finding(
                    "saturation",
                    True,
                    Sentence(
                        tr_noop(
                            "{gate}: {n} of {units} units stay near ±1 (mean |value| above "
                            "{edge:g}) — tanh is saturated"
                        ),
                        gate=_GATE_NAMES[name],
                        n=n,
                        units=mean.size,
                        edge=TANH_EDGE,
                    ),
                )
            )
    return out


def _sigma(model: Any) -> Finding:
    w, h = model.params["weight_hh"], model.hidden_size
    names = model.gate_names if model.kind != "rnn" else ("h",)
    blocks = {n: largest_singular_value(w[k * h : (k + 1) * h]) for k, n in enumerate(names)}
    shown = ", ".join(f"{n} {v:.3g}" for n, v in blocks.items())
    return Finding(
        "sigma",
        False,
        Sentence(tr_noop("σ_max of each block of W_hh: {blocks}"), blocks=shown),
    )


def _regime(results: Results) -> Finding:
    first = float(np.max(results.diagnostics.loss_grad[0]))
    steps = results.steps
    if not np.isfinite(first) or first > EXPLODING:
        return Finding(
            "exploding",
            True,
            Sentence(
                tr_noop(
                    "gradients explode over these {steps} steps: ‖∂L/∂h_1‖ = {value:.3g} for "
                    "a unit gradient at the last step — clip the gradients (gradient "
                    "clipping) when training"
                ),
                steps=steps,
                value=first,
            ),
        )
    if first < VANISHING:
        remedy = (
            tr_noop("an LSTM or GRU keeps a longer memory")
            if results.kind == "rnn"
            else tr_noop("only nearby steps shape what it learns")
        )
        return Finding(
            "vanishing",
            True,
            Sentence(
                tr_noop(
                    "gradients vanish over these {steps} steps: ‖∂L/∂h_1‖ = {value:.3g} for "
                    "a unit gradient at the last step — {remedy}"
                ),
                steps=steps,
                value=first,
                remedy=remedy,
            ),
        )
    return Finding(
        "ok",
        False,
        Sentence(
            tr_noop(
                "gradients neither vanish nor explode over these {steps} steps "
                "(‖∂L/∂h_1‖ = {value:.3g})"
            ),
            steps=steps,
            value=first,
        ),
    )
