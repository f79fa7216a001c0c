"""What one frame of the backward pass shows, as plain numbers. No Qt.

During backward playback the cursor runs from step T down to 1, and each frame
shows the gradient of the last-step loss ``L = Σ_k h_T[k]/√H`` arriving at
step ``t``: ``∂L/∂h_t`` and (LSTM) ``∂L/∂c_t``, and how the gradient that
reaches ``c_{t−1}`` divides between the cell-state highway (through ``f_t``)
and the step's own output. Every number is the engine's (``Diagnostics``);
this module only picks them out and scales them for display.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.gradients.diagnostics import stable_norms
from .frame import row_at
from .results import Results
from .timeline import Cursor


def _first(a: np.ndarray) -> np.ndarray:
    """An initial state ``([B,] H)``; batched traces show their first sequence."""
    return a if a.ndim == 1 else a[0]


def _norm(v: np.ndarray) -> float:
    return float(stable_norms(v))


@dataclass(frozen=True)
class BackwardFrame:
    """The gradient at step ``t`` of the backward pass.

    Attributes
    ----------
    grads
        Part name → the total gradient of ``L`` with respect to that state at
        this step (``h`` = ∂L/∂h_t, ``c`` = ∂L/∂c_t, ``h_prev`` = ∂L/∂h_{t−1},
        ``c_prev`` = ∂L/∂c_{t−1}; at t = 1 the initial states').
    norms
        Part name → the 2-norm of that gradient.
    scale
        The largest magnitude among the shown gradients: dividing by it puts
        every strip in [−1, 1] so colours show the pattern; the norms carry the
        size (gradients span many orders of magnitude).
    highway, through_h
        LSTM only: the norms of the two parts of ``∂L/∂c_{t−1}`` — along the
        highway (``∂L/∂c_t ⊙ f_t``) and through ``h_{t−1}``'s own output.
    """

    kind: str
    cursor: Cursor
    grads: dict[str, np.ndarray]
    norms: dict[str, float]
    scale: float
    highway: float | None
    through_h: float | None

    @property
    def highway_share(self) -> float | None:
        """The highway's share of what reaches ``c_{t−1}`` (by norm), in [0, 1]."""
        if self.highway is None or self.through_h is None:
            return None
        total = self.highway + self.through_h
        return self.highway / total if total > 0 and np.isfinite(total) else None

    def scaled(self, part: str) -> np.ndarray:
        """The gradient of ``part`` divided by :attr:`scale` (for colouring)."""
        g = self.grads[part]
        with np.errstate(all="ignore"):
            return g / self.scale if self.scale > 0 and np.isfinite(self.scale) else g


def backward_frame(results: Results, cursor: Cursor) -> BackwardFrame:
    """The backward-pass frame of ``results`` at step ``cursor.t``."""
    d = results.diagnostics
    g = d.grads
    t = int(np.clip(cursor.t, 0, results.steps - 1))
    grads = {
        "h": row_at(g.h, t),
        "h_prev": row_at(g.h, t - 1) if t > 0 else _first(g.h0),
    }
    highway = through_h = None
    if g.c is not None and g.c0 is not None:
        grads["c"] = row_at(g.c, t)
        grads["c_prev"] = row_at(g.c, t - 1) if t > 0 else _first(g.c0)
        paths = d.cell_paths
        if paths is not None and t > 0:
            highway, through_h = _norm(row_at(paths[0], t - 1)), _norm(row_at(paths[1], t - 1))
        else:  # c_0 reaches the loss only along the highway (h_0 is given, not made from it)
            highway, through_h = _norm(grads["c_prev"]), 0.0
    norms = {k: _norm(v) for k, v in grads.items()}
    with np.errstate(invalid="ignore"):
        mags = [np.abs(v[np.isfinite(v)]).max(initial=0.0) for v in grads.values()]
    scale = float(max(mags)) if mags else 0.0
    return BackwardFrame(results.kind, cursor, grads, norms, scale, highway, through_h)
