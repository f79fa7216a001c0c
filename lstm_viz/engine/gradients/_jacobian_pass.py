"""The full Jacobians ``∂s_T/∂s_t`` of every step, a chunk of steps at a time, from the end.

:func:`jacobian_chunks` hands them over as ``(start, stop, J)`` with ``J`` of shape
``(stop − start, B, H, H)`` and ``J[k, b, i, j] = ∂s_T[i]/∂·_{start+k}[j]`` (row i a
seed, a unit vector of s_T). Each chunk lives until the next is made, so the peak
memory is one chunk, never the T·H² numbers of all of them.

Two ways to the same numbers:

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
  ``(H, 4H)`` followed by a product.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..budget import JACOBIAN_CHUNK_BYTES, jacobian_step_bytes
from ..cells._base import RecurrentModel, _internal, previous
from ..cells.lstm import LSTM
from ..cells.trace import Trace
from ._threads import one_blas_thread

__all__ = ["jacobian_chunks"]

# Bytes per step and H² of the LSTM pass's chunk: the Jacobians kept (8) and a
# copy a caller may make of them (8), float64.
_LSTM_STEP_PER_H2 = 16


def jacobian_chunks(
    model: RecurrentModel, trace: Trace, of: str, chunk_bytes: int = JACOBIAN_CHUNK_BYTES
) -> Iterator[tuple[int, int, np.ndarray]]:
    """``(start, stop, ∂s_T/∂s_t for t in [start, stop))`` from the last chunk back.

    ``of`` is ``"h"`` or ``"c"`` (the LSTM). A chunk holds at most ``chunk_bytes`` of
    working set (at least one step).
    """
    if of not in ("h", "c") or (of == "c" and not model.has_cell):
        raise ValueError(f"cannot differentiate {of!r} of the {model.kind.upper()}")
    if is_plain_lstm(model):
        yield from _lstm_chunks(model, trace, of, chunk_bytes)
    else:
        yield from _generic_chunks(model, trace, of, chunk_bytes)


def is_plain_lstm(model: RecurrentModel) -> bool:
    """Whether ``model`` runs exactly the LSTM's equations with one W_hh.

    Projections, per-item weights and any other cell go through their own backward
    equations (the generic pass).
    """
    return type(model) is LSTM and model.items is None


def _generic_chunks(
    model: RecurrentModel, trace: Trace, of: str, chunk_bytes: int
) -> Iterator[tuple[int, int, np.ndarray]]:
    t3 = _internal(trace)
    steps, b, h = t3["h"].shape
    per_step = jacobian_step_bytes(model.kind, h) * b
    chunk = max(1, min(steps, chunk_bytes // max(1, per_step)))
    # What reaches the last step of the current chunk from the steps after it.
    carry_h = np.zeros((b, h, h), dtype=model.dtype)
    carry_c = np.zeros((b, h, h), dtype=model.dtype) if model.has_cell else None
    seed = carry_c if of == "c" else carry_h
    seed[...] = np.eye(h, dtype=model.dtype)
    with one_blas_thread():
        for stop in range(steps, 0, -chunk):
            start = max(0, stop - chunk)
            states = _generic_chunk(model, t3, start, stop, carry_h, carry_c)
            carry_h, carry_c = states["h0"], states.get("c0") if model.has_cell else None
            yield start, stop, states[of]
            del states


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
) -> Iterator[tuple[int, int, np.ndarray]]:
    """The plain LSTM's Jacobians by one (H × 2H)(2H × H) product per step (module doc)."""
    dt = model.dtype
    t3 = _internal(trace)
    steps, b, h = t3["h"].shape
    i, f, g, o = (t3[f"gate_{k}"] for k in ("i", "f", "g", "o"))
    c = t3["c"]
    tanh_c = t3["tanh_c"] if "tanh_c" in t3 else np.tanh(c)
    w = model.params["weight_hh"]  # PyTorch's block order: i, f, g, o
    w_i, w_f, w_g, w_o = (w[k * h : (k + 1) * h] for k in range(4))
    per_step = _LSTM_STEP_PER_H2 * h * h * dt.itemsize * b
    chunk = max(1, min(steps, chunk_bytes // max(1, per_step)))
    # grads[b] = [∂s_T/∂c_t | ∂s_T/∂h_t], seeds on the rows; kernel[b] = [M_c; M_o].
    grads = np.zeros((b, h, 2 * h), dtype=dt)
    g_c, g_h = grads[:, :, :h], grads[:, :, h:]
    carry_c = np.zeros((b, h, h), dtype=dt)  # ∂s_T/∂c_t through c_{t+1} alone
    (carry_c if of == "c" else g_h)[...] = np.eye(h, dtype=dt)
    kernel = np.empty((b, 2 * h, h), dtype=dt)
    top = kernel[:, :h]
    scaled = np.empty((b, h, h), dtype=dt)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"), one_blas_thread():
        for stop in range(steps, 0, -chunk):
            start = max(0, stop - chunk)
            ii, ff, gg, oo, tc = (a[start:stop] for a in (i, f, g, o, tanh_c))
            k_i = gg * ii * (1.0 - ii)
            k_f = previous(c, t3["c0"], start, stop) * ff * (1.0 - ff)
            k_g = ii * (1.0 - gg * gg)
            k_o = tc * oo * (1.0 - oo)
            to_c = oo * (1.0 - tc * tc)  # ∂h_t/∂c_t
            out = np.empty((stop - start, b, h, h), dtype=dt)
            for k in range(stop - start - 1, -1, -1):
                # ∂s_T/∂c_t = ∂s_T/∂h_t ⊙ ∂h_t/∂c_t + what came through c_{t+1}.
                np.multiply(g_h, to_c[k][:, None, :], out=g_c)
                g_c += carry_c
                out[k] = g_c if of == "c" else g_h
                np.multiply(g_c, ff[k][:, None, :], out=carry_c)
                np.multiply(k_i[k][:, :, None], w_i, out=top)
                np.multiply(k_f[k][:, :, None], w_f, out=scaled)
                top += scaled
                np.multiply(k_g[k][:, :, None], w_g, out=scaled)
                top += scaled
                np.multiply(k_o[k][:, :, None], w_o, out=kernel[:, h:])
                np.matmul(grads, kernel, out=scaled)  # ∂s_T/∂h_{t-1}
                g_h[...] = scaled
            yield start, stop, out
            del out
