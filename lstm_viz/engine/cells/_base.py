"""What the three recurrent models share: parameters, shapes, validation.

Each model writes only its equations (``_forward``/``_backward``) on the
internal layout ``(T, B, ·)``; this class turns the caller's ``(T, D)`` or
``(T, B, D)`` into it and back, and builds the Trace and Grads.

A model's ``weight_hh`` is ``(G·H, H)``, shared by every batch item, or a
stack ``(B, G·H, H)``: one recurrent matrix per batch item (the scale sweep
runs every scale of W_hh as one batch this way). Every product with W_hh goes
through :func:`rows_times`, which handles both.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from ._products import bias_grad, param_grad, recurrent_param_grad
from ._products import previous as previous  # gradients.connectivity imports it from here
from .init import PARAM_KEYS, InitScheme, init_params
from .trace import Grads, Trace

MAX_SIZE = 4096


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


class RecurrentModel:
    """A single-layer recurrent model with PyTorch's parameter layout.

    Subclasses set ``kind``, ``blocks`` (G, the number of H-row blocks in each
    weight matrix) and ``gate_names``, and implement the equations.
    Instances are immutable: change a parameter with :meth:`with_params`.
    """

    kind: ClassVar[str]
    blocks: ClassVar[int]
    gate_names: ClassVar[tuple[str, ...]]
    has_cell: ClassVar[bool] = False
    # Which block's bias the "forget bias" knob sets (None: the model has no such gate).
    keep_gate: ClassVar[int | None] = None
    #: The PyTorch parameters :meth:`from_params` takes, and the name its messages use.
    param_keys: ClassVar[tuple[str, ...]] = PARAM_KEYS

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        seed: int = 0,
        dtype: Any = np.float64,
        init: InitScheme = "uniform",
        recurrent_scale: float | None = None,
        forget_bias: float | None = None,
    ) -> None:
        for name, v in (("input_size", input_size), ("hidden_size", hidden_size)):
            if not isinstance(v, int | np.integer) or not 1 <= v <= MAX_SIZE:
                raise ValueError(f"{name} must be an integer from 1 to {MAX_SIZE}, got {v!r}")
        self._set(
            init_params(
                self.blocks,
                int(input_size),
                int(hidden_size),
                seed=seed,
                scheme=init,
                recurrent_scale=recurrent_scale,
                keep_gate=self.keep_gate,
                keep_bias=forget_bias,
                dtype=np.dtype(dtype),
            ),
            np.dtype(dtype),
        )

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_params(cls, params: dict[str, np.ndarray], dtype: Any = None) -> RecurrentModel:
        """A model with the given parameters (PyTorch names, without ``_l0``)."""
        missing = [k for k in cls.param_keys if k not in params]
        if missing:
            raise ValueError(f"{cls._title()} parameters are missing {', '.join(missing)}")
        dt = np.dtype(dtype) if dtype is not None else np.asarray(params["weight_hh"]).dtype
        if dt not in (np.float32, np.float64):
            dt = np.dtype(np.float64)
        model = cls.__new__(cls)
        model._set({k: np.asarray(params[k], dtype=dt) for k in cls.param_keys}, dt)
        return model

    @classmethod
    def _title(cls) -> str:
        return cls.kind.upper()

    def with_params(self, **changes: np.ndarray) -> RecurrentModel:
        """A copy with some parameters replaced."""
        return type(self).from_params({**self.params, **changes}, self.dtype)

    def astype(self, dtype: Any) -> RecurrentModel:
        return type(self).from_params(self.params, dtype)

    def _set(self, params: dict[str, np.ndarray], dtype: np.dtype) -> None:
        w_hh = params["weight_hh"]
        if w_hh.ndim not in (2, 3) or w_hh.shape[-2] != self.blocks * w_hh.shape[-1]:
            raise ValueError(
                f"weight_hh must have shape ({self.blocks}·H, H), or (B, {self.blocks}·H, H) "
                f"for one per batch item, for the {self.kind.upper()}, got {w_hh.shape}"
            )
        if w_hh.ndim == 3 and w_hh.shape[0] < 1:
            raise ValueError(f"a per-item weight_hh needs at least one item, got {w_hh.shape}")
        h = w_hh.shape[-1]
        w_ih = params["weight_ih"]
        expected = {
            "weight_ih": (self.blocks * h, w_ih.shape[-1] if w_ih.ndim == 2 else -1),
            "bias_ih": (self.blocks * h,),
            "bias_hh": (self.blocks * h,),
        }
        for key, shape in expected.items():
            if params[key].shape != shape:
                raise ValueError(
                    f"{key} has shape {params[key].shape} but weight_hh {w_hh.shape} implies "
                    f"{shape}"
                )
        self.input_size = int(w_ih.shape[1])
        self.hidden_size = int(h)
        self.dtype = dtype
        self.params: dict[str, np.ndarray] = {k: _readonly(params[k]) for k in PARAM_KEYS}

    # -- facts ----------------------------------------------------------------

    @property
    def n_params(self) -> int:
        """Number of parameters: G·H·(D + H) weights and 2·G·H biases, as in PyTorch.

        A per-item ``weight_hh`` counts once per item.
        """
        return sum(int(p.size) for p in self.params.values())

    @property
    def items(self) -> int | None:
        """B when ``weight_hh`` is ``(B, G·H, H)`` (one per batch item), else ``None``.

        Such a model is B models that share W_ih and the biases: it runs a
        batched input of exactly B items, item b with ``weight_hh[b]``, and its
        parameter gradients are per item too (a leading B axis on every key).
        """
        w = self.params["weight_hh"]
        return int(w.shape[0]) if w.ndim == 3 else None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(input_size={self.input_size}, "
            f"hidden_size={self.hidden_size}, dtype={self.dtype.name})"
        )

    # -- forward --------------------------------------------------------------

    def forward(self, x: Any, h0: Any = None, c0: Any = None) -> Trace:
        """Run the model over a sequence and keep every intermediate value.

        Parameters
        ----------
        x
            ``(T, D)`` or batched ``(T, B, D)``.
        h0, c0
            Initial states, ``([B,] H)``; zeros when omitted. ``c0`` is for the LSTM.
        """
        x3, batched = self._as_steps(x)
        _, b, _ = x3.shape
        if self.items is not None and (not batched or b != self.items):
            raise ValueError(
                f"this model has one weight_hh per batch item: the input must have shape "
                f"(T, {self.items}, D), got {np.shape(x)}"
            )
        h0_3 = self._initial(h0, b, batched, "h0")
        c0_3 = self._initial(c0, b, batched, "c0") if self.has_cell else None
        if c0 is not None and not self.has_cell:
            raise ValueError(f"the {self.kind.upper()} has no cell state; c0 must be None")
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            out = self._forward(x3, h0_3, c0_3)

        def user(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None or batched else a[:, 0]

        return Trace(
            kind=self.kind,
            x=x3 if batched else x3[:, 0],
            h0=h0_3 if batched else h0_3[0],
            c0=None if c0_3 is None else (c0_3 if batched else c0_3[0]),
            h=out["h"] if batched else user(out["h"]),
            c=out.get("c") if batched else user(out.get("c")),
            gates={k: v if batched else v[:, 0] for k, v in out["gates"].items()},
            pre={k: v if batched else v[:, 0] for k, v in out["pre"].items()},
            batched=batched,
            _cache=out.get("cache", {}),
        )

    def _as_steps(self, x: Any) -> tuple[np.ndarray, bool]:
        a = np.asarray(x)
        if a.dtype.kind not in "biuf":
            raise ValueError(f"the input must be numeric, got dtype {a.dtype}")
        if a.ndim not in (2, 3):
            raise ValueError(f"the input must have shape (T, D) or (T, B, D), got {a.shape}")
        if a.shape[-1] != self.input_size:
            raise ValueError(
                f"the input has {a.shape[-1]} features per step but the model expects "
                f"input_size={self.input_size}"
            )
        if a.shape[0] < 1 or (a.ndim == 3 and a.shape[1] < 1):
            raise ValueError(f"the input has no steps: shape {a.shape}")
        batched = a.ndim == 3
        a3 = a if batched else a[:, None, :]
        with np.errstate(over="ignore"):  # float32 overflow is carried as inf, then flagged
            return np.ascontiguousarray(a3, dtype=self.dtype), batched

    def _initial(self, s: Any, b: int, batched: bool, name: str) -> np.ndarray:
        if s is None:
            return np.zeros((b, self.hidden_size), dtype=self.dtype)
        a = np.asarray(s, dtype=self.dtype)
        want = (b, self.hidden_size) if batched else (self.hidden_size,)
        if a.shape != want:
            raise ValueError(f"{name} must have shape {want}, got {a.shape}")
        return np.array(a if batched else a[None], copy=True)

    # -- backward -------------------------------------------------------------

    def backward(self, trace: Trace, dh: Any, dc: Any = None) -> Grads:
        """Exact backpropagation through time.

        Parameters
        ----------
        trace
            The forward pass to differentiate, from this model.
        dh
            The loss's own ``∂L/∂h_t`` at each step, same shape as ``trace.h``.
        dc
            Optionally the loss's own ``∂L/∂c_t`` (LSTM only).
        """
        if trace.kind != self.kind:
            raise ValueError(f"a {trace.kind.upper()} trace given to a {self.kind.upper()}")
        dh3 = self._as_like_h(dh, trace, "dh")
        dc3 = None
        if dc is not None:
            if not self.has_cell:
                raise ValueError(f"the {self.kind.upper()} has no cell state; dc must be None")
            dc3 = self._as_like_h(dc, trace, "dc")
        t3 = _internal(trace)
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            states = self._backward_states(t3, dh3, dc3, accumulate=True)
            params = self._param_grads(t3, states)
            dx = self._input_grad(states)
        b = trace.batched

        def user(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None or b else a[:, 0]

        return Grads(
            h=states["h"] if b else user(states["h"]),
            c=states.get("c") if b else user(states.get("c")),
            x=dx if b else dx[:, 0],
            h0=states["h0"] if b else states["h0"][0],
            c0=(states["c0"] if b else states["c0"][0]) if self.has_cell else None,
            params=params,
        )

    def _as_like_h(self, a: Any, trace: Trace, name: str) -> np.ndarray:
        arr = np.asarray(a, dtype=self.dtype)
        if arr.shape != trace.h.shape:
            raise ValueError(
                f"{name} must have the shape of trace.h {trace.h.shape}, got {arr.shape}"
            )
        return np.ascontiguousarray(arr if trace.batched else arr[:, None, :])

    # -- Jacobians ------------------------------------------------------------

    def state_jacobians(self, trace: Trace, of: str = "h") -> dict[str, np.ndarray]:
        """``∂s_T/∂h_t`` (and ``∂s_T/∂c_t`` for the LSTM) for every t, s = ``of``.

        Backpropagates the H unit vectors of ``s_T`` at once, as H extra
        "seed" columns, through the same backward equations as :meth:`backward`.

        Returns
        -------
        dict
            ``"h"``: ``(T, [B,] H, H)`` where entry ``[t, k, j] = ∂s_T[k]/∂h_t[j]``
            (t = 1 … T, so the last is the identity for ``of="h"``), and ``"h0"``
            ``([B,] H, H)``; for the LSTM also ``"c"`` and ``"c0"``.
        """
        if of not in ("h", "c") or (of == "c" and not self.has_cell):
            raise ValueError(f"cannot differentiate {of!r} of the {self.kind.upper()}")
        t3 = _internal(trace)
        steps, b, h = t3["h"].shape
        eye = np.broadcast_to(np.eye(h, dtype=self.dtype), (b, h, h))
        seeds = np.zeros((steps, b, h, h), dtype=self.dtype)
        dc = None
        if of == "h":
            seeds[-1] = eye
        else:
            dc = np.zeros_like(seeds)
            dc[-1] = eye
        # Every per-step array gets a seed axis to broadcast against: (T, B, 1, ·).
        expanded = {k: v[:, :, None, :] if v.ndim == 3 else v[:, None, :] for k, v in t3.items()}
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            states = self._backward_states(expanded, seeds, dc)
        keep = ("h", "h0", "c", "c0") if self.has_cell else ("h", "h0")
        out = {k: states[k] for k in keep}
        if not trace.batched:
            out = {k: v[:, 0] if k in ("h", "c") else v[0] for k, v in out.items()}
        return out

    # -- what subclasses write -----------------------------------------------

    def _forward(
        self, x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None
    ) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _backward_states(
        self,
        t3: dict[str, np.ndarray],
        dh: np.ndarray,
        dc: np.ndarray | None,
        accumulate: bool = False,
    ) -> dict[str, np.ndarray]:  # pragma: no cover - abstract
        """Total state gradients, chaining the equations backwards.

        ``accumulate`` asks for the parameter and input gradients to be summed
        along the way (a model may ignore it and return ``dpre_x`` instead).
        """
        raise NotImplementedError

    def _param_grads(
        self, t3: dict[str, np.ndarray], states: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _input_grad(self, states: dict[str, np.ndarray]) -> np.ndarray:
        # ∂L/∂x_t = Σ_gates ∂L/∂pre_t · W_ih, one matrix product for all steps.
        return states["dpre_x"] @ self.params["weight_ih"]

    def _grads(
        self, d_in: np.ndarray, d_rec: np.ndarray, t3: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        """PyTorch's four parameter gradients from ``∂L/∂(W_ih x_t + b_ih)`` and
        ``∂L/∂(W_hh h_{t-1} + b_hh)``, both ``(T, B, G·H)``; per item when
        ``weight_hh`` is."""
        per_item = self.items is not None
        b_ih = bias_grad(d_in, per_item)
        return {
            "weight_ih": param_grad(d_in, t3["x"], per_item),
            "weight_hh": recurrent_param_grad(d_rec, t3["h"], t3["h0"], per_item),
            "bias_ih": b_ih,
            "bias_hh": b_ih.copy() if d_rec is d_in else bias_grad(d_rec, per_item),
        }


def _internal(trace: Trace) -> dict[str, np.ndarray]:
    """The trace's arrays in the ``(T, B, ·)`` layout the equations use (no copies)."""

    def lift(a: np.ndarray) -> np.ndarray:
        return a if trace.batched else a[:, None]

    def lift0(a: np.ndarray) -> np.ndarray:
        return a if trace.batched else a[None]

    out = {"x": lift(trace.x), "h": lift(trace.h), "h0": lift0(trace.h0)}
    out.update({f"gate_{k}": lift(v) for k, v in trace.gates.items()})
    out.update({f"pre_{k}": lift(v) for k, v in trace.pre.items()})
    if trace.c is not None and trace.c0 is not None:
        out["c"] = lift(trace.c)
        out["c0"] = lift0(trace.c0)
    out.update(trace._cache)
    return out
