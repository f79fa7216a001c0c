"""The LSTM with a projection of its hidden state, PyTorch's ``nn.LSTM(proj_size=P)``.

The cell is the LSTM's (see :mod:`.lstm`) with one more matrix, ``W_hr`` (P, H)::

    i_t, f_t, g_t, o_t from W_ih x_t + b_ih + W_hh h_{t-1} + b_hh   (W_hh is 4H × P)
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t                                (H units)
    m_t = o_t ⊙ tanh(c_t)                                          (H units)
    h_t = W_hr m_t                                                 (P units)

So ``c`` and the gates have H units and ``h`` has P < H: the hidden state that is
fed back and returned is the projection. ``hidden_size`` stays H (the cell's size,
as in PyTorch) and ``proj_size`` is P.

Backward, per step (``ĝ_h`` = total ∂L/∂h_t)::

    ∂L/∂m_t = ĝ_h W_hr
    ∂L/∂c_t = ∂L/∂m_t ⊙ o_t ⊙ (1 − tanh²(c_t)) + ∂L/∂c_{t+1} ⊙ f_{t+1} (+ the loss's own)
    ∂L/∂W_hr = Σ_t ĝ_hᵀ m_t
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._base import MAX_SIZE, _internal, _readonly
from ._products import param_grad, recurrent_param_grad
from .init import PARAM_KEYS
from .lstm import LSTM, sigmoid
from .trace import Trace

#: The parameters of a projected LSTM: the LSTM's and ``weight_hr``.
PROJ_KEYS = (*PARAM_KEYS, "weight_hr")


class ProjectedLSTM(LSTM):
    """``nn.LSTM(proj_size=P)`` for one layer and direction; the same kind as the LSTM.

    Built from parameters only (:meth:`from_params` with ``weight_hr``); a shared
    ``weight_hh`` (no per-item stacks).
    """

    proj_size: int
    param_keys = PROJ_KEYS

    @classmethod
    def _title(cls) -> str:
        return "projected LSTM"

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        proj_size: int,
        *,
        seed: int = 0,
        dtype: Any = np.float64,
    ) -> None:
        """PyTorch's initialisation: every tensor from U(±1/√H)."""
        for name, v in (("input_size", input_size), ("hidden_size", hidden_size)):
            if not isinstance(v, int | np.integer) or not 1 <= v <= MAX_SIZE:
                raise ValueError(f"{name} must be an integer from 1 to {MAX_SIZE}, got {v!r}")
        rng = np.random.default_rng(seed)
        k = 1.0 / np.sqrt(hidden_size)
        shapes = {
            "weight_ih": (4 * hidden_size, input_size),
            "weight_hh": (4 * hidden_size, proj_size),
            "bias_ih": (4 * hidden_size,),
            "bias_hh": (4 * hidden_size,),
            "weight_hr": (proj_size, hidden_size),
        }
        dt = np.dtype(dtype)
        self._set({n: rng.uniform(-k, k, s).astype(dt) for n, s in shapes.items()}, dt)

    def _set(self, params: dict[str, np.ndarray], dtype: np.dtype) -> None:
        w_hr, w_ih = params["weight_hr"], params["weight_ih"]
        if w_hr.ndim != 2 or not 1 <= w_hr.shape[0] < w_hr.shape[1] <= MAX_SIZE:
            raise ValueError(
                f"weight_hr must have shape (P, H) with 1 ≤ P < H (PyTorch's proj_size < "
                f"hidden_size), got {w_hr.shape}"
            )
        p, h = w_hr.shape
        expected = {
            "weight_hh": (4 * h, p),
            "weight_ih": (4 * h, w_ih.shape[-1] if w_ih.ndim == 2 else -1),
            "bias_ih": (4 * h,),
            "bias_hh": (4 * h,),
        }
        for key, shape in expected.items():
            if params[key].shape != shape:
                raise ValueError(
                    f"{key} has shape {params[key].shape} but weight_hr {w_hr.shape} implies "
                    f"{shape}"
                )
        self.input_size = int(w_ih.shape[1])
        self.hidden_size = int(h)
        self.proj_size = int(p)
        self.dtype = dtype
        self.params = {k: _readonly(params[k]) for k in PROJ_KEYS}

    def __repr__(self) -> str:
        return (
            f"ProjectedLSTM(input_size={self.input_size}, hidden_size={self.hidden_size}, "
            f"proj_size={self.proj_size}, dtype={self.dtype.name})"
        )

    # -- shapes: h has P units, c has H ----------------------------------------

    def _initial(self, s: Any, b: int, batched: bool, name: str) -> np.ndarray:
        size = self.proj_size if name == "h0" else self.hidden_size
        if s is None:
            return np.zeros((b, size), dtype=self.dtype)
        a = np.asarray(s, dtype=self.dtype)
        want = (b, size) if batched else (size,)
        if a.shape != want:
            raise ValueError(f"{name} must have shape {want}, got {a.shape}")
        return np.array(a if batched else a[None], copy=True)

    def _as_like_h(self, a: Any, trace: Trace, name: str) -> np.ndarray:
        like = trace.c if name == "dc" and trace.c is not None else trace.h
        arr = np.asarray(a, dtype=self.dtype)
        if arr.shape != like.shape:
            what = "trace.c" if like is trace.c else "trace.h"
            raise ValueError(f"{name} must have the shape of {what} {like.shape}, got {arr.shape}")
        return np.ascontiguousarray(arr if trace.batched else arr[:, None, :])

    def state_jacobians(self, trace: Trace, of: str = "h") -> dict[str, np.ndarray]:
        """``∂s_T/∂h_t`` and ``∂s_T/∂c_t`` for every t, s = ``of`` (see the base class).

        ``"h"`` and ``"h0"`` are ``(T, [B,] S, P)``, ``"c"`` and ``"c0"`` ``(T, [B,] S, H)``,
        with S = P rows for ``of="h"`` and S = H for ``of="c"``.
        """
        if of not in ("h", "c"):
            raise ValueError(f"cannot differentiate {of!r} of the LSTM")
        t3 = _internal(trace)
        steps, b, p = t3["h"].shape
        h = self.hidden_size
        rows = p if of == "h" else h
        eye = np.broadcast_to(np.eye(rows, dtype=self.dtype), (b, rows, rows))
        dh = np.zeros((steps, b, rows, p), dtype=self.dtype)
        dc = np.zeros((steps, b, rows, h), dtype=self.dtype)
        (dh if of == "h" else dc)[-1] = eye
        expanded = {k: v[:, :, None, :] if v.ndim == 3 else v[:, None, :] for k, v in t3.items()}
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            states = self._backward_states(expanded, dh, dc)
        out = {k: states[k] for k in ("h", "h0", "c", "c0")}
        if not trace.batched:
            out = {k: v[:, 0] if k in ("h", "c") else v[0] for k, v in out.items()}
        return out

    # -- the equations (PyTorch's block order i, f, g, o throughout) ------------

    def _forward(self, x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None) -> dict[str, Any]:
        assert c0 is not None
        steps, b, _ = x.shape
        h = self.hidden_size
        p = self.params
        w_hh_t = np.ascontiguousarray(p["weight_hh"].T)
        w_hr_t = np.ascontiguousarray(p["weight_hr"].T)
        pre = x @ p["weight_ih"].T
        pre += p["bias_ih"] + p["bias_hh"]
        act = np.empty_like(pre)
        c = np.empty((steps, b, h), dtype=self.dtype)
        tanh_c = np.empty_like(c)
        m = np.empty_like(c)
        hs = np.empty((steps, b, self.proj_size), dtype=self.dtype)
        h_prev, c_prev = h0, c0
        for t in range(steps):
            pre[t] += h_prev @ w_hh_t
            a = act[t]
            sigmoid(pre[t, :, : 2 * h], out=a[:, : 2 * h])
            np.tanh(pre[t, :, 2 * h : 3 * h], out=a[:, 2 * h : 3 * h])
            sigmoid(pre[t, :, 3 * h :], out=a[:, 3 * h :])
            i, f, g, o = (a[:, k * h : (k + 1) * h] for k in range(4))
            np.multiply(f, c_prev, out=c[t])
            c[t] += i * g
            np.tanh(c[t], out=tanh_c[t])
            np.multiply(o, tanh_c[t], out=m[t])
            np.matmul(m[t], w_hr_t, out=hs[t])
            h_prev, c_prev = hs[t], c[t]
        names = ("i", "f", "g", "o")
        return {
            "h": hs,
            "c": c,
            "gates": {k: act[:, :, j * h : (j + 1) * h] for j, k in enumerate(names)},
            "pre": {k: pre[:, :, j * h : (j + 1) * h] for j, k in enumerate(names)},
            "cache": {"m": m, "tanh_c": tanh_c},
        }

    def _backward_states(
        self,
        t3: dict[str, np.ndarray],
        dh: np.ndarray,
        dc: np.ndarray | None,
        accumulate: bool = False,
    ) -> dict[str, np.ndarray]:
        i, f, g, o = (t3[f"gate_{k}"] for k in ("i", "f", "g", "o"))
        tanh_c = t3["tanh_c"]
        c_prev = np.concatenate([np.broadcast_to(t3["c0"], t3["c"].shape[1:])[None], t3["c"][:-1]])
        w_hh, w_hr = self.params["weight_hh"], self.params["weight_hr"]
        h = self.hidden_size
        steps = dh.shape[0]
        gh = np.empty(dh.shape, dtype=self.dtype)
        gc = np.empty((*dh.shape[:-1], h), dtype=self.dtype)
        dpre = np.empty((*dh.shape[:-1], 4 * h), dtype=self.dtype)
        dh_next = np.zeros(dh.shape[1:], dtype=self.dtype)
        dc_next = np.zeros(gc.shape[1:], dtype=self.dtype)
        for t in range(steps - 1, -1, -1):
            np.add(dh[t], dh_next, out=gh[t])
            dm = gh[t] @ w_hr
            np.multiply(dm * o[t], 1.0 - tanh_c[t] * tanh_c[t], out=gc[t])
            gc[t] += dc_next
            if dc is not None:
                gc[t] += dc[t]
            d = dpre[t]
            d[..., :h] = gc[t] * g[t] * i[t] * (1.0 - i[t])
            d[..., h : 2 * h] = gc[t] * c_prev[t] * f[t] * (1.0 - f[t])
            d[..., 2 * h : 3 * h] = gc[t] * i[t] * (1.0 - g[t] * g[t])
            d[..., 3 * h :] = dm * tanh_c[t] * o[t] * (1.0 - o[t])
            np.multiply(gc[t], f[t], out=dc_next)
            dh_next = d @ w_hh
        return {"h": gh, "c": gc, "h0": dh_next, "c0": dc_next, "dpre_x": dpre}

    def _param_grads(
        self, t3: dict[str, np.ndarray], states: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        d = states["dpre_x"]
        db = d.sum(axis=(0, 1))
        return {
            "weight_ih": param_grad(d, t3["x"]),
            "weight_hh": recurrent_param_grad(d, t3["h"], t3["h0"]),
            "bias_ih": db,
            "bias_hh": db.copy(),
            "weight_hr": param_grad(states["h"], t3["m"]),
        }

    def _input_grad(self, states: dict[str, np.ndarray]) -> np.ndarray:
        return states["dpre_x"] @ self.params["weight_ih"]
