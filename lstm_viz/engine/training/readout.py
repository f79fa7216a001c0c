"""A linear read-out of the hidden state and the training losses, with exact gradients.

The read-out is PyTorch's ``nn.Linear(H, O)``: ``ŷ = W h + b`` with ``W (O, H)``.
Each loss returns its value, the gradients of the read-out's parameters, and
``∂L/∂h_t`` for every step — exactly the ``dh`` that the recurrent model's
:meth:`~lstm_viz.engine.cells._base.RecurrentModel.backward` takes — so a training
step is forward → loss → backward with nothing estimated.

Losses are means, like PyTorch's default ``reduction="mean"``, so the numbers
match ``nn.MSELoss()`` and ``nn.CrossEntropyLoss()``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "LOSSES",
    "LossResult",
    "cross_entropy_on_targets",
    "init_readout",
    "mse_every_step",
    "mse_last_step",
]


@dataclass(frozen=True)
class LossResult:
    """A loss, its gradients, and the predictions it was computed from.

    Attributes
    ----------
    loss
        The scalar loss (nan/inf carried, never raised).
    dh
        ``∂L/∂h_t`` for t = 1 … T, same shape as the hidden states ``(T, B, H)``.
    weight, bias
        ``∂L/∂W`` ``(O, H)`` and ``∂L/∂b`` ``(O,)``.
    outputs
        The read-out's output where the loss looks: ``(B, O)`` for the last
        step, ``(T, B, O)`` for every step, ``(N, O)`` logits for the N target
        steps of the cross-entropy.
    """

    loss: float
    dh: np.ndarray
    weight: np.ndarray
    bias: np.ndarray
    outputs: np.ndarray


def init_readout(
    rng: np.random.Generator, hidden_size: int, outputs: int, dtype=np.float64
) -> tuple[np.ndarray, np.ndarray]:
    """``nn.Linear``'s default initialisation: W and b both from U(-1/√H, 1/√H).

    (PyTorch's Kaiming-uniform with ``a = √5`` reduces to this bound for W.)
    """
    k = 1.0 / np.sqrt(hidden_size)
    w = rng.uniform(-k, k, (outputs, hidden_size)).astype(dtype)
    b = rng.uniform(-k, k, outputs).astype(dtype)
    return w, b


def mse_last_step(h: np.ndarray, weight: np.ndarray, bias: np.ndarray, y: np.ndarray) -> LossResult:
    """Regression on the last step: ``L = mean_{b,o} (W h_T + b − y)²``.

    ``∂L/∂ŷ = 2(ŷ − y)/(B·O)``, ``∂L/∂W = (∂L/∂ŷ)ᵀ h_T``, ``∂L/∂b = Σ_b ∂L/∂ŷ``,
    ``∂L/∂h_T = (∂L/∂ŷ) W`` and ``∂L/∂h_t = 0`` for t < T.
    """
    h_last = h[-1]
    with np.errstate(all="ignore"):
        pred = h_last @ weight.T + bias
        err = pred - y
        loss = float(np.mean(err * err))
        d = err * (2.0 / err.size)
        dh = np.zeros_like(h)
        dh[-1] = d @ weight
        return LossResult(loss, dh, d.T @ h_last, d.sum(axis=0), pred)


def mse_every_step(
    h: np.ndarray, weight: np.ndarray, bias: np.ndarray, y: np.ndarray
) -> LossResult:
    """Sequence regression: ``L = mean_{t,b,o} (W h_t + b − y_t)²``; gradients per step."""
    flat = h.reshape(-1, h.shape[-1])
    with np.errstate(all="ignore"):
        pred = flat @ weight.T + bias
        err = pred - y.reshape(pred.shape)
        loss = float(np.mean(err * err))
        d = err * (2.0 / err.size)
        dh = (d @ weight).reshape(h.shape)
        return LossResult(loss, dh, d.T @ flat, d.sum(axis=0), pred.reshape(*h.shape[:-1], -1))


def cross_entropy_on_targets(
    h: np.ndarray, weight: np.ndarray, bias: np.ndarray, y: np.ndarray
) -> LossResult:
    """Classification on the steps that have a target (the copy task's output steps).

    ``y`` is one-hot ``(T, B, O)``; a step whose row is all zero has no target
    and is left out of the loss (its ``∂L/∂h_t`` is 0). Over the N target
    steps, with logits ``z = W h_t + b`` and ``p = softmax(z)``::

        L = −(1/N) Σ log p[target]          ∂L/∂z = (p − y)/N

    The mean over target steps only is ``nn.CrossEntropyLoss`` on those steps.
    """
    mask = y.any(axis=-1)
    hm = h[mask]
    target = y[mask]
    n = max(1, hm.shape[0])
    with np.errstate(all="ignore"):
        z = hm @ weight.T + bias
        shifted = z - z.max(axis=-1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        loss = float(-(log_p * target).sum() / n)
        d = (np.exp(log_p) - target) / n
        dh = np.zeros_like(h)
        dh[mask] = d @ weight
        return LossResult(loss, dh, d.T @ hm, d.sum(axis=0), z)


#: Loss name → function; the names are what the training settings and JSON use.
LOSSES = {
    "mse_last": mse_last_step,
    "mse_all": mse_every_step,
    "cross_entropy": cross_entropy_on_targets,
}
