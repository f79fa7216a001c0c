"""The matrix products the cells' backward passes share, for a shared or per-item W_hh."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def previous(states: np.ndarray, initial: np.ndarray, start: int = 0, stop: int | None = None):
    """``s_{t-1}`` for t in ``[start, stop)``: the states shifted by one, ``initial`` first.

    A view when ``start ≥ 1``; otherwise one copy of just that range.
    """
    stop = states.shape[0] if stop is None else stop
    if start >= 1:
        return states[start - 1 : stop - 1]
    if stop <= 0:
        return states[:0]
    return np.concatenate([np.broadcast_to(initial, states.shape[1:])[None], states[: stop - 1]])


def project(x: np.ndarray, w_t: np.ndarray, rowwise: bool = False) -> np.ndarray:
    """``x_t W`` for every step and batch item, ``(T, B, D) @ (D, ·)``.

    ``rowwise`` multiplies each item's row on its own (one vector-matrix product
    per row) so that its numbers do not depend on how many items share the
    batch: a model with one W_hh per item is B models, and a scale sweep split
    into chunks must give the bits of the whole. Otherwise one product per step
    (the same as before; one large product would start BLAS threads that cost
    more than they save here).
    """
    if rowwise:
        return (x[:, :, None, :] @ w_t)[:, :, 0]
    return x @ w_t


def matmul_for(w: np.ndarray) -> Callable[..., np.ndarray]:
    """The product ``matmul(a, w, out=…)`` to use with ``w``: plain ``np.matmul`` for a
    shared 2-D ``w`` (no Python call in the step loops), :func:`per_item_matmul` for
    a per-item ``(B, ·, ·)`` one."""
    return per_item_matmul if w.ndim == 3 else np.matmul


def per_item_matmul(a: np.ndarray, w: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``a @ w`` into ``out`` where ``w`` is ``(B, ·, ·)``: item b's rows times ``w[b]``.

    ``a`` is ``(B, ·)``, or ``(B, S, ·)`` with S seed columns (the Jacobians).
    """
    if a.ndim == 2:
        return np.matmul(a[:, None, :], w, out=out[:, None, :])
    return np.matmul(a, w, out=out)


def param_grad(d_pre: np.ndarray, inputs: np.ndarray, per_item: bool = False) -> np.ndarray:
    """Σ_t Σ_b d_pre[t,b]ᵀ · inputs[t,b]: a weight gradient as one matrix product.

    ``per_item``: the sum over t only, one ``(G·H, ·)`` gradient per batch item.
    """
    if per_item:
        return d_pre.transpose(1, 2, 0) @ inputs.transpose(1, 0, 2)
    g = d_pre.shape[-1]
    return d_pre.reshape(-1, g).T @ inputs.reshape(-1, inputs.shape[-1])


def bias_grad(d_pre: np.ndarray, per_item: bool = False) -> np.ndarray:
    """Σ_t Σ_b d_pre[t,b] (``per_item``: Σ_t only)."""
    return d_pre.sum(axis=0) if per_item else d_pre.sum(axis=(0, 1))


def recurrent_param_grad(
    d_pre: np.ndarray, h: np.ndarray, h0: np.ndarray, per_item: bool = False
) -> np.ndarray:
    """Σ_t d_pre[t]ᵀ · h_{t-1}, without building the shifted copy of ``h``."""
    grad = d_pre[0][:, :, None] * h0[:, None, :] if per_item else d_pre[0].T @ h0
    if d_pre.shape[0] > 1:
        grad += param_grad(d_pre[1:], h[:-1], per_item)
    return grad
