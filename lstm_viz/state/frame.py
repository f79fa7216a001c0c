"""What one frame of the cell diagram shows, as plain numbers. No Qt.

A *part* is anything the diagram draws with values: a gate block, a pointwise
node, a state on a wire. Each part belongs to the stage of a step in which it
is computed (inputs: stage ``-1``, known before the step starts). At a cursor
``(t, stage, phase)`` a part of step ``t`` is *done* (its stage is over),
*active* (its stage is playing) or *pending* (a later stage; not yet computed,
shown as NaN). The diagram, export and tests all read the same numbers here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .results import Results
from .text_view import written_step
from .timeline import STAGES, Cursor

INPUT = -1

#: Part name → stage index in which it is computed, per model kind.
PART_STAGES: dict[str, dict[str, int]] = {
    "lstm": {
        "x": INPUT,
        "h_prev": INPUT,
        "c_prev": INPUT,
        "f": 0,
        "f_c": 0,
        "i": 1,
        "g": 1,
        "i_g": 1,
        "c": 1,
        "o": 2,
        "tanh_c": 2,
        "h": 2,
    },
    "gru": {
        "x": INPUT,
        "h_prev": INPUT,
        "r": 0,
        "r_hn": 0,
        "n": 1,
        "z": 2,
        "one_minus_z": 2,
        "z_h": 2,
        "zc_n": 2,
        "h": 2,
    },
    "rnn": {"x": INPUT, "h_prev": INPUT, "tanh": 0, "h": 0},
}

#: Parts whose values live in [0, 1] (sigmoid gates and 1 − z); the rest are signed.
UNIT_INTERVAL = frozenset({"f", "i", "o", "r", "z", "one_minus_z"})


def status(part_stage: int, stage: int) -> str:
    """``"input"``, ``"done"``, ``"active"`` or ``"pending"`` for a part at a stage."""
    if part_stage == INPUT:
        return "input"
    if part_stage < stage:
        return "done"
    return "active" if part_stage == stage else "pending"


def row_at(a: np.ndarray, t: int) -> np.ndarray:
    """Step ``t`` of a ``(T, [B,] H)`` array; batched traces show their first sequence."""
    row = a[t]
    return row[0] if row.ndim > 1 else row


def computed(part_status: str, phase: float) -> bool:
    """Whether a part with this status has its values at ``phase``: at phase 0 the active
    stage is about to run (highlighted, not yet computed)."""
    return part_status in ("input", "done") or (part_status == "active" and phase > 0.0)


@dataclass(frozen=True)
class StepValues:
    """Every part's values at one step, all computed (nothing pending)."""

    kind: str
    t: int
    values: dict[str, np.ndarray]
    pre: dict[str, np.ndarray]  # the engine's gate pre-activations (Trace.pre) at step t


def step_values(results: Results, t: int) -> StepValues:
    """The values of every part of step ``t`` (0-based) of ``results``."""
    tr = results.trace
    kind = tr.kind
    t = int(np.clip(t, 0, tr.steps - 1))
    x = row_at(tr.x, t)
    h_prev = row_at(tr.h_prev, t)
    g = {k: row_at(v, t) for k, v in tr.gates.items()}
    v: dict[str, np.ndarray] = {"x": x, "h_prev": h_prev, "h": row_at(tr.h, t)}
    pre = {k: row_at(a, t) for k, a in tr.pre.items()}
    if kind == "rnn":
        pre["tanh"] = pre["a"]  # the tanh node's argument
    with np.errstate(all="ignore"):
        if kind == "lstm":
            assert tr.c_prev is not None and tr.c is not None
            c_prev, c = row_at(tr.c_prev, t), row_at(tr.c, t)
            v |= {"c_prev": c_prev, "c": c, **g}
            v |= {"f_c": g["f"] * c_prev, "i_g": g["i"] * g["g"], "tanh_c": np.tanh(c)}
        elif kind == "gru":
            v |= g
            v |= {
                "r_hn": g["r"] * pre["hn"],
                "one_minus_z": 1.0 - g["z"],
                "z_h": g["z"] * h_prev,
                "zc_n": (1.0 - g["z"]) * g["n"],
            }
        else:
            v["tanh"] = np.tanh(g["a"])
    return StepValues(kind, t, v, pre)


@dataclass(frozen=True)
class Frame:
    """What the diagram shows at a cursor: per-part values (NaN = pending) and status."""

    kind: str
    cursor: Cursor
    step: StepValues
    shown: dict[str, np.ndarray]
    status: dict[str, str]

    @property
    def stage_key(self) -> str:
        return STAGES[self.kind][self.cursor.stage][0]


def frame_at(results: Results, cursor: Cursor, step: StepValues | None = None) -> Frame:
    """The frame at ``cursor``: parts of later stages are NaN (not yet computed)."""
    kind = results.kind
    t = int(np.clip(cursor.t, 0, results.steps - 1))
    stage = int(np.clip(cursor.stage, 0, len(STAGES[kind]) - 1))
    cursor = Cursor(t, stage, float(np.clip(cursor.phase, 0.0, 1.0)))
    sv = step if step is not None and step.t == t else step_values(results, t)
    shown: dict[str, np.ndarray] = {}
    states: dict[str, str] = {}
    for name, part_stage in PART_STAGES[kind].items():
        s = status(part_stage, stage)
        states[name] = s
        vals = sv.values[name]
        shown[name] = vals if computed(s, cursor.phase) else np.full(vals.shape, np.nan)
    return Frame(kind, cursor, sv, shown, states)


def finite_mean(a: np.ndarray) -> float:
    """Mean over the finite entries (NaN when there are none)."""
    fin = np.isfinite(a)
    return float(a[fin].mean()) if fin.any() else float("nan")


def state_history(results: Results, name: str, cursor: Cursor) -> np.ndarray:
    """``(H, T)`` history of ``"c"`` or ``"h"`` up to the cursor; later steps are NaN.

    Step ``t`` itself is included once the stage that computes it has started.
    """
    tr = results.trace
    src = tr.c if name == "c" else tr.h
    if src is None:
        return np.full((0, tr.steps), np.nan)
    a = src[:, 0] if src.ndim == 3 else src
    out = np.array(a.T, dtype=np.float64, copy=True)
    last = cursor.t if cursor.stage >= PART_STAGES[results.kind][name] else cursor.t - 1
    out[:, last + 1 :] = np.nan
    return out


#: The classes the read-out box lists (the hover lists :data:`HOVER_TOP_K`).
READOUT_TOP_K = 3
HOVER_TOP_K = 5


@dataclass(frozen=True)
class ReadoutFrame:
    """What the read-out box beside hₜ shows at a frame: the head's output at step ``t``.

    The head reads what the module returns at step t, yₜ: the top layer's hₜ, both
    directions side by side for a bidirectional model (the drawn cell's own hₜ only
    for one layer, one way). The box follows the drawn cell's hₜ stage — pending
    before it, not yet computed at its phase 0 — as the step's output.

    Attributes
    ----------
    t
        The step (0-based).
    status
        hₜ's status at the frame (``"pending"``, ``"active"`` or ``"done"``).
    computed
        Whether the values are known at the frame (else they are not shown).
    top
        ``(label, probability)`` best first, from :meth:`Predictions.top`; a
        regressor's ``((None, value),)``.
    classes
        How many outputs the head has.
    key
        The head's weight in the file, e.g. ``"fc.weight"``.
    layer
        The layer the head reads (the stack's top).
    drawn
        The layer the diagram draws (``layer`` unless another is chosen).
    both
        Whether yₜ holds both directions (a bidirectional model).
    """

    t: int
    status: str
    computed: bool
    top: tuple[tuple[str | None, float], ...]
    classes: int
    key: str
    layer: int
    drawn: int
    both: bool = False

    @property
    def regressor(self) -> bool:
        return self.classes == 1


def _written(results: Results, t: int | np.ndarray) -> int | np.ndarray:
    """The written-order step(s) of the shown cell's step(s) ``t``: predictions are kept
    in the order of the text, and a reverse direction's step 1 reads its last token."""
    return written_step(t, results.steps, results.direction)


def readout_at(
    results: Results, frame: Frame, k: int = READOUT_TOP_K, *, backward: bool = False
) -> ReadoutFrame | None:
    """The read-out at ``frame`` (a frame of ``results``); ``None`` without a head.

    ``backward``: the frame is the backward pass's, after the whole forward pass (done).
    """
    predictions = results.predictions
    if predictions is None:
        return None
    t = frame.cursor.t
    st = "done" if backward else frame.status["h"]
    stack = results.stack
    return ReadoutFrame(
        t=t,
        status=st,
        computed=computed(st, frame.cursor.phase),
        top=tuple(predictions.top(_written(results, t), k)),
        classes=int(predictions.outputs.shape[-1]),
        key=predictions.readout.prefix + "weight",
        layer=results.layer if stack is None else stack.num_layers - 1,
        drawn=results.layer,
        both=stack is not None and stack.bidirectional,
    )


@dataclass(frozen=True)
class ReadoutHistory:
    """The read-out over steps ``[start, end)``, for the strip under the cell.

    Attributes
    ----------
    values
        Per step the probability of the predicted class (a regressor: its value);
        NaN where not yet computed.
    best
        Per step the predicted class's label (``None`` for a regressor).
    computed
        Per step whether it is computed at the cursor.
    scale
        A regressor's largest finite |value| over the whole sequence (1 when none),
        so colours do not change as the window moves; 1 for a classifier.
    """

    start: int
    values: np.ndarray
    best: tuple[str | None, ...]
    computed: np.ndarray
    scale: float
    regressor: bool


def readout_history(
    results: Results, cursor: Cursor, start: int, end: int, current: ReadoutFrame
) -> ReadoutHistory:
    """The read-out of steps ``[start, end)`` at ``cursor``: earlier steps are computed,
    step ``t`` as ``current`` says (its :func:`readout_at`), later ones not — all of
    them in the backward pass, which comes after the forward pass."""
    predictions = results.predictions
    assert predictions is not None
    steps = np.arange(start, end)
    done = steps < current.t if not cursor.backward else np.ones(steps.size, bool)
    done = done | ((steps == current.t) & current.computed)
    written = _written(results, steps)
    if predictions.probabilities is None:
        raw = predictions.outputs[written, 0]
        scale = predictions.scale
        best: tuple[str | None, ...] = (None,) * steps.size
    else:
        idx = predictions.best()[written]
        raw = predictions.probabilities[written, idx]
        scale = 1.0
        assert predictions.labels is not None
        best = tuple(predictions.labels[i] for i in idx)
    values = np.where(done, raw, np.nan)
    return ReadoutHistory(start, values, best, done, scale, predictions.regressor)
