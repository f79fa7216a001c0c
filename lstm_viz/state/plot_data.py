"""What the gradient plots draw, prepared without Qt.

The plot panels only read engine results; this module turns those results into
the arrays a panel hands to pyqtgraph (x positions, log-safe values, where to put
"overflow" and "0 (saturated)" markers) and runs the slower engine work the
panels ask for in the background (the scale sweep, connectivity, full Jacobians).
Everything here is a pure function of its arguments, so it is tested without a GUI.

Steps follow the app: step ``t`` runs 1 … T and arrays are indexed ``t − 1``;
"distance" is ``T − t``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..engine.budget import CONNECTIVITY_RESOLUTION as ENGINE_RESOLUTION
from ..engine.gradients.connectivity import connectivity_map
from ..engine.gradients.diagnostics import NormsSoFar
from ..engine.gradients.gate_stats import SaturationStats, saturation
from ..engine.gradients.sweep import DEFAULT_SCALES, ScaleSweep, scale_sweep, sweep_cost
from ..i18n_marks import tr_noop
from .budget import ConnectivityWindow, SweepWindow, connectivity_window, sweep_window
from .results import Results

XAxis = Literal["step", "distance"]

#: Decades between the data and the row of zero / overflow markers on a log axis.
MARKER_GAP = 1.0
#: Marker rows stay within float64's normal range (10**±307).
LOG_LIMIT = 307.0


def x_positions(steps: int, axis: XAxis) -> np.ndarray:
    """x of each array index: ``t`` (1 … T) or the distance ``T − t`` (T − 1 … 0)."""
    t = np.arange(1, steps + 1, dtype=np.float64)
    if axis == "step":
        return t
    if axis == "distance":
        return steps - t
    raise ValueError(f"unknown x axis {axis!r}; use 'step' or 'distance'")


def cursor_x(t_index: int, steps: int, axis: XAxis) -> float:
    """x of the playback cursor at step index ``t_index`` (0-based)."""
    t = min(max(t_index, 0), max(steps - 1, 0)) + 1
    return float(t if axis == "step" else steps - t)


@dataclass(frozen=True)
class LogSplit:
    """One series split by what a log axis can show.

    Attributes
    ----------
    drawable
        ``(N,)`` bool: finite and > 0 (drawn on the curve).
    zero
        ``(N,)`` bool: exactly 0 (log undefined: the gradient underflowed or a
        gate saturated); marked "0 (saturated)".
    overflow
        ``(N,)`` bool: inf or nan; marked "overflow".
    """

    drawable: np.ndarray
    zero: np.ndarray
    overflow: np.ndarray


def split_for_log(values: np.ndarray) -> LogSplit:
    """Classify every entry of ``values`` (negative values count as not drawable)."""
    v = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(v)
    with np.errstate(invalid="ignore"):
        return LogSplit(drawable=finite & (v > 0), zero=finite & (v == 0), overflow=~finite)


def true_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, ends)``: the first and last index of every run of consecutive True
    entries of the 1-D ``mask``, in order (a lone True is a run with start = end)."""
    m = np.asarray(mask, dtype=bool)
    edges = np.diff(np.concatenate(([False], m, [False])).astype(np.int8))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1


def log_edges(series: list[np.ndarray]) -> tuple[float, float]:
    """``(bottom, top)`` in log₁₀ units for the marker rows of several series.

    One :data:`MARKER_GAP` below the smallest and above the largest drawable
    value of any series, so markers never sit on a curve (kept within
    ``±LOG_LIMIT``); ``(-1, 1)`` when nothing is drawable.
    """
    logs = []
    for s in series:
        v = np.asarray(s, dtype=np.float64)
        ok = split_for_log(v).drawable
        if ok.any():
            logs.append(np.log10(v[ok]))
    if not logs:
        return -MARKER_GAP, MARKER_GAP
    allv = np.concatenate(logs)
    bottom = max(float(np.floor(allv.min()) - MARKER_GAP), -LOG_LIMIT)
    top = min(float(np.ceil(allv.max()) + MARKER_GAP), LOG_LIMIT)
    return bottom, top


def format_value(v: float) -> str:
    """A norm as the hover label shows it: ``3.1e-05``, ``0 (saturated)``, ``overflow``
    (the words are marked for translation: pass the result through ``tr``)."""
    if not np.isfinite(v):
        return tr_noop("overflow")
    if v == 0:
        return tr_noop("0 (saturated)")
    return f"{v:.3g}" if 1e-3 <= abs(v) < 1e4 else f"{v:.2e}"


def log10_image(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``log₁₀`` of a non-negative array for a heat map, and its overflow mask.

    Exact zeros become ``-inf`` (the caller's colour scale clips them to its
    bottom); inf and nan become nan, and the returned mask says where.
    """
    v = np.asarray(values, dtype=np.float64)
    bad = ~np.isfinite(v)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log10(np.where(bad, np.nan, v))
    return out, bad


def symmetric_levels(log_values: np.ndarray, cap: float = 30.0, floor: float = 1.0) -> float:
    """Half-width L of a colour scale ``[-L, L]`` centred on log₁₀ 1 = 0 (no change)."""
    finite = log_values[np.isfinite(log_values)]
    if finite.size == 0:
        return floor
    return float(min(max(np.abs(finite).max(), floor), cap))


def state_levels(values: np.ndarray) -> float:
    """Half-width of a diverging scale for a state: 1, or max |c| when the cell exceeds it."""
    v = np.asarray(values)
    if v.size == 0:
        return 1.0
    largest = float(np.max(np.abs(v)))
    if np.isfinite(largest):  # every entry finite: no copy of the finite ones needed
        return max(1.0, largest)
    finite = np.abs(v[np.isfinite(v)])
    return float(max(1.0, finite.max())) if finite.size else 1.0


# -- background work (the worker calls these; none touches Qt) ------------------


@dataclass(frozen=True)
class SweepRequest:
    """What a stability / clipping sweep depends on.

    ``parameters``: whether the sweep computes the parameter gradients' norm (the
    clipping panel's curves; the stability map draws only ‖∂L/∂h_t‖, a third less work).
    """

    kinds: tuple[str, ...]
    hidden_size: int
    seed: int
    init: str
    forget_bias: float | None
    clip: float | None = None
    parameters: bool = True


def sweep_request(
    results: Results,
    kinds: tuple[str, ...],
    init: str | None = None,
    clip: float | None = None,
    parameters: bool = True,
) -> SweepRequest:
    """The sweep for ``results``' settings (``init`` overrides the app's init)."""
    s = results.settings
    return SweepRequest(
        kinds=kinds,
        hidden_size=results.model.hidden_size,
        seed=s.seed,
        init=init or s.init,
        forget_bias=s.forget_bias,
        clip=clip,
        parameters=parameters or clip is not None,
    )


@dataclass(frozen=True)
class Sweeps(Mapping[str, ScaleSweep]):
    """The sweep of each kind (a mapping kind → :class:`ScaleSweep`) and the steps swept.

    Attributes
    ----------
    by_kind
        Kind → its sweep.
    window
        Which steps were swept: all, or those that fit the work budget (its ``note``
        says so; :func:`~lstm_viz.state.budget.sweep_window`).
    """

    by_kind: dict[str, ScaleSweep]
    window: SweepWindow

    def __getitem__(self, kind: str) -> ScaleSweep:
        return self.by_kind[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_kind)

    def __len__(self) -> int:
        return len(self.by_kind)


def run_sweeps(
    x: np.ndarray,
    request: SweepRequest,
    scales: np.ndarray = DEFAULT_SCALES,
    progress: Callable[[float], None] | None = None,
    stop: int | None = None,
) -> Sweeps:
    """``scale_sweep`` for each kind of ``request`` on the sequence ``x`` ``(T, D)``.

    The loss is at step ``stop`` (default T: the whole sequence). When that sweep
    would take more than the work budget (:data:`~lstm_viz.state.budget.SWEEP_WORK`,
    judged from the sizes before anything runs), it covers the steps that fit
    (:func:`~lstm_viz.state.budget.sweep_window`: the first steps, or without the
    parameter gradients the rows nearest the loss), exactly. ``progress`` gets the
    fraction done, by the estimated work of each kind.
    """
    steps, d = x.shape
    s = np.atleast_1d(np.asarray(scales, dtype=np.float64))
    h, kinds = request.hidden_size, request.kinds
    window = sweep_window(kinds, h, d, steps, s.size, request.parameters, stop)
    start, stop = window.start, window.stop
    costs = [sweep_cost(k, h, d, stop, s.size, request.parameters, start) for k in kinds]
    total = sum(costs) or 1.0
    out: dict[str, ScaleSweep] = {}
    done = 0.0
    for kind, cost in zip(kinds, costs, strict=True):
        report = None
        if progress is not None:

            def report(fraction: float, before: float = done, cost: float = cost) -> None:
                progress((before + fraction * cost) / total)

        out[kind] = scale_sweep(
            kind,
            x[:stop],
            h,
            request.seed,
            s,
            init=request.init,  # type: ignore[arg-type]
            forget_bias=request.forget_bias,
            clip=request.clip,
            parameters=request.parameters,
            progress=report,
            start=start,
        )
        done += cost
    return Sweeps(by_kind=out, window=window)


#: The connectivity map's largest side: more steps are binned (one bin per pixel or more).
CONNECTIVITY_RESOLUTION = ENGINE_RESOLUTION


@dataclass(frozen=True)
class ConnectivityMap:
    """The connectivity panel's map, ``log₁₀ ‖∂h_{t'}/∂x_t‖`` at display resolution.

    Attributes
    ----------
    logs
        ``(R, R)`` float32, R = min(steps, :data:`CONNECTIVITY_RESOLUTION`); with more
        steps each cell is the strongest link among the pairs of steps it covers.
        Exact zeros are ``-inf``; overflowed cells are nan and marked in ``bad``.
    bad
        ``(R, R)`` bool: the norm overflowed (inf or nan) in float64.
    steps
        The number of steps the map covers (the window's, when windowed).
    far
        ``‖∂h_last/∂x_first‖`` in float64 over the map's steps (the first input's effect
        on the last output).
    window
        Which steps the map covers (:class:`~lstm_viz.state.budget.ConnectivityWindow`:
        all of them, or a window when the whole map is over the budget; its ``note``
        says so). ``None`` means all.
    """

    logs: np.ndarray
    bad: np.ndarray
    steps: int
    far: float
    window: ConnectivityWindow | None = None

    @property
    def first(self) -> int:
        """The 0-based index of the map's first step."""
        return 0 if self.window is None else self.window.start


def run_connectivity(
    results: Results,
    progress: Callable[[float], None] | None = None,
    view: tuple[int, int] | None = None,
) -> ConnectivityMap:
    """``‖∂h_{t'}/∂x_t‖`` for every pair of steps, binned to the display (rows t', columns t).

    When the whole map would take more than the work or memory budget, it is computed
    for a window of the steps (around ``view``, 0-based ``[start, stop)``: the steps in
    view; :func:`~lstm_viz.state.budget.connectivity_window`), and the map says so.
    ``progress`` gets the fraction done.
    """
    m = results.model
    window = connectivity_window(m.kind, m.hidden_size, m.input_size, results.steps, view)
    norms, far = connectivity_map(
        m, results.trace, CONNECTIVITY_RESOLUTION, progress, (window.start, window.stop)
    )
    logs, bad = log10_image(norms)
    return ConnectivityMap(
        logs=logs.astype(np.float32),
        bad=bad,
        steps=window.stop - window.start,
        far=far,
        window=window,
    )


@dataclass(frozen=True)
class PathCurves:
    """The curves of the paths panel, each ``(T,)`` or ``None`` when the kind is absent.

    ``cell_other`` is ``‖∂c_T/∂c_t − diag(∏ f)‖₂``: every path from c_t to c_T but the
    highway (the derivative is a sum over paths, so this is the total minus the
    highway's part, computed exactly).

    While the job still runs (``complete`` False, a partial result) the highway is
    whole and the other three are the tails computed so far, ``(n,)`` for the last n
    steps (distances n − 1 … 0), each value already final.
    """

    highway: np.ndarray | None
    cell_total: np.ndarray | None
    rnn_jacobian: np.ndarray | None
    cell_other: np.ndarray | None = None
    complete: bool = True

    @property
    def reach(self) -> int:
        """How many steps back every curve reaches (all of them once complete)."""
        tails = [v for v in (self.cell_total, self.rnn_jacobian, self.cell_other) if v is not None]
        whole = [v for v in (self.highway, *tails) if v is not None]
        return min(v.shape[0] for v in (tails or whole)) if whole else 0


#: A job's reporter: the fraction done, and optionally the result so far.
Report = Callable[..., None]


def run_paths(
    lstm: Results | None, rnn: Results | None, report: Report | None = None
) -> PathCurves:
    """The LSTM's highway, total and other-paths ``‖∂c_T/∂c_t‖``, and the RNN's ``‖∂h_T/∂h_t‖``.

    Reads (so computes, on first use) the full Jacobians of the diagnostics, from the
    last step back a chunk at a time, the LSTM's and the RNN's passes in turn so that
    their curves reach equally far. After each chunk ``report(fraction, so_far)`` gets
    the fraction of the products done (a step of the LSTM costs (H × 2H)(2H × H), of
    the RNN H × H · H × H) and the curves so far (``complete`` False).
    """
    highway = None if lstm is None else lstm.diagnostics.highway
    passes: dict[str, tuple[Iterator[NormsSoFar], int, float]] = {}
    if lstm is not None:
        h = lstm.model.hidden_size
        passes["c"] = (lstm.diagnostics.norm_chunks("c"), lstm.steps, 4.0 * h**3)
    if rnn is not None:
        h = rnn.model.hidden_size
        passes["h"] = (rnn.diagnostics.norm_chunks("h"), rnn.steps, 2.0 * h**3)
    latest = {name: (steps, None) for name, (_, steps, _) in passes.items()}
    work = sum(steps * cost for _, steps, cost in passes.values()) or 1.0
    running = dict(passes)
    while running:
        # The pass that reaches least far back goes next: the curves grow together.
        name = max(running, key=lambda n: latest[n][0])
        try:
            latest[name] = next(running[name][0])
        except StopIteration:
            del running[name]
            continue
        if report is not None:
            done = sum((steps - latest[n][0]) * cost for n, (_, steps, cost) in passes.items())
            report(done / work, _paths_so_far(highway, latest))
    final = {n: norms for n, (_, norms) in latest.items()}
    return PathCurves(
        highway=highway,
        cell_total=final["c"][0] if "c" in final else None,
        rnn_jacobian=final["h"][0] if "h" in final else None,
        cell_other=final["c"][1] if "c" in final else None,
    )


def _paths_so_far(
    highway: np.ndarray | None, latest: dict[str, tuple[int, tuple[np.ndarray, ...] | None]]
) -> PathCurves:
    """The curves computed so far, as copies (the passes go on filling their arrays)."""

    def tail(name: str, k: int) -> np.ndarray | None:
        if name not in latest:
            return None
        start, norms = latest[name]
        return np.zeros(0) if norms is None else norms[k][start:].copy()

    return PathCurves(
        highway=highway,
        cell_total=tail("c", 0),
        rnn_jacobian=tail("h", 0),
        cell_other=tail("c", 1),
        complete=False,
    )


@dataclass(frozen=True)
class PathsCaption:
    """The sentence under the paths panel, with the numbers it states.

    Attributes
    ----------
    distance
        The distance ``T − t`` the sentence is about.
    total, highway, other
        The three curves' values there.
    above
        Whether the total is above the highway there: then it is where the total
        exceeds the highway by the largest factor, and ``other ≥ total − highway``.
    """

    distance: int
    total: float
    highway: float
    other: float
    above: bool


def paths_caption(curves: PathCurves) -> PathsCaption | None:
    """Why the LSTM's total is where it is, at the distance that shows it best.

    The total derivative is the highway's part plus the other paths' part, so
    ``total ≤ highway + other`` (triangle inequality): a total above the highway is
    the other paths adding to it. When that happens anywhere, the caption is about the
    distance where the total exceeds the highway by the largest factor; otherwise
    about the farthest step, where the highway and the other paths stand apart most.
    None without an LSTM or where the numbers overflowed.
    """
    total, highway, other = curves.cell_total, curves.highway, curves.cell_other
    if total is None or highway is None or other is None:
        return None
    steps = total.shape[0]
    with np.errstate(all="ignore"):
        ok = np.isfinite(total) & np.isfinite(highway) & np.isfinite(other) & (highway > 0)
        ratio = np.where(ok, total / np.where(ok, highway, 1.0), 0.0)
    if not ok.any():
        return None
    # Above by more than rounding: at t = T both are the identity's norm, 1.
    above = ok & (ratio > 1.0 + 1e-9)
    if above.any():
        index = int(np.argmax(np.where(above, ratio, 0.0)))
    else:
        index = int(np.flatnonzero(ok)[0])  # the farthest step with finite numbers
    return PathsCaption(
        distance=steps - 1 - index,
        total=float(total[index]),
        highway=float(highway[index]),
        other=float(other[index]),
        above=bool(above.any()),
    )


def clip_summary(sweep: ScaleSweep) -> tuple[int, int]:
    """``(fired, total)``: at how many of the sweep's scales clipping fired."""
    fired = 0 if sweep.fired is None else int(sweep.fired.sum())
    return fired, int(sweep.scales.size)


def gate_saturation(results: Results) -> dict[str, SaturationStats]:
    """Per-unit saturation of every gate of ``results`` (fractions < 0.1 and > 0.9)."""
    return saturation(results.trace)
