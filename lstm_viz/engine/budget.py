"""One memory budget, and what each computation of the engine needs of it.

Every size a user can choose (H, D, T, a batch, a weight file's shapes) is checked
against :data:`MEMORY_BUDGET` *before* the work starts, from the shapes alone, so an
over-large request is refused with a message that says which size to lower — never
discovered by running out of memory. The estimates are upper bounds of what the
engine allocates at its peak (``tests/engine/test_hostile_budget.py`` measures them
with ``tracemalloc``); they assume float64, the engine's default.

The state layer turns these numbers into messages naming the setting
(:mod:`lstm_viz.state.budget`); the file readers use :data:`MAX_ARRAY_BYTES` to check
an array's header before reading its data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cells import MODELS

__all__ = [
    "CONNECTIVITY_MAX_STEPS",
    "CONNECTIVITY_RESOLUTION",
    "CONNECTIVITY_WORK",
    "JACOBIAN_CHUNK_BYTES",
    "MAX_ARRAY_BYTES",
    "MEMORY_BUDGET",
    "ONE_CORE_FLOPS",
    "Estimate",
    "connectivity_bytes",
    "connectivity_cost",
    "estimate",
    "format_bytes",
    "jacobian_step_bytes",
    "run_seconds",
]

#: Bytes one computation (a run with its diagnostics, a training run, one file read)
#: may allocate at its peak. A laptop with 8 GB runs the window, the plots and one
#: such computation side by side.
MEMORY_BUDGET = 2 * 1024**3
#: Largest single array a file may declare (its header is checked before reading).
MAX_ARRAY_BYTES = MEMORY_BUDGET // 4
#: The full Jacobians ∂s_T/∂s_t are computed this many bytes of steps at a time.
JACOBIAN_CHUNK_BYTES = 64 * 1024**2
#: The connectivity map's largest side: more steps are binned (one bin per pixel or more).
CONNECTIVITY_RESOLUTION = 1024
#: Work one connectivity map may take (:func:`connectivity_cost`): ten seconds on one
#: core at :data:`ONE_CORE_FLOPS` — measured, this machine's one core takes 60–100 % of
#: the time the cost predicts (T = 1000, H = 256 still fits whole for D ≤ 2
#: inputs, 844 steps at D = 3, 169 at D = 64; at T = 10,000 a window of 2719 steps at
#: H = 64). A longer sequence, or a wider input, is mapped over a window of its steps.
CONNECTIVITY_WORK = 5e11
# Flops an elementwise pass over one tangent entry costs as much time as (see
# connectivity_cost): the norms of D ≤ 4 columns sum D(D+1)/2 products down H; a wider
# input's go through einsum.
_PER_TANGENT_ENTRY = 800.0
_PER_WIDE_TANGENT_ENTRY = 1100.0
#: Steps one connectivity map covers at most: four per pixel of its largest side. At
#: small H the products are too small for BLAS's full rate and the per-step passes
#: over the tangents dominate; this keeps a window of a long sequence near seconds.
CONNECTIVITY_MAX_STEPS = 4 * CONNECTIVITY_RESOLUTION
#: The rate the messages use to say how long a computation would take (flop/s).
ONE_CORE_FLOPS = 5e10

_FLOAT = 8  # bytes of a float64
# Peak bytes per step and unit (× 8) of a forward trace, and of the backward pass with
# the cheap diagnostics (loss gradients, highway, cell paths), measured with tracemalloc
# and rounded up: the LSTM keeps i, f, g, o, c, h, tanh(c); the GRU r, z, n, h and a
# cache; the RNN a and h.
_TRACE_PER_UNIT = {"lstm": 10, "gru": 8, "rnn": 3}
_BACKWARD_PER_UNIT = {"lstm": 26, "gru": 16, "rnn": 6}
# Working set of one step of a full-Jacobian backward pass, per H² (the seeds, the
# state gradients and ∂L/∂pre for every seed), measured and rounded up.
_JACOBIAN_PER_H2 = {"lstm": 12, "gru": 12, "rnn": 6}
# A number in the JSON report: a Python float (24 bytes) in a list (8), then ~24
# characters of text.
_REPORT_PER_VALUE = 64
# Arrays per unit and step in the report: h, c and the gates (LSTM 6, GRU 4, RNN 2).
_REPORTED_PER_UNIT = {"lstm": 6, "gru": 4, "rnn": 2}


@dataclass(frozen=True)
class Estimate:
    """Peak bytes of one model's run on one sequence, by what allocates them.

    Attributes
    ----------
    trace
        The forward pass (every activation of every step).
    backward
        The last-step loss gradients and the cheap diagnostics.
    jacobians
        One chunk of the full-Jacobian diagnostics (computed chunk by chunk; at least
        one step's worth, however small the chunk).
    report
        The JSON report of ``simulate --json`` (Python numbers, then text).
    """

    trace: int
    backward: int
    jacobians: int
    report: int

    @property
    def run(self) -> int:
        """The window's and ``simulate``'s peak without the report."""
        return self.trace + max(self.backward, self.jacobians)

    @property
    def with_report(self) -> int:
        return self.run + self.report


def jacobian_step_bytes(kind: str, hidden: int) -> int:
    """Working set of one step of the full-Jacobian backward pass."""
    return _JACOBIAN_PER_H2[kind] * hidden * hidden * _FLOAT


def estimate(kind: str, hidden: int, input_size: int, steps: int, batch: int = 1) -> Estimate:
    """Upper bounds of the bytes a run of ``kind`` at these sizes allocates.

    Parameters
    ----------
    kind
        ``"lstm"``, ``"gru"`` or ``"rnn"``.
    hidden, input_size, steps, batch
        H, D, T and the number of sequences run together.
    """
    rows = steps * batch
    params = MODELS[kind].blocks * hidden * (hidden + input_size)
    trace = (_TRACE_PER_UNIT[kind] * hidden + 2 * input_size) * rows * _FLOAT + 2 * params * _FLOAT
    backward = (_BACKWARD_PER_UNIT[kind] * hidden + 2 * input_size) * rows * _FLOAT
    backward += 2 * params * _FLOAT
    step = jacobian_step_bytes(kind, hidden) * batch
    jacobians = max(step, min(JACOBIAN_CHUNK_BYTES, step * steps)) + 4 * rows * _FLOAT
    report = (_REPORTED_PER_UNIT[kind] * hidden + input_size + 8) * rows * _REPORT_PER_VALUE
    return Estimate(trace=trace, backward=backward, jacobians=jacobians, report=report)


def connectivity_bytes(
    kind: str, hidden: int, input_size: int, steps: int, resolution: int = CONNECTIVITY_RESOLUTION
) -> int:
    """Peak bytes of :func:`~lstm_viz.engine.gradients.connectivity.connectivity_map`
    and the panel's image of it.

    The map at display resolution (side ``min(T, resolution)``: the float64 map, its
    log₁₀ and a masked copy, then the float32 image and the overflow mask), the
    tangents of every input so far (the plain LSTM keeps T_h, T_c and a 2H-row
    product, each row T·D long; other cells N = 2H or H rows, plus a chunk of local
    Jacobians, ~48 MB) and the per-step norms' temporaries (three H × T rows).
    """
    side = min(steps, resolution)
    image = side * side * (3 * _FLOAT + 4 + 1)
    rows = 4 * hidden if kind == "lstm" else hidden
    tangents = (rows * input_size + 3 * hidden) * steps * _FLOAT
    local = 0 if kind == "lstm" else 48 * 1024**2
    return image + tangents + local + 16 * 1024**2


def connectivity_cost(kind: str, hidden: int, input_size: int, steps: int) -> float:
    """The connectivity map's work, in floating-point operations of one core's products.

    Step u multiplies the tangents of the u·D inputs so far by the step's Jacobian:
    (2H × H)(H × u·D) for the LSTM, (H × H)(H × u·D) for the GRU and the RNN, so
    ``Σ_u 2·R·H·u·D ≈ R·H·T²·D`` flops with R the product's rows. The elementwise
    passes over the same H × u·D tangents (their update and their norms: ~10 passes,
    memory-bound once the tangents outgrow the cache) cost far more than their flop
    count: each entry of each step counts as 800 flops (1100 for D > 4). Measured with
    one thread (CPU time, this machine, the plain LSTM's pass, binned to 1024): about
    16 ns an entry and step, the products at ~50 GFLOP/s, so ``cost / ONE_CORE_FLOPS``
    was 9.3 s for 8.0–9.5 s at (T, H, D) = (1000, 256, 2), 3.4 s for 2.4–3.4 s at
    (1000, 128, 2), 19.4 s for 16.8 s at (3793, 64, 2), 10.0 s for 9.6–10.2 s at
    (4096, 32, 2), 4.8 s for 4.3 s at (4000, 32, 1), 10.6 s for 9.8 s at (1200, 64, 8).
    """
    rows = 2 * hidden if kind == "lstm" else hidden
    entries = float(steps) ** 2 * hidden * input_size / 2
    per_entry = _PER_TANGENT_ENTRY if input_size <= 4 else _PER_WIDE_TANGENT_ENTRY
    return float(rows) * hidden * float(steps) ** 2 * input_size + per_entry * entries


# One step of a run and its loss gradients (forward and backward, batch 1) on one core:
# the Python and NumPy overhead of a step, and the matrix–vector products, which at
# batch 1 are memory-bound (~0.8 ns a weight). Fitted to this machine's runs at
# (T, H) = (1000, 256), (10,000, 64) and (100,000, 30), within ±30 % (under load).
_STEP_SECONDS = {"lstm": 38e-6, "gru": 50e-6, "rnn": 14e-6}
_SECONDS_PER_WEIGHT = 0.8e-9


def run_seconds(kind: str, hidden: int, input_size: int, steps: int) -> float:
    """About how long one cell's run on ``steps`` steps and its loss gradients take on
    one core (what the window waits for before it can draw a settings change)."""
    weights = MODELS[kind].blocks * hidden * (hidden + input_size)
    return steps * (_STEP_SECONDS[kind] + _SECONDS_PER_WEIGHT * weights)


def format_bytes(n: int) -> str:
    """``1.5 GB``, ``320 MB``: bytes as a person reads them (powers of 1024)."""
    for unit, size in (("TB", 1024**4), ("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:,.0f} {unit}" if value >= 1000 else f"{value:.3g} {unit}"
    return f"{n} bytes"
