"""The full Jacobians ``∂s_T/∂s_t`` of every step, a chunk of steps at a time, from the end.

:func:`jacobian_chunks` hands them over as ``(start, stop, J)`` with ``J`` of shape
``(stop − start, B, H, H)`` and ``J[k, b, i, j] = ∂s_T[i]/∂·_{start+k}[j]`` (row i a
seed, a unit vector of s_T). Each chunk lives until the next is made, so the peak
memory is one chunk, never the T·H² numbers of all of them.

:func:`scaled_jacobian_chunks` is what the norms read: the same matrices divided by
an exact power of two per step (``J = G · 2**exponent``), with each matrix's largest
magnitude. A vanishing Jacobian (an RNN's reaches 1e-227 at T = 1000, H = 256) is
kept near 1 (rescaled once its peak is below 2**-64) instead of sinking towards the
subnormal numbers, whose arithmetic is slow and inexact; scaling by 2**k is exact,
so until then every number is bit for bit the unscaled one's, and where they part
the scaled ones are the more accurate. The exponent never goes above 0: an
exploding Jacobian overflows exactly as the plain recursion does (inf and nan,
flagged downstream). The matrices are views of one buffer, reused from chunk to
chunk (no fresh pages per chunk).

Three ways to the same numbers:

- any cell: its own backward equations with the H seeds as an extra axis
  (:func:`_generic_chunk`), each chunk seeded with what reached its last step from
  the chunk after it;
- the plain LSTM: the backward recursion written with one H×H matrix per step,

      ∂s_T/∂h_{t-1} = [∂s_T/∂c_t | ∂s_T/∂h_t] · [M_c,t; M_o,t]        (one GEMM)
      M_c,t = diag(k_i) W_hi + diag(k_f) W_hf + diag(k_g) W_hg,   M_o,t = diag(k_o) W_ho

  with ``k_i = g·i(1−i)``, ``k_f = c_{t-1}·f(1−f)``, ``k_g = i(1−g²)``,
  ``k_o = tanh(c_t)·o(1−o)`` (:func:`_lstm_chunks`). The generic pass multiplies
  ``(∂s_T/∂c_t ⊙ k)`` by each of the four H-row blocks of W_hh, 8H³ flops a step;
  building the two scaled sums first (O(H²)) leaves one (H × 2H)(2H × H) product,
  4H³ — half the work, and one large GEMM instead of an elementwise pass over
  ``(H, 4H)`` followed by a product. Each step's ``[∂s_T/∂c_t | ∂s_T/∂h_t]`` is one
  row of the buffer and the product writes the next step's ∂s_T/∂h straight into
  the row below, so no matrix is copied;
- the plain RNN: ``∂h_T/∂h_{t-1} = (∂h_T/∂h_t ⊙ slope_t) · W_hh``, one H×H product
  and one elementwise pass a step (:func:`_rnn_chunks`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import numpy as np

from ..budget import JACOBIAN_CHUNK_BYTES, jacobian_step_bytes
from ..cells._base import RecurrentModel, _internal, previous
from ..cells.lstm import LSTM
from ..cells.rnn import RNN, ReluRNN
from ..cells.trace import Trace
from ._threads import one_blas_thread

__all__ = ["ScaledChunk", "jacobian_chunks", "scaled_jacobian_chunks"]

#: The fast passes' chunk: steps whose matrices stay in the cache for the norms that
#: read them right after (about 8 MB; at least one step).
FAST_CHUNK_BYTES = 8 * 1024**2
#: A vanishing Jacobian is scaled back once its largest entry is below 2**-BAND, and
#: back down (never above its true size) once above 2**BAND.
BAND = 64
#: The lowest exponent: 2**-FLOOR times a forget-gate product (≤ 1) stays finite, so
#: the other paths' diagonal can be scaled alike.
FLOOR = -960
#: The fast passes look at the scale every this many steps (and at each chunk's
#: end): a check costs two passes over the state, which at small H costs as much as
#: the step's product. Eight steps cannot take a Jacobian from 2**-BAND to the
#: subnormal numbers unless each multiplies it by less than 2**-119, where it is
#: zero for every purpose (and the plain recursion underflows sooner).
RESCALE_EVERY = 8


class ScaledChunk(NamedTuple):
    """One chunk of Jacobians as :func:`scaled_jacobian_chunks` gives it.

    Attributes
    ----------
    start, stop
        The steps ``[start, stop)`` (0-based) it covers.
    mats
        ``(n, B, H, H)``: ``∂s_T/∂s_t ÷ 2**exponent`` (possibly a strided view).
    exponent
        ``(n, B)`` integers ≤ 0.
    peak
        ``(n, B)``: the largest ``|mats|`` of each matrix (inf or nan where it overflowed).
    """

    start: int
    stop: int
    mats: np.ndarray
    exponent: np.ndarray
    peak: np.ndarray


def jacobian_chunks(
    model: RecurrentModel, trace: Trace, of: str, chunk_bytes: int = JACOBIAN_CHUNK_BYTES
) -> Iterator[tuple[int, int, np.ndarray]]:
    """``(start, stop, ∂s_T/∂s_t for t in [start, stop))`` from the last chunk back.

    ``of`` is ``"h"`` or ``"c"`` (the LSTM). A chunk holds at most ``chunk_bytes`` of
    working set (at least one step). Each ``J`` is a fresh array.
    """
    for chunk in scaled_jacobian_chunks(model, trace, of, chunk_bytes):
        yield chunk.start, chunk.stop, np.ldexp(chunk.mats, chunk.exponent[..., None, None])


def scaled_jacobian_chunks(
    model: RecurrentModel, trace: Trace, of: str, chunk_bytes: int = JACOBIAN_CHUNK_BYTES
) -> Iterator[ScaledChunk]:
    """The Jacobians of :func:`jacobian_chunks`, each divided by a power of two (module doc).

    Each chunk's arrays are valid until the next chunk is asked for.
    """
    if of not in ("h", "c") or (of == "c" and not model.has_cell):
        raise ValueError(f"cannot differentiate {of!r} of the {model.kind.upper()}")
    if is_plain_lstm(model):
        yield from _lstm_chunks(model, trace, of, min(chunk_bytes, FAST_CHUNK_BYTES))
    elif is_plain_rnn(model):
        yield from _rnn_chunks(model, trace, min(chunk_bytes, FAST_CHUNK_BYTES))
    else:
        yield from _generic_chunks(model, trace, of, chunk_bytes)


def is_plain_lstm(model: RecurrentModel) -> bool:
    """Whether ``model`` runs exactly the LSTM's equations with one W_hh.

    Projections, per-item weights and any other cell go through their own backward
    equations (the generic pass).
    """
    return type(model) is LSTM and model.items is None


def is_plain_rnn(model: RecurrentModel) -> bool:
    """Whether ``model`` is a tanh or ReLU RNN with one W_hh."""
    return type(model) in (RNN, ReluRNN) and model.items is None


def peaks(mats: np.ndarray) -> np.ndarray:
    """The largest magnitude of each matrix of a ``(..., H, N)`` stack (nan if any is)."""
    with np.errstate(invalid="ignore"):
        return np.maximum(mats.max(axis=(-2, -1)), -mats.min(axis=(-2, -1)))


def _shift(exponent: np.ndarray, peak: np.ndarray) -> np.ndarray | None:
    """The power of two to divide each batch item's state by, or None when none needs it.

    Up (a negative shift) once the peak is below 2**-BAND, to at most :data:`FLOOR`;
    down once above 2**BAND, while the exponent is below 0. Zero, inf and nan stay.
    """
    _, power = np.frexp(peak)  # peak = m · 2**power, m in [0.5, 1); 0 for 0, inf, nan
    up = (peak > 0) & (power < -BAND)
    down = (power > BAND) & (exponent < 0)
    if not (up.any() or down.any()):
        return None
    return np.where(
        up, np.maximum(power, FLOOR - exponent), np.where(down, np.minimum(power, -exponent), 0)
    )


def _generic_chunks(
    model: RecurrentModel, trace: Trace, of: str, chunk_bytes: int
) -> Iterator[ScaledChunk]:
    t3 = _internal(trace)
    steps, b, h = t3["h"].shape
    per_step = jacobian_step_bytes(model.kind, h) * b
    chunk = max(1, min(steps, chunk_bytes // max(1, per_step)))
    # What reaches the last step of the current chunk from the steps after it.
    carry_h = np.zeros((b, h, h), dtype=model.dtype)
    carry_c = np.zeros((b, h, h), dtype=model.dtype) if model.has_cell else None
    seed = carry_c if of == "c" else carry_h
    seed[...] = np.eye(h, dtype=model.dtype)
    exponent = np.zeros(b, dtype=np.int64)
    with one_blas_thread():
        for stop in range(steps, 0, -chunk):
            start = max(0, stop - chunk)
            states = _generic_chunk(model, t3, start, stop, carry_h, carry_c)
            carry_h, carry_c = states["h0"], states.get("c0") if model.has_cell else None
            mats = states[of]
            yield ScaledChunk(
                start, stop, mats, np.broadcast_to(exponent, mats.shape[:2]), peaks(mats)
            )
            del states, mats
            # Rescaled between chunks only: a chunk's steps share their seeds' scale.
            carried = [carry_h] if carry_c is None else [carry_h, carry_c]
            shift = _shift(exponent, np.max([peaks(c) for c in carried], axis=0))
            if shift is not None:
                carried = [np.ldexp(c, -shift[:, None, None]) for c in carried]
                carry_h, carry_c = carried[0], (carried[1] if carry_c is not None else None)
                exponent = exponent + shift


def _generic_chunk(
    model: RecurrentModel,
    t3: dict[str, np.ndarray],
    start: int,
    stop: int,
    carry_h: np.ndarray,
    carry_c: np.ndarray | None,
) -> dict[str, np.ndarray]:
    """The backward states of steps ``[start, stop)`` seeded with the carries."""
    _, b, h = t3["h"].shape
    part = {k: v[start:stop] for k, v in t3.items() if k not in ("h0", "c0")}
    part["h0"] = t3["h"][start - 1] if start > 0 else t3["h0"]
    if model.has_cell:
        part["c0"] = t3["c"][start - 1] if start > 0 else t3["c0"]
    # A seed axis to broadcast against, as in RecurrentModel.state_jacobians.
    expanded = {k: v[:, :, None, :] if v.ndim == 3 else v[:, None, :] for k, v in part.items()}
    # Zero seeds except at the chunk's last step, which gets what reached it from later.
    dh = np.zeros((stop - start, b, h, h), dtype=model.dtype)
    dh[-1] = carry_h
    dc = None
    if carry_c is not None:
        dc = np.zeros_like(dh)
        dc[-1] = carry_c
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        return model._backward_states(expanded, dh, dc)


def _lstm_chunks(
    model: RecurrentModel, trace: Trace, of: str, chunk_bytes: int
) -> Iterator[ScaledChunk]:
    """The plain LSTM's Jacobians by one (H × 2H)(2H × H) product per step (module doc)."""
    dt = model.dtype
    t3 = _internal(trace)
    steps, b, h = t3["h"].shape
    i, f, g, o = (t3[f"gate_{k}"] for k in ("i", "f", "g", "o"))
    c = t3["c"]
    tanh_c = t3["tanh_c"] if "tanh_c" in t3 else np.tanh(c)
    w = model.params["weight_hh"]  # PyTorch's block order: i, f, g, o
    w_i, w_f, w_g, w_o = (w[k * h : (k + 1) * h] for k in range(4))
    chunk = max(1, min(steps, chunk_bytes // max(1, 2 * h * h * dt.itemsize * b)))
    # rows[k, b] = [∂s_T/∂c_t | ∂s_T/∂h_t] of step start + k, seeds on the rows;
    # kernel[b] = [M_c; M_o].
    rows = np.empty((chunk, b, h, 2 * h), dtype=dt)
    part = slice(0, h) if of == "c" else slice(h, 2 * h)
    exponents = np.empty((chunk, b), dtype=np.int64)
    exponent = np.zeros(b, dtype=np.int64)
    g_h_next = np.zeros((b, h, h), dtype=dt)  # ∂s_T/∂h of the next step to do
    carry = np.zeros((b, h, h), dtype=dt)  # ∂s_T/∂c of it through c_{t+1} alone
    (carry if of == "c" else g_h_next)[...] = np.eye(h, dtype=dt)
    kernel = np.empty((b, 2 * h, h), dtype=dt)
    top = kernel[:, :h]
    scaled = np.empty((b, h, h), dtype=dt)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"), one_blas_thread():
        for stop in range(steps, 0, -chunk):
            start = max(0, stop - chunk)
            n = stop - start
            ii, ff, gg, oo, tc = (a[start:stop] for a in (i, f, g, o, tanh_c))
            k_i = gg * ii * (1.0 - ii)
            k_f = previous(c, t3["c0"], start, stop) * ff * (1.0 - ff)
            k_g = ii * (1.0 - gg * gg)
            k_o = tc * oo * (1.0 - oo)
            to_c = oo * (1.0 - tc * tc)  # ∂h_t/∂c_t
            rows[n - 1, :, :, h:] = g_h_next
            for k in range(n - 1, -1, -1):
                row = rows[k]
                g_c, g_h = row[:, :, :h], row[:, :, h:]
                # ∂s_T/∂c_t = ∂s_T/∂h_t ⊙ ∂h_t/∂c_t + what came through c_{t+1}.
                np.multiply(g_h, to_c[k][:, None, :], out=g_c)
                g_c += carry
                shift = None if (start + k) % RESCALE_EVERY else _shift(exponent, peaks(row))
                if shift is not None:
                    np.ldexp(row, -shift[:, None, None], out=row)
                    exponent += shift
                exponents[k] = exponent
                np.multiply(g_c, ff[k][:, None, :], out=carry)
                np.multiply(k_i[k][:, :, None], w_i, out=top)
                np.multiply(k_f[k][:, :, None], w_f, out=scaled)
                top += scaled
                np.multiply(k_g[k][:, :, None], w_g, out=scaled)
                top += scaled
                np.multiply(k_o[k][:, :, None], w_o, out=kernel[:, h:])
                # ∂s_T/∂h_{t-1}, straight into the row of step t − 1.
                np.matmul(row, kernel, out=rows[k - 1, :, :, h:] if k else g_h_next)
            mats = rows[:n, :, :, part]
            yield ScaledChunk(start, stop, mats, exponents[:n], peaks(mats))


def _rnn_chunks(model: RecurrentModel, trace: Trace, chunk_bytes: int) -> Iterator[ScaledChunk]:
    """The plain RNN's ∂h_T/∂h_t by one H × H product per step (module doc)."""
    dt = model.dtype
    t3 = _internal(trace)
    steps, b, h = t3["h"].shape
    slope = model._slope(t3["h"])  # ∂h_t/∂a_t
    w = model.params["weight_hh"]
    chunk = max(1, min(steps, chunk_bytes // max(1, h * h * dt.itemsize * b)))
    mats = np.empty((chunk, b, h, h), dtype=dt)
    exponents = np.empty((chunk, b), dtype=np.int64)
    exponent = np.zeros(b, dtype=np.int64)
    g_next = np.broadcast_to(np.eye(h, dtype=dt), (b, h, h)).copy()
    da = np.empty((b, h, h), dtype=dt)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"), one_blas_thread():
        for stop in range(steps, 0, -chunk):
            start = max(0, stop - chunk)
            n = stop - start
            mats[n - 1] = g_next
            for k in range(n - 1, -1, -1):
                g = mats[k]
                shift = None if (start + k) % RESCALE_EVERY else _shift(exponent, peaks(g))
                if shift is not None:
                    np.ldexp(g, -shift[:, None, None], out=g)
                    exponent += shift
                exponents[k] = exponent
                np.multiply(g, slope[start + k][:, None, :], out=da)
                np.matmul(da, w, out=mats[k - 1] if k else g_next)
            yield ScaledChunk(start, stop, mats[:n], exponents[:n], peaks(mats[:n]))
