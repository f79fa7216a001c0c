"""Connectivity: how strongly each output still depends on each earlier input.

Madsen (Distill 2019, "Visualizing memorization in RNNs") draws, for every pair
of steps t ≤ t', the size of ``∂h_{t'}/∂x_t``: how far back an output can still
"see". Here that size is the spectral norm of the H×D Jacobian,

    C[t', t] = ‖∂h_{t'}/∂x_t‖₂   for t ≤ t',   and 0 for t > t' (no influence).

Method (forward mode over the exact local Jacobians). Write s_t for the whole
state (``[h_t; c_t]`` for the LSTM, ``h_t`` otherwise, N = 2H or H) and

    A_u = ∂s_u/∂s_{u-1}  (N×N),     B_u = ∂s_u/∂x_u  (N×D).

Then ``∂s_{t'}/∂x_t = A_{t'} A_{t'-1} ⋯ A_{t+1} B_t``: walking u = 1 … T once,
the tangents of all earlier inputs are multiplied by ``A_u`` and ``B_u`` joins
them. The local Jacobians come from the model's own backward equations: every
step is treated as a one-step sequence starting from the trace's previous
state, all T of them as one batch, with the N unit vectors of s_u as seeds.

Cost: one batched one-step backward pass (O(T·N·G·H·(H + D)) flops), then T
products ``(N×N)·(N × u·D)`` (O(T²·N²·D/2) flops, O(T) Python steps), then the
T(T+1)/2 spectral norms of H×D matrices. The plain LSTM skips the local
Jacobians: its tangents go through its own equations (one 2H×H product per step,
:func:`_lstm_tangents`). Rows are produced in order, so a long map is binned to
a display resolution as it is made and the T×T matrix never exists.

Two threads. The tangents of different source steps never mix, so above
:data:`SPLIT_WORK` the columns are split in two parts of equal work (inputs before
s ≈ 0.29·T, followed through every step; those after, from their own step), each on
its own thread and one BLAS thread, writing different cells of the map (in a binned
map s is a bin's first step); the numbers are those of one walk. The parts share
nothing but the trace, so the elementwise passes (most of the time at small H) run in
parallel too, and no part waits for the other — unlike a two-thread BLAS, which
stalls a whole scheduler slice when its partner is descheduled. Measured on the
2-core development machine while it ran other sessions' work (load average 4–5): the
split costs the same CPU time (8.5 s against 8.0 s at T = 1000, H = 256) and with a
further process spinning on one core finishes 1.3–1.6× sooner (T = 1000, H = 256:
18.9 s against 28.4 s; a 3793-step window at H = 64: 35 s against 54 s); with a core
free it approaches the CPU time halved.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

import numpy as np

from ..budget import connectivity_cost
from ..cells._base import RecurrentModel, _internal, previous
from ..cells.lstm import LSTM
from ..cells.trace import Trace
from ._connectivity_norms import _spectral_columns
from ._threads import one_blas_thread

# Local Jacobians are built for a chunk of steps at a time, ~32 MB of float64.
_CHUNK_ELEMENTS = 1 << 22
# Progress is reported each time this much more of the work is done.
_PROGRESS_STEP = 0.01

#: Work (:func:`~lstm_viz.engine.budget.connectivity_cost`) from which the map's source
#: steps are split over two threads: about a second on one core, where starting a
#: thread and making the second part's kernels again cost nothing measurable.
SPLIT_WORK = 5e10

Progress = Callable[[float], None]


def connectivity(model: RecurrentModel, trace: Trace) -> np.ndarray:
    """``C[t', t] = ‖∂h_{t'}/∂x_t‖₂`` for the trace's steps, ``(T, T)``.

    Row t' (0-based: step t'+1) is an output, column t an input; the upper
    triangle (t > t') is 0. Entries that overflow are inf or nan, never raised.

    Parameters
    ----------
    model
        The model that produced ``trace``.
    trace
        An unbatched forward pass of ``model``.
    """
    return connectivity_map(model, trace)[0]


def connectivity_map(
    model: RecurrentModel,
    trace: Trace,
    resolution: int | None = None,
    progress: Progress | None = None,
    window: tuple[int, int] | None = None,
    threads: int | None = None,
) -> tuple[np.ndarray, float]:
    """:func:`connectivity`, binned above ``resolution`` steps, and ``‖∂h_T/∂x_1‖``.

    Parameters
    ----------
    model, trace
        As for :func:`connectivity`.
    resolution
        With T above it, the map is ``(R, R)``: steps fall into R nearly equal
        bins (``t·R // T``) and each cell is the largest norm among its pairs (a
        strong link stays visible, an overflow stays inf). Memory is then
        O(R² + N·T·D) instead of O(T²).
    progress
        Called from time to time with the fraction of the work done, in [0, 1]
        (the products grow with the step, so the fraction is about ``u²/T²``); from
        the calling thread only.
    window
        ``(start, stop)``, 0-based: only the pairs of steps in ``[start, stop)``,
        the same numbers as that block of the whole map (the state entering the
        window is the trace's; only inputs inside it are followed). T above is then
        ``stop − start``; the work falls with its square.
    threads
        How many threads make the map: 1, or 2 (its source steps split in two parts of
        equal work, each on one BLAS thread; the same numbers). By default 2 when
        :func:`split_pays`.

    Returns
    -------
    map
        ``(T, T)``, or ``(R, R)`` when binned.
    far
        ``C[T−1, 0]`` itself, the first input's effect on the last output (of the
        window's first and last steps with ``window``).
    """
    if trace.batched:
        raise ValueError("connectivity takes an unbatched trace (one sequence)")
    if trace.kind != model.kind:
        raise ValueError(f"a {trace.kind.upper()} trace given to a {model.kind.upper()}")
    first, last = (0, trace.steps) if window is None else (int(window[0]), int(window[1]))
    if not 0 <= first < last <= trace.steps:
        raise ValueError(f"the window {window} is not inside steps 0 … {trace.steps}")
    steps = last - first
    binned = resolution is not None and steps > resolution
    size = int(resolution) if binned else steps  # type: ignore[arg-type]
    bins = np.arange(steps) * size // steps  # the bin of each step
    edges = np.flatnonzero(np.diff(bins, prepend=-1))  # the first step of each bin
    out = np.zeros((size, size), dtype=np.float64)
    walk = _lstm_tangents if _has_plain_lstm_step(model) else _tangents_from_jacobians
    if threads is None:
        threads = 2 if split_pays(model.kind, model.hidden_size, model.input_size, steps) else 1
    parts = _column_parts(steps, edges if binned else None, threads)
    done = [0] * len(parts)  # tangent columns × steps made by each part
    total = steps * (steps + 1) // 2
    reported = 0.0
    stop = threading.Event()  # set when the first part fails: the others end too

    def report() -> None:
        nonlocal reported
        fraction = sum(done) / total
        if progress is not None and (fraction - reported >= _PROGRESS_STEP or fraction == 1.0):
            reported = fraction
            progress(fraction)

    def fill(part: int) -> float:
        """Make the map's columns of ``parts[part]``; ``C[T−1, 0]`` when they hold it."""
        c0, c1 = parts[part]
        far = 0.0
        with np.errstate(all="ignore"), one_blas_thread():
            for u, seen in walk(model, trace, first, last, (c0, c1)):
                norms = _spectral_columns(seen)  # ∂h_u/∂x_t for t in [c0, min(u + 1, c1))
                far = float(norms[0])
                if binned:
                    mine = edges[(edges >= c0) & (edges < c0 + norms.size)] - c0
                    row = np.maximum.reduceat(norms, mine)
                    cells = out[bins[u], bins[c0] : bins[c0] + row.size]
                    np.maximum(cells, row, out=cells)
                else:
                    out[u, c0 : c0 + norms.size] = norms
                done[part] += norms.size
                if part == 0:
                    report()
                elif stop.is_set():
                    break
        return far

    helpers = [_Part(fill, k) for k in range(1, len(parts))]
    for helper in helpers:
        helper.start()
    try:
        far = fill(0)
    except BaseException:  # say the progress callback cancelled the job: stop the others
        stop.set()
        for helper in helpers:
            helper.join()
        raise
    for helper in helpers:
        while helper.is_alive():  # the first part is done: report the others' progress
            helper.join(0.05)
            report()
        helper.result()
    report()
    return out, far


class _Part(threading.Thread):
    """One part of the map's columns, made on its own thread; :meth:`result` re-raises."""

    def __init__(self, fill: Callable[[int], float], part: int) -> None:
        super().__init__(name=f"connectivity-{part}", daemon=True)
        self._fill, self._part = fill, part
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._fill(self._part)
        except BaseException as err:  # handed to the caller by result()
            self._error = err

    def result(self) -> None:
        if self._error is not None:
            raise self._error


def split_pays(kind: str, hidden: int, input_size: int, steps: int) -> bool:
    """Whether the map's work is large enough to split its columns over two threads.

    See :data:`SPLIT_WORK` (the work in :func:`~lstm_viz.engine.budget.connectivity_cost`'s
    units; a machine with one core never splits).
    """
    return (os.cpu_count() or 1) >= 2 and connectivity_cost(
        kind, hidden, input_size, steps
    ) >= SPLIT_WORK


def _column_parts(steps: int, edges: np.ndarray | None, threads: int) -> list[tuple[int, int]]:
    """The source steps each thread follows: ``[(0, s), (s, steps)]`` with equal work.

    Inputs before s are followed through every later step (work ∝ s·T − s²/2), those
    after only from their own step (∝ (T − s)²/2): equal at s = T(1 − 1/√2). In a
    binned map s is the nearest bin's first step, so the parts write different cells.
    """
    if threads < 2 or steps < 2:
        return [(0, steps)]
    split = round(steps * (1 - 1 / np.sqrt(2)))
    if edges is not None:
        inner = edges[edges > 0]
        if inner.size == 0:  # one bin: the parts would write the same cells
            return [(0, steps)]
        split = int(inner[np.argmin(np.abs(inner - split))])
    split = min(max(split, 1), steps - 1)
    return [(0, split), (split, steps)]


def _has_plain_lstm_step(model: RecurrentModel) -> bool:
    # The forward-mode step below is the plain LSTM's equations; any other cell
    # (GRU, RNN, projections, per-item weights) goes through its local Jacobians.
    return type(model) is LSTM and model.items is None


def _lstm_tangents(
    model: RecurrentModel, trace: Trace, first: int, last: int, cols: tuple[int, int]
) -> Iterator[tuple[int, np.ndarray]]:
    """Forward mode through the LSTM's own equations, all source steps together.

    Steps ``first … last − 1`` only; ``u`` yielded counts from ``first`` (0 there).
    Only the inputs ``cols = (c0, c1)`` (counted the same way) are followed: the walk
    starts at step c0 and yields ``∂h_u/∂x_t`` for t in ``[c0, min(u + 1, c1))``.

    With T_h = ∂h_{u-1}/∂x and T_c = ∂c_{u-1}/∂x (H × u·D: every input so far),
    differentiating c_u = f⊙c_{u-1} + i⊙g and h_u = o⊙tanh(c_u) gives

        T_c' = K_c T_h + f ⊙ T_c,   K_c = diag(i(1−i)g) W_hi + diag(f(1−f)c_{u-1}) W_hf
                                          + diag(i(1−g²)) W_hg
        T_h' = K_o T_h + (o(1−tanh²c_u)) ⊙ T_c',   K_o = diag(o(1−o)tanh c_u) W_ho

    and x_u's own columns are the same with W_ih's blocks in place of W_hh's and
    zero tangents before. One (2H × H)(H × u·D) product per step, ``[K_c; K_o] T_h``,
    instead of the generic walk's (2H × 2H) one, and no local Jacobians to build.
    """
    h = trace.h.shape[1]
    c0, c1 = cols
    d = model.input_size
    w_hh, w_ih = model.params["weight_hh"], model.params["weight_ih"]  # PyTorch: i, f, g, o
    i, f, g, o = (trace.gates[k][first:last] for k in ("i", "f", "g", "o"))
    c = trace.c
    assert c is not None and trace.c0 is not None
    c_prev = previous(c, trace.c0, first, last)
    tanh_c = np.tanh(c[first:last])
    t_h = np.zeros((h, (c1 - c0) * d), dtype=np.float64)
    t_c = np.zeros_like(t_h)

    def kernels(w: np.ndarray, u: int, out: np.ndarray) -> np.ndarray:
        """``[K_c; K_o]`` (2H × ·) of step u for the weights ``w`` (W_hh or W_ih) into ``out``."""
        wi, wf, wg, wo = (w[k * h : (k + 1) * h] for k in range(4))
        k_c, k_o = out[:h], out[h:]
        np.multiply((i[u] * (1 - i[u]) * g[u])[:, None], wi, out=k_c)
        k_c += (f[u] * (1 - f[u]) * c_prev[u])[:, None] * wf
        k_c += (i[u] * (1 - g[u] ** 2))[:, None] * wg
        np.multiply((o[u] * (1 - o[u]) * tanh_c[u])[:, None], wo, out=k_o)
        return out

    # One (2H × H)(H × u·D) product a step gives K_c T_h and K_o T_h together.
    work = np.empty((2 * h, (c1 - c0) * d))
    k_hh = np.empty((2 * h, h))
    k_ih = np.empty((2 * h, d))
    for u in range(c0, last - first):
        out_scale = o[u] * (1 - tanh_c[u] ** 2)
        old = (min(u, c1) - c0) * d  # the columns of the inputs before x_u
        old_h, old_c, product = t_h[:, :old], t_c[:, :old], work[:, :old]
        np.matmul(kernels(w_hh, u, k_hh), old_h, out=product)
        old_c *= f[u][:, None]
        old_c += product[:h]  # T_c'
        np.multiply(old_c, out_scale[:, None], out=old_h)
        old_h += product[h:]  # T_h'
        if u < c1:
            x_c, x_o = kernels(w_ih, u, k_ih)[:h], k_ih[h:]
            t_c[:, old : old + d] = x_c
            t_h[:, old : old + d] = x_o + out_scale[:, None] * x_c
            old += d
        yield u, t_h[:, :old].reshape(h, old // d, d)


def _tangents_from_jacobians(
    model: RecurrentModel, trace: Trace, first: int, last: int, cols: tuple[int, int]
) -> Iterator[tuple[int, np.ndarray]]:
    """Forward mode over the exact local Jacobians (any cell), a chunk of steps at a time.

    Steps and ``cols`` as for :func:`_lstm_tangents`.
    """
    h = trace.h.shape[1]
    c0, c1 = cols
    steps = last - first
    d = model.input_size
    n = 2 * h if model.has_cell else h
    # Tangents ∂s_u/∂x_t of every input followed so far, one D-column group per t.
    tangents = np.zeros((n, (c1 - c0) * d), dtype=np.float64)
    chunk = max(1, _CHUNK_ELEMENTS // (n * model.blocks * h))
    for start in range(c0, steps, chunk):
        stop = min(steps, start + chunk)
        a, b = local_jacobians(model, trace, first + start, first + stop)
        for k in range(stop - start):
            u = start + k
            old = (min(u, c1) - c0) * d
            live = tangents[:, :old]
            live[...] = a[k] @ live
            if u < c1:
                tangents[:, old : old + d] = b[k]
                old += d
            yield u, tangents[:h, :old].reshape(h, old // d, d)


def local_jacobians(
    model: RecurrentModel, trace: Trace, start: int = 0, stop: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``A_u = ∂s_u/∂s_{u-1}`` and ``B_u = ∂s_u/∂x_u`` for steps u in ``[start, stop)``.

    s is ``[h; c]`` for the LSTM and ``h`` otherwise (N = 2H or H). Every step
    becomes a one-step sequence from its previous state, all of them one batch;
    the model's backward equations with the N unit vectors of ``s_u`` as seeds
    give the rows of both Jacobians at once.

    Returns
    -------
    a
        ``(stop − start, N, N)`` with ``a[k, i, j] = ∂s_u[i]/∂s_{u-1}[j]``.
    b
        ``(stop − start, N, D)`` with ``b[k, i, j] = ∂s_u[i]/∂x_u[j]``.
    """
    if trace.batched:
        raise ValueError("local_jacobians takes an unbatched trace (one sequence)")
    t3 = _internal(trace)
    stop = trace.steps if stop is None else stop
    h = model.hidden_size
    count = stop - start
    # (T, 1, X) per-step arrays become (1, count, X): one step, a batch of count.
    steps_as_batch = {
        k: v[start:stop].reshape(1, count, v.shape[-1])
        for k, v in t3.items()
        if k not in ("h0", "c0")
    }
    steps_as_batch["h0"] = previous(t3["h"], t3["h0"], start, stop)[:, 0]
    if model.has_cell:
        steps_as_batch["c0"] = previous(t3["c"], t3["c0"], start, stop)[:, 0]
    # A seed axis to broadcast against, as in RecurrentModel.state_jacobians.
    expanded = {
        k: v[:, :, None, :] if v.ndim == 3 else v[:, None, :] for k, v in steps_as_batch.items()
    }
    n = 2 * h if model.has_cell else h
    eye = np.eye(h, dtype=model.dtype)
    dh = np.zeros((1, count, n, h), dtype=model.dtype)
    dh[0, :, :h] = eye
    dc = None
    if model.has_cell:
        dc = np.zeros_like(dh)
        dc[0, :, h:] = eye
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        states = model._backward_states(expanded, dh, dc)
        b = model._input_grad(states)[0]
    a = states["h0"]
    if model.has_cell:
        a = np.concatenate([a, states["c0"]], axis=-1)
    return a, b
