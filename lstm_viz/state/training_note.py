"""What the screen says about training: is the model shown trained, how, and what it changed.

One sentence, built from the results' own numbers, that the window (beside the
"After training" box) and ``lstm-viz simulate`` both print. No Qt: the sentence
is marked (:class:`~lstm_viz.i18n_marks.Sentence`) and said where it is shown.
"""

from __future__ import annotations

import math

import numpy as np

from ..engine.cells.trace import Trace
from ..engine.gradients.diagnostics import forget_gate_highway
from ..engine.training.bundled import BundledModel, bundled_models
from ..i18n_marks import Marked, Sentence, tr_noop
from .results import Results, trained_twin

__all__ = ["TASK_TITLES", "forget_means", "highway_floor", "training_note"]

#: How the notes name the training tasks (marked for translation).
TASK_TITLES: dict[str, Marked] = {
    "adding": tr_noop("adding problem"),
    "copy": tr_noop("copy task"),
    "sine": tr_noop("sine prediction"),
}


def highway_floor(results: Results) -> float | None:
    """The lowest value over the sequence of the LSTM's highway ``max_j ∏ f`` (else ``None``).

    That is the panel's highway curve at its far end: the product of the forget
    gates of the unit that keeps its cell state best, from step 1 to T.
    """
    if results.kind != "lstm":
        return None
    highway = forget_gate_highway(results.trace)
    return float(np.min(highway.reshape(highway.shape[0], -1).max(axis=1)))


def forget_means(trace: Trace) -> np.ndarray:
    """Each unit's forget gate averaged over the steps (and the batch): ``(H,)``."""
    f = trace.gates["f"]
    return f.reshape(f.shape[0], -1, f.shape[-1]).mean(axis=(0, 1))


def _run(m: BundledModel) -> dict[str, object]:
    c = m.config
    return {
        "kind": c.model.upper(),
        "task": TASK_TITLES[c.task],
        "length": c.length,
        "iters": m.iterations,
        "loss": f"{m.test_loss:.2g}",
        "trivial": f"{m.trivial:.3g}",
    }


def training_note(results: Results) -> Sentence | None:
    """Whether the model shown is trained, in one sentence with this screen's numbers.

    ``None`` for a model from a weight file (its own notes say where it came from).
    """
    if results.weights is not None:
        return None
    m = results.trained
    s = results.settings
    if m is not None:
        slots = _run(m)
        if not m.learned:
            return Sentence(
                tr_noop(
                    "After training: this {kind} was trained by lstm-viz's own trainer on the "
                    "{task} (T = {length}, {iters} iterations) and did not learn it — its "
                    "held-out loss {loss} stays near the {trivial} of always guessing the mean."
                ),
                **slots,
            )
        floor = highway_floor(results)
        if floor is not None:
            return Sentence(
                tr_noop(
                    "After training: this {kind} was trained by lstm-viz's own trainer on the "
                    "{task} (T = {length}, {iters} iterations; held-out loss {loss}, against "
                    "{trivial} for always guessing the mean). Training raised one unit's forget "
                    "gate to {after} on average (before training every f sat near {before}), so "
                    "its cell-state highway ∏ f stays at {floor} or above over all {steps} steps."
                ),
                after=f"{forget_means(results.trace).max():.3f}",
                before=f"{forget_means(m.untrained().forward(results.sequence.values)).mean():.2f}",
                floor=f"{math.floor(floor * 100) / 100:.2f}",  # "or above": round down
                steps=results.steps,
                **slots,
            )
        return Sentence(
            tr_noop(
                "After training: this {kind} was trained by lstm-viz's own trainer on the "
                "{task} (T = {length}, {iters} iterations; held-out loss {loss}, against "
                "{trivial} for always guessing the mean)."
            ),
            **slots,
        )
    twin = trained_twin(s.replace(trained=True), results.model.input_size)
    if twin is not None:
        return Sentence(
            tr_noop(
                "Before training: the {kind} as initialised from seed {seed}. The same weights "
                "after {iters} iterations on the {task} are one click away "
                "(\u201cAfter training\u201d; --trained on the command line)."
            ),
            kind=results.kind.upper(),
            seed=s.seed,
            iters=twin.iterations,
            task=TASK_TITLES[twin.config.task],
        )
    return Sentence(
        tr_noop(
            "Before training: the model as initialised from seed {seed}. lstm-viz ships "
            "trained models only for {shipped}."
        ),
        seed=s.seed,
        shipped=_shipped(),
    )


def _shipped() -> str:
    """``"H = 8, seed 0, D = 2, forget bias 1, uniform init"``: what a twin needs (marked,
    so :func:`~lstm_viz.i18n.say` translates it as a slot when there is one such run)."""
    runs = [
        Sentence(
            tr_noop("H = {h}, seed {seed}, D = {d}, forget bias {fb:g}, uniform init"),
            h=h,
            seed=seed,
            d=d,
            fb=fb,
        )
        for h, seed, d, fb in sorted(
            {
                (m.config.hidden_size, m.config.seed, m.input_size, m.config.forget_bias)
                for m in bundled_models()
            }
        )
    ]
    return runs[0] if len(runs) == 1 else "; ".join(runs)
