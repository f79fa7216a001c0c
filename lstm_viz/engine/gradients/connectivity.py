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
T(T+1)/2 spectral norms of H×D matrices.
"""

from __future__ import annotations

import numpy as np

from ..cells._base import RecurrentModel, _internal, previous
from ..cells.trace import Trace
from ._threads import one_blas_thread
from .diagnostics import stable_norms

# Local Jacobians are built for a chunk of steps at a time, ~32 MB of float64.
_CHUNK_ELEMENTS = 1 << 22


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
    if trace.batched:
        raise ValueError("connectivity takes an unbatched trace (one sequence)")
    if trace.kind != model.kind:
        raise ValueError(f"a {trace.kind.upper()} trace given to a {model.kind.upper()}")
    steps, h = trace.h.shape
    d = model.input_size
    n = 2 * h if model.has_cell else h
    out = np.zeros((steps, steps), dtype=np.float64)
    # Tangents ∂s_u/∂x_t of every input so far, one D-column group per t.
    tangents = np.zeros((n, steps * d), dtype=np.float64)
    chunk = max(1, _CHUNK_ELEMENTS // (n * model.blocks * h))
    with np.errstate(all="ignore"), one_blas_thread():
        for start in range(0, steps, chunk):
            stop = min(steps, start + chunk)
            a, b = local_jacobians(model, trace, start, stop)
            for k in range(stop - start):
                u = start + k
                live = tangents[:, : u * d]
                live[...] = a[k] @ live
                tangents[:, u * d : (u + 1) * d] = b[k]
                seen = tangents[:h, : (u + 1) * d].reshape(h, u + 1, d)  # ∂h_u/∂x_t, t ≤ u
                out[u, : u + 1] = _spectral_columns(seen)
    return out


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


def _spectral_columns(mats: np.ndarray) -> np.ndarray:
    """Largest singular value of each ``mats[:, k, :]`` (H×D) in an ``(H, N, D)`` stack.

    From the largest eigenvalue of the smaller Gram matrix, after dividing each
    matrix by its largest entry so that no square overflows or underflows (the
    norms of a vanishing gradient reach 1e-200 and are still drawn). A matrix
    with an inf (and no nan) gets inf; one with a nan gets nan.
    """
    if mats.shape[-1] == 1:
        return stable_norms(mats[..., 0], axis=0)
    scale = np.abs(mats).max(axis=0).max(axis=-1)  # the long axis first: much faster
    ok = np.isfinite(scale) & (scale > 0)
    out = np.where(ok, 0.0, scale)  # 0 for a zero matrix; max() carries inf and nan
    if ok.any():
        m = mats[:, ok] / scale[ok][None, :, None]
        rows, cols = m.transpose(1, 0, 2), m.transpose(1, 2, 0)  # (N, H, D), (N, D, H)
        gram = cols @ rows if m.shape[-1] <= m.shape[0] else rows @ cols
        out[ok] = np.sqrt(np.maximum(np.linalg.eigvalsh(gram)[:, -1], 0.0)) * scale[ok]
    return out
