"""Optimisers written once each, with ``torch.optim``'s semantics and defaults.

Both are *functional*: :meth:`step` takes the parameters, their gradients and
the optimiser's state and returns new parameters and a new state, modifying
nothing. The state is therefore a value — a snapshot of training is just a
reference to it — which is what lets a run be paused and resumed bit for bit.

Parameters are a flat ``dict`` of arrays (e.g. ``weight_ih`` … ``readout.bias``);
every buffer is kept per key, in the same dtype as the parameter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ...i18n_marks import tr_noop
from .errors import TrainConfigError

__all__ = ["SGD", "Adam", "Optimizer", "OptimizerState", "make_optimizer"]

Arrays = Mapping[str, np.ndarray]


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class OptimizerState:
    """What an optimiser remembers between steps.

    Attributes
    ----------
    step
        Number of updates applied so far (PyTorch's ``state["step"]``).
    buffers
        Buffer name (``"momentum_buffer"``, ``"exp_avg"``, ``"exp_avg_sq"``) →
        parameter key → read-only array. Empty before the first step.
    """

    step: int = 0
    buffers: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)


def _check(name: str, value: float, low: float, high: float = math.inf, *, open_low=False):
    ok = math.isfinite(value) and (value > low if open_low else value >= low) and value < high
    if not ok:
        if high < math.inf:
            template = (
                tr_noop("{name} must be a finite number > {low:g} and < {high:g}, got {value!r}")
                if open_low
                else tr_noop(
                    "{name} must be a finite number ≥ {low:g} and < {high:g}, got {value!r}"
                )
            )
        else:
            template = (
                tr_noop("{name} must be a finite number > {low:g}, got {value!r}")
                if open_low
                else tr_noop("{name} must be a finite number ≥ {low:g}, got {value!r}")
            )
        raise TrainConfigError(template, name=name, low=low, high=high, value=value)
    return float(value)


class SGD:
    """Stochastic gradient descent with momentum, as ``torch.optim.SGD``.

    With gradient ``g_t`` (plus ``λ·θ`` when ``weight_decay`` λ > 0), momentum μ
    and dampening τ::

        b_1 = g_1                          (the first step copies the gradient)
        b_t = μ·b_{t-1} + (1 − τ)·g_t
        d_t = g_t + μ·b_t  if nesterov  else  b_t      (d_t = g_t when μ = 0)
        θ_t = θ_{t-1} − lr·d_t
    """

    name = "sgd"

    def __init__(
        self,
        lr: float = 1e-3,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        self.lr = _check("lr", lr, 0.0, open_low=True)
        self.momentum = _check("momentum", momentum, 0.0, 1.0)
        self.dampening = _check("dampening", dampening, 0.0, 1.0 + 1e-12)
        self.weight_decay = _check("weight_decay", weight_decay, 0.0)
        if nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        self.nesterov = bool(nesterov)

    def init(self, params: Arrays) -> OptimizerState:
        """The state before the first step."""
        return OptimizerState()

    def step(
        self, params: Arrays, grads: Arrays, state: OptimizerState
    ) -> tuple[dict[str, np.ndarray], OptimizerState]:
        """One update; returns new read-only parameters and the new state."""
        lr, mu = self.lr, self.momentum
        new: dict[str, np.ndarray] = {}
        bufs: dict[str, np.ndarray] = {}
        old = state.buffers.get("momentum_buffer", {})
        for key, p in params.items():
            g = grads[key]
            if self.weight_decay:
                g = g + self.weight_decay * p
            if mu:
                if key in old:
                    buf = old[key] * mu + (1.0 - self.dampening) * g
                else:
                    buf = np.array(g, copy=True)  # PyTorch clones, without dampening
                bufs[key] = _frozen(buf)
                g = g + mu * buf if self.nesterov else buf
            new[key] = _frozen(p - lr * g)
        buffers = {"momentum_buffer": bufs} if mu else {}
        return new, OptimizerState(step=state.step + 1, buffers=buffers)


class Adam:
    """Adam (Kingma & Ba 2015), as ``torch.optim.Adam`` (not AMSGrad, not AdamW).

    With gradient ``g_t`` (plus ``λ·θ`` for an L2 ``weight_decay`` λ)::

        m_t = β₁·m_{t-1} + (1 − β₁)·g_t          (computed as m + (1 − β₁)(g − m))
        v_t = β₂·v_{t-1} + (1 − β₂)·g_t²
        θ_t = θ_{t-1} − lr/(1 − β₁ᵗ) · m_t / (√v_t / √(1 − β₂ᵗ) + ε)

    i.e. the bias-corrected ``m̂ / (√v̂ + ε)`` with ε added *after* the
    correction of ``v``, in the same order of operations as PyTorch.
    """

    name = "adam"

    def __init__(
        self,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        self.lr = _check("lr", lr, 0.0, open_low=True)
        self.betas = (_check("beta1", betas[0], 0.0, 1.0), _check("beta2", betas[1], 0.0, 1.0))
        self.eps = _check("eps", eps, 0.0)
        self.weight_decay = _check("weight_decay", weight_decay, 0.0)

    def init(self, params: Arrays) -> OptimizerState:
        """Zero moment estimates for every parameter."""
        zeros = {k: _frozen(np.zeros_like(p)) for k, p in params.items()}
        return OptimizerState(step=0, buffers={"exp_avg": zeros, "exp_avg_sq": dict(zeros)})

    def step(
        self, params: Arrays, grads: Arrays, state: OptimizerState
    ) -> tuple[dict[str, np.ndarray], OptimizerState]:
        """One update; returns new read-only parameters and the new state."""
        b1, b2 = self.betas
        t = state.step + 1
        step_size = self.lr / (1.0 - b1**t)
        bc2_sqrt = math.sqrt(1.0 - b2**t)
        m_old, v_old = state.buffers["exp_avg"], state.buffers["exp_avg_sq"]
        new, m_new, v_new = {}, {}, {}
        for key, p in params.items():
            g = grads[key]
            if self.weight_decay:
                g = g + self.weight_decay * p
            m = m_old[key] + (1.0 - b1) * (g - m_old[key])  # torch's lerp_ (weight < ½)
            v = v_old[key] * b2 + (1.0 - b2) * (g * g)
            denom = np.sqrt(v) / bc2_sqrt + self.eps
            new[key] = _frozen(p + (-step_size) * m / denom)
            m_new[key], v_new[key] = _frozen(m), _frozen(v)
        return new, OptimizerState(step=t, buffers={"exp_avg": m_new, "exp_avg_sq": v_new})


Optimizer = SGD | Adam


def make_optimizer(name: str, lr: float, momentum: float = 0.0) -> Optimizer:
    """``"sgd"`` (with ``momentum``) or ``"adam"`` (PyTorch's betas and ε)."""
    if name == "sgd":
        return SGD(lr=lr, momentum=momentum)
    if name == "adam":
        if momentum:
            raise TrainConfigError(
                tr_noop(
                    "momentum {value:g} applies to SGD only (Adam's is beta1 = 0.9); use "
                    "optimizer 'sgd', or momentum 0"
                ),
                value=momentum,
            )
        return Adam(lr=lr)
    raise TrainConfigError(tr_noop("unknown optimizer {name!r}; use 'sgd' or 'adam'"), name=name)
