"""Gradient diagnostics: the numbers behind "vanishing" and "exploding".

Everything here is computed from a model's exact forward trace and its exact
backward equations; nothing is estimated. Results that overflow are carried as
inf/nan and flagged (``finite``), never raised.

Time indices follow the app: step ``t`` runs from 1 to T, and arrays are
indexed ``t - 1``. "Distance" is ``T - t``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import ClassVar

import numpy as np

from ..budget import JACOBIAN_CHUNK_BYTES
from ..cells._base import RecurrentModel, _internal
from ..cells.trace import Grads, Trace
from ._jacobian_pass import ScaledChunk, peaks, scaled_jacobian_chunks
from .clipping import CLIP_EPS, ClipResult, clip_grad_norm
from .norms import frobenius_norms, gram_spectral_norms, spectral_norms, stable_norms
from .pascanu import PascanuCondition, largest_singular_value, pascanu_condition
from .spectral import SpectralNorms

#: Told how many more steps of a full-Jacobian pass are done (after each chunk).
StepsDone = Callable[[int], None]
#: ``(start, norms)`` after each chunk of a full-Jacobian pass: the norms' arrays hold
#: the steps ``start …`` T done so far (nan before them).
NormsSoFar = tuple[int, tuple[np.ndarray, np.ndarray]]

# Defined in their own modules, named here too (where they were first).
__all__ = [
    "CLIP_EPS",
    "ClipResult",
    "Diagnostics",
    "PascanuCondition",
    "cell_path_norm_chunks",
    "cell_path_norms",
    "clip_grad_norm",
    "diagnose",
    "forget_gate_highway",
    "frobenius_norms",
    "gram_spectral_norms",
    "jacobian_norm_chunks",
    "jacobian_norms",
    "largest_singular_value",
    "last_step_loss_gradient",
    "pascanu_condition",
    "spectral_norms",
    "stable_norms",
]


def last_step_loss_gradient(trace: Trace) -> np.ndarray:
    """``∂L/∂h_t`` for the loss ``L = Σ_k h_T[k] / √H``: zero before T.

    A loss on the last step only, whose own gradient at T has norm 1, so the
    per-step norms read directly as "how much of a unit signal at T reaches t".
    """
    dh = np.zeros_like(trace.h)
    dh[-1] = 1.0 / np.sqrt(trace.h.shape[-1])
    return dh


_CELL_PAIR = ("cell_total", "cell_other")


class Diagnostics:
    """The gradient picture of one model on one input, per step t = 1 … T.

    Each quantity is computed the first time it is read and then kept, so a
    view that needs only ``loss_grad`` never pays for full Jacobians.
    Arrays have shape ``(T,)`` (or ``(T, B)`` for a batched trace).

    Attributes
    ----------
    loss_grad
        ``‖∂L/∂h_t‖`` for the last-step loss of :func:`last_step_loss_gradient`.
    loss_grad_c
        ``‖∂L/∂c_t‖`` for the same loss (LSTM only).
    jacobian_spectral, jacobian_frobenius
        ``‖∂h_T/∂h_t‖`` in the spectral and Frobenius norms.
    highway
        LSTM only: the largest entry of ``∂c_T/∂c_t`` along the cell-state path
        alone, ``∏_{s=t+1}^{T} f_s`` (elementwise; 1 at t = T).
    highway_units
        LSTM only: that product per unit, ``(T, [B,] H)``.
    cell_total
        LSTM only: ``‖∂c_T/∂c_t‖₂`` through all paths (a total derivative: moving
        c_t also moves h_t = o_t ⊙ tanh(c_t)).
    cell_other
        LSTM only: ``‖∂c_T/∂c_t − diag(∏ f)‖₂``, every path but the highway
        (:func:`cell_path_norms`).
    pascanu
        The model's :class:`PascanuCondition`.
    finite
        ``False`` if anything above overflowed (computes everything).
    """

    def __init__(self, model: RecurrentModel, trace: Trace) -> None:
        self.model = model
        self.trace = trace
        self.kind = model.kind

    @cached_property
    def grads(self) -> Grads:
        """Every gradient of the last-step loss (what the backward playback shows)."""
        with np.errstate(all="ignore"):
            return self.model.backward(self.trace, last_step_loss_gradient(self.trace))

    @cached_property
    def state_grads(self) -> tuple[np.ndarray, np.ndarray | None]:
        """``∂L/∂h_t`` and (LSTM) ``∂L/∂c_t`` of the last-step loss, ``(T, [B,] H)``.

        The same numbers as ``grads.h`` and ``grads.c`` (the same recursion), without
        the parameter and input gradients, which a settings change does not need: they
        cost as much again at H = 256. Taken from :attr:`grads` once that exists.
        """
        if "grads" in self.__dict__:
            return self.grads.h, self.grads.c
        tr = self.trace
        dh = last_step_loss_gradient(tr)
        with np.errstate(all="ignore"):
            states = self.model._backward_states(
                _internal(tr), np.ascontiguousarray(dh if tr.batched else dh[:, None]), None
            )
        h, c = states["h"], states.get("c") if self.model.has_cell else None
        return (h, c) if tr.batched else (h[:, 0], None if c is None else c[:, 0])

    @cached_property
    def loss_grad(self) -> np.ndarray:
        return stable_norms(self.state_grads[0])

    @cached_property
    def loss_grad_c(self) -> np.ndarray | None:
        c = self.state_grads[1]
        return None if c is None else stable_norms(c)

    @cached_property
    def cell_paths(self) -> tuple[np.ndarray, np.ndarray] | None:
        """LSTM only: ``∂L/∂c_t`` split by the path it arrived along, ``(T, [B,] H)`` each.

        ``c_t`` feeds the loss along two routes: the highway into ``c_{t+1}``
        (``∂L/∂c_{t+1} ⊙ f_{t+1}``, zero at t = T) and its own step's output
        ``h_t = o_t ⊙ tanh(c_t)`` (``∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t))``). The two
        add up to ``grads.c`` exactly (the loss has no term on c itself).
        """
        if self.kind != "lstm" or self.trace.c is None:
            return None
        (g_h, g_c), tr = self.state_grads, self.trace
        assert g_c is not None
        f, o = tr.gates["f"], tr.gates["o"]
        with np.errstate(all="ignore"):
            highway = np.zeros_like(g_c)
            highway[:-1] = g_c[1:] * f[1:]
            through_h = g_h * o * (1.0 - np.tanh(tr.c) ** 2)
        return highway, through_h

    @cached_property
    def _jacobian_h_norms(self) -> tuple[np.ndarray, np.ndarray]:
        return jacobian_norms(self.model, self.trace, of="h")

    @cached_property
    def jacobian_spectral(self) -> np.ndarray:
        return self._jacobian_h_norms[0]

    @cached_property
    def jacobian_frobenius(self) -> np.ndarray:
        return self._jacobian_h_norms[1]

    @cached_property
    def highway_units(self) -> np.ndarray | None:
        return forget_gate_highway(self.trace) if self.kind == "lstm" else None

    @cached_property
    def highway(self) -> np.ndarray | None:
        units = self.highway_units
        return None if units is None else np.abs(units).max(axis=-1)

    @cached_property
    def _cell_path_norms(self) -> tuple[np.ndarray, np.ndarray] | None:
        return cell_path_norms(self.model, self.trace) if self.kind == "lstm" else None

    @cached_property
    def cell_total(self) -> np.ndarray | None:
        norms = self._cell_path_norms
        return None if norms is None else norms[0]

    @cached_property
    def cell_other(self) -> np.ndarray | None:
        norms = self._cell_path_norms
        return None if norms is None else norms[1]

    @cached_property
    def pascanu(self) -> PascanuCondition:
        return pascanu_condition(self.model)

    @property
    def jacobian_steps(self) -> int:
        """The steps :meth:`compute_jacobians` walks: T per full-Jacobian pass (h, and c
        for the LSTM), each costing about the same."""
        return self.trace.steps * (2 if self.kind == "lstm" else 1)

    def compute_jacobians(self, progress: StepsDone | None = None) -> None:
        """Compute the full-Jacobian norms now, the slow part, telling ``progress`` how many
        more steps are done after each chunk (:attr:`jacobian_steps` in all).

        Reading ``jacobian_spectral``, ``cell_total`` … afterwards finds them computed.
        """
        for of in ("h", "c") if self.kind == "lstm" else ("h",):
            done = self.trace.steps
            for start, _ in self.norm_chunks(of):
                if progress is not None:
                    progress(done - start)
                done = start

    _CACHES: ClassVar[dict[str, str]] = {"h": "_jacobian_h_norms", "c": "_cell_path_norms"}

    def norm_chunks(self, of: str) -> Iterator[NormsSoFar]:
        """The full-Jacobian norms of ``of`` a chunk at a time, from the last step back.

        ``"h"``: (:attr:`jacobian_spectral`, :attr:`jacobian_frobenius`); ``"c"`` (the
        LSTM): (:attr:`cell_total`, :attr:`cell_other`). Yields ``(start, norms)`` after
        each chunk: the same two arrays each time, filled in place for steps ``start``
        … T (copy what is kept; nan before ``start``), so the nearest distances come
        first. Once the last chunk is done they are this object's. Already computed
        (or for a subclass, which computes them its own way): one ``(0, norms)``.
        """
        if of not in self._CACHES or (of == "c" and self.kind != "lstm"):
            raise ValueError(f"no full-Jacobian norms of {of!r} for the {self.kind.upper()}")
        name = self._CACHES[of]
        if name in self.__dict__ or type(self) is not Diagnostics:
            pair = ("jacobian_spectral", "jacobian_frobenius") if of == "h" else _CELL_PAIR
            yield 0, (getattr(self, pair[0]), getattr(self, pair[1]))
            return
        passes = (
            jacobian_norm_chunks(self.model, self.trace, of="h")
            if of == "h"
            else cell_path_norm_chunks(self.model, self.trace)
        )
        norms: tuple[np.ndarray, np.ndarray] | None = None
        for start, norms in passes:
            yield start, norms
        assert norms is not None
        self.__dict__[name] = norms

    @property
    def finite(self) -> bool:
        values = (
            self.loss_grad, self.loss_grad_c, self.jacobian_spectral, self.jacobian_frobenius,
            self.highway, self.cell_total, self.cell_other,
        )  # fmt: skip
        return self.trace.finite and all(v is None or bool(np.isfinite(v).all()) for v in values)


def jacobian_norms(
    model: RecurrentModel,
    trace: Trace,
    of: str = "h",
    chunk_bytes: int = JACOBIAN_CHUNK_BYTES,
    progress: StepsDone | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Spectral and Frobenius norms of ``∂s_T/∂s_t`` for every t (s = ``of``: h or c).

    The same numbers as the norms of ``model.state_jacobians(trace, of)[of]``, but the
    ``(T, [B,] H, H)`` Jacobians never exist at once: the backward equations run over
    the sequence a chunk of steps at a time, from the end, each chunk seeded with the
    gradients that reached its last step from the chunk after it (what the backward
    loop would carry there), so the peak memory is one chunk (``chunk_bytes``, at
    least one step) instead of T·H² numbers. The spectral norms come from
    :class:`~lstm_viz.engine.gradients.spectral.SpectralNorms` (warm-started Lanczos
    iterations at H ≥ 8, within 1e-13 relative of the SVD's). ``progress`` is told
    the steps done after each chunk.

    Returns
    -------
    spectral, frobenius
        ``(T,)`` or ``(T, B)``; overflowed entries are inf or nan, never raised.
    """
    return _run(trace.steps, jacobian_norm_chunks(model, trace, of, chunk_bytes), progress)


def jacobian_norm_chunks(
    model: RecurrentModel, trace: Trace, of: str = "h", chunk_bytes: int = JACOBIAN_CHUNK_BYTES
) -> Iterator[NormsSoFar]:
    """:func:`jacobian_norms` a chunk at a time: ``(start, (spectral, frobenius))`` after
    each, the arrays filled for steps ``start`` … T (the same arrays every time)."""
    steps, b = trace.h.shape[0], (trace.h.shape[1] if trace.batched else 1)
    spectral = np.full((steps, b), np.nan)
    frobenius = np.full((steps, b), np.nan)
    norms = SpectralNorms(b, model.hidden_size)
    shown = (spectral, frobenius) if trace.batched else (spectral[:, 0], frobenius[:, 0])
    for chunk in scaled_jacobian_chunks(model, trace, of, chunk_bytes):
        span = slice(chunk.start, chunk.stop)
        spectral[span] = _unscaled(norms(chunk.mats, chunk.peak), chunk)
        frobenius[span] = _unscaled(frobenius_norms(chunk.mats), chunk)
        yield chunk.start, shown


def _run(
    steps: int, chunks: Iterator[NormsSoFar], progress: StepsDone | None
) -> tuple[np.ndarray, np.ndarray]:
    """Every chunk of a pass, telling ``progress`` the steps of each; the finished norms."""
    done, last = steps, None
    for last in chunks:
        if progress is not None:
            progress(done - last[0])
        done = last[0]
    assert last is not None
    return last[1]


def _unscaled(norms: np.ndarray, chunk: ScaledChunk) -> np.ndarray:
    """The norms of a scaled chunk's matrices as norms of the Jacobians themselves."""
    return np.ldexp(norms, chunk.exponent)


def cell_path_norms(
    model: RecurrentModel,
    trace: Trace,
    chunk_bytes: int = JACOBIAN_CHUNK_BYTES,
    progress: StepsDone | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """LSTM: ``‖∂c_T/∂c_t‖₂`` through all paths, and through all but the highway.

    The highway's part of ``∂c_T/∂c_t`` is the diagonal matrix ``diag(f_T ⊙ … ⊙
    f_{t+1})`` (:func:`forget_gate_highway`); the other paths together are the rest,
    ``∂c_T/∂c_t − diag(∏ f)``, exactly (the derivative is a sum over paths). By the
    triangle inequality ``total ≤ highway + other`` at every step, so a total above
    the highway is never larger than the other paths' norm. ``progress`` is told the
    steps done after each chunk.

    Returns
    -------
    total, other
        ``(T,)`` or ``(T, B)`` spectral norms; overflowed entries are inf or nan.
    """
    return _run(trace.steps, cell_path_norm_chunks(model, trace, chunk_bytes), progress)


def cell_path_norm_chunks(
    model: RecurrentModel, trace: Trace, chunk_bytes: int = JACOBIAN_CHUNK_BYTES
) -> Iterator[NormsSoFar]:
    """:func:`cell_path_norms` a chunk at a time: ``(start, (total, other))`` after each,
    the arrays filled for steps ``start`` … T (the same arrays every time)."""
    if trace.kind != "lstm":
        raise ValueError("the cell-state paths exist only in the LSTM")
    highway = forget_gate_highway(trace).reshape(trace.steps, -1, model.hidden_size)
    steps, b = highway.shape[:2]
    total = np.full((steps, b), np.nan)
    other = np.full((steps, b), np.nan)
    total_norms, other_norms = (SpectralNorms(b, model.hidden_size) for _ in range(2))
    shown = (total, other) if trace.batched else (total[:, 0], other[:, 0])
    for chunk in _cell_jacobian_chunks(model, trace, chunk_bytes):
        span = slice(chunk.start, chunk.stop)
        total[span] = _unscaled(total_norms(chunk.mats, chunk.peak), chunk)
        # The highway's diagonal at the chunk's scale (exact: a power of two), taken
        # off inside the iterations rather than from a copy of the matrices.
        with np.errstate(over="ignore"):
            diag = np.ldexp(highway[span], -chunk.exponent[..., None])
        other[span] = _unscaled(other_norms(chunk.mats, chunk.peak, diag), chunk)
        yield chunk.start, shown


def _cell_jacobian_chunks(
    model: RecurrentModel, trace: Trace, chunk_bytes: int
) -> Iterator[ScaledChunk]:
    """``∂c_T/∂c_t`` as :func:`scaled_jacobian_chunks` gives it, ``(n, B, H, H)`` per chunk.

    A projected LSTM's h (P units) is not its c (H units), which the chunked passes
    assume: its whole Jacobians come from its own ``state_jacobians``, in one chunk.
    """
    if trace.h.shape[-1] == model.hidden_size:
        yield from scaled_jacobian_chunks(model, trace, "c", chunk_bytes)
        return
    with np.errstate(all="ignore"):
        whole = model.state_jacobians(trace, of="c")["c"]
    whole = whole if trace.batched else whole[:, None]
    exponent = np.zeros(whole.shape[:2], dtype=np.int64)
    yield ScaledChunk(0, trace.steps, whole, exponent, peaks(whole))


def forget_gate_highway(trace: Trace) -> np.ndarray:
    """``∂c_T/∂c_t`` along the path c_t → c_{t+1} → … → c_T only.

    On that path each step multiplies by ``f_{s}`` elementwise, so the
    derivative is the product of the forget gates after t:
    ``f_T ⊙ f_{T-1} ⊙ … ⊙ f_{t+1}`` (and 1 at t = T). Shape ``(T, [B,] H)``.
    """
    if trace.kind != "lstm":
        raise ValueError("the cell-state highway exists only in the LSTM")
    f = trace.gates["f"]
    out = np.ones_like(f)
    # Reverse cumulative product of f_{t+1} … f_T.
    with np.errstate(under="ignore"):
        out[:-1] = np.cumprod(f[:0:-1], axis=0)[::-1]
    return out


def diagnose(model: RecurrentModel, trace: Trace) -> Diagnostics:
    """The gradient diagnostics of ``model`` on ``trace`` (each computed when first read)."""
    return Diagnostics(model, trace)
