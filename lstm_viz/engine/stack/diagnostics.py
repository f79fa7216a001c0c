"""Gradient diagnostics of a stack, layer by layer and direction by direction.

Two kinds of number, both exact:

- Through the whole stack: ``‖∂L/∂h_t‖`` (and ``‖∂L/∂c_t‖``) at every layer and
  direction for one loss on the stack's final states, ``L = Σ_k h_n^top[k] / √n``
  over the top layer's n = dirs·H_out final units (one direction, one layer: the
  single cell's last-step loss of :func:`~lstm_viz.engine.gradients.diagnostics.
  last_step_loss_gradient`, so the numbers are the same). A lower layer's gradient
  arrives through every layer above it.
- Within one cell: its own Jacobians ``‖∂h_T/∂h_t‖``, the forget-gate highway and the
  Pascanu condition — the single-cell :class:`~lstm_viz.engine.gradients.diagnostics.
  Diagnostics` of that layer and direction on its own trace.

Per-step arrays are in the order the cell read its input (the reverse direction's
step 1 is x_T, so its "distance" counts from its own last step, t = 1); use
:func:`~lstm_viz.engine.cells.stack.in_time_order` for t = 1 … T.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..cells._base import RecurrentModel
from ..cells.lstm_proj import ProjectedLSTM
from ..cells.stack import RecurrentStack, StackGrads, StackTrace, direction_index
from ..cells.trace import Trace
from ..gradients.diagnostics import (
    Diagnostics,
    diagnose,
    frobenius_norms,
    spectral_norms,
    stable_norms,
)


def stack_loss_gradient(stack: RecurrentStack, trace: StackTrace) -> np.ndarray:
    """``∂L/∂h_n`` for ``L = Σ_k h_n^top[k] / √n``: nonzero on the top layer's rows only."""
    d = np.zeros_like(trace.h_n)
    top = slice((stack.num_layers - 1) * stack.directions, None)
    d[top] = 1.0 / np.sqrt(stack.directions * stack.output_size)
    return d


class ProjectedDiagnostics(Diagnostics):
    """The single-cell diagnostics of a projected LSTM, whose h (P units) and c (H units)
    differ in size: its Jacobians come from :meth:`ProjectedLSTM.state_jacobians`."""

    @cached_property
    def _jacobian_h_norms(self) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(all="ignore"):
            j = self.model.state_jacobians(self.trace, of="h")["h"]
            return spectral_norms(j), frobenius_norms(j)

    @cached_property
    def cell_total(self) -> np.ndarray | None:
        with np.errstate(all="ignore"):
            return spectral_norms(self.model.state_jacobians(self.trace, of="c")["c"])


def cell_diagnostics(model: RecurrentModel, trace: Trace) -> Diagnostics:
    """:func:`~lstm_viz.engine.gradients.diagnostics.diagnose`, for every cell a stack holds."""
    if isinstance(model, ProjectedLSTM):
        return ProjectedDiagnostics(model, trace)
    return diagnose(model, trace)


class StackDiagnostics:
    """The gradient picture of a stack on one input; each number computed when first read.

    Shared by every view of the stack: choosing another layer or direction reads
    what is here and recomputes nothing.
    """

    def __init__(self, stack: RecurrentStack, trace: StackTrace) -> None:
        self.stack = stack
        self.trace = trace
        self._cells: dict[tuple[int, int], Diagnostics] = {}

    @cached_property
    def grads(self) -> StackGrads:
        """Every gradient of the stack's loss (see the module docstring)."""
        zero = np.zeros_like(self.trace.output)
        with np.errstate(all="ignore"):
            return self.stack.backward(
                self.trace, zero, stack_loss_gradient(self.stack, self.trace)
            )

    def loss_grad(self, layer: int, direction: int | str = 0) -> np.ndarray:
        """``‖∂L/∂h_t‖`` of one layer and direction, ``(T, [B])``, in its own step order."""
        self.stack.cell(layer, direction)  # says what is wrong with a bad choice
        return stable_norms(self.grads.layers[layer][direction_index(direction)].h)

    def loss_grad_c(self, layer: int, direction: int | str = 0) -> np.ndarray | None:
        """``‖∂L/∂c_t‖`` (LSTM only)."""
        self.stack.cell(layer, direction)
        c = self.grads.layers[layer][direction_index(direction)].c
        return None if c is None else stable_norms(c)

    def cell(self, layer: int, direction: int | str = 0) -> Diagnostics:
        """The single-cell diagnostics of one layer and direction (kept once made)."""
        d = direction_index(direction)
        key = (layer, d)
        if key not in self._cells:
            model = self.stack.cell(layer, d)
            self._cells[key] = cell_diagnostics(model, self.trace.layers[layer][d])
        return self._cells[key]

    @property
    def finite(self) -> bool:
        """``False`` if the stack's forward pass or its gradients overflowed."""
        return self.trace.finite and self.grads.finite
