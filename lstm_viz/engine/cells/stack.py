"""Whole recurrent stacks, as PyTorch's ``nn.LSTM``/``nn.GRU``/``nn.RNN`` run them.

A stack has ``num_layers`` layers of one or two directions. Layer 0 reads the input;
layer k > 0 reads the outputs of layer k − 1, both directions side by side. The
forward direction runs t = 1 … T, the reverse direction runs t = T … 1 on the same
input, and the stack's output at step t is ``[h_t^forward, h_t^reverse]`` of the top
layer — exactly what the module returns as its first output. ``h_n`` (and the LSTM's
``c_n``) holds each layer's and direction's last state in PyTorch's order
(``layer·dirs + direction``): for the reverse direction that is its state after
reading x_1.

Each layer and direction is one of the engine's cells (:class:`~.lstm.LSTM`,
:class:`~.lstm_proj.ProjectedLSTM`, :class:`~.gru.GRU`, :class:`~.rnn.RNN`,
:class:`~.rnn.ReluRNN`) and keeps its own :class:`~.trace.Trace`, in the order that
cell read its input: the reverse direction's step 1 is x_T. :func:`in_time_order`
turns such arrays back to t = 1 … T.

Backpropagation runs the cells' own exact BPTT from the top layer down: the
gradient reaching a layer's output at step t is split into its directions, each
cell backpropagates through time, and the gradients of its input (both directions
summed) are what reaches the layer below.

PyTorch's ``dropout`` between layers acts only in training; the engine runs
inference, so it is never applied (a state_dict does not record it either).
``batch_first`` is a layout only: pass ``batch_first=True`` and the input, output
and their gradients are ``(B, T, ·)``; the states and traces stay as PyTorch keeps
them (``h_n`` is never batch-first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from ._base import RecurrentModel
from .gru import GRU
from .lstm import LSTM
from .lstm_proj import ProjectedLSTM
from .rnn import NONLINEARITIES, rnn_class
from .stack_trace import StackGrads, StackTrace, in_time_order
from .trace import Grads, Trace

#: The directions of a bidirectional stack, in PyTorch's order (``_reverse`` is 1).
DIRECTIONS = ("forward", "reverse")

#: At most this many layers (PyTorch has no limit; the app's views stop being readable).
MAX_LAYERS = 16

__all__ = [
    "DIRECTIONS",
    "MAX_LAYERS",
    "RecurrentStack",
    "StackGrads",
    "StackTrace",
    "direction_index",
    "in_time_order",
    "torch_key",
]

_KEY = re.compile(r"^(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(\d+)(_reverse)?$")
_NEEDED = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def torch_key(name: str, layer: int, direction: int) -> str:
    """PyTorch's name of a stack's tensor: ``weight_hh_l1_reverse`` and the like."""
    return f"{name}_l{layer}{'_reverse' if direction else ''}"


class RecurrentStack:
    """``num_layers`` × (1 or 2 directions) cells that run and backpropagate as one module.

    Build one with :meth:`from_state_dict` (a module's tensors under PyTorch's names)
    or :meth:`from_cells`. Immutable.
    """

    def __init__(self, cells: tuple[tuple[RecurrentModel, ...], ...]) -> None:
        if not cells or not cells[0]:
            raise ValueError("a recurrent stack needs at least one layer")
        if len(cells) > MAX_LAYERS:
            raise ValueError(f"at most {MAX_LAYERS} layers are supported, got {len(cells)}")
        dirs = len(cells[0])
        if dirs not in (1, 2) or any(len(row) != dirs for row in cells):
            raise ValueError("every layer must have the same 1 or 2 directions")
        first = cells[0][0]
        for k, row in enumerate(cells):
            for d, cell in enumerate(row):
                where = f"layer {k} {DIRECTIONS[d]}"
                if type(cell) is not type(first):
                    raise ValueError(
                        f"{where} is a {type(cell).__name__}, not a {type(first).__name__}"
                    )
                if (cell.hidden_size, _out_size(cell)) != (first.hidden_size, _out_size(first)):
                    raise ValueError(f"{where} has another hidden size than layer 0")
                want = first.input_size if k == 0 else dirs * _out_size(first)
                if cell.input_size != want:
                    raise ValueError(
                        f"{where} takes {cell.input_size} inputs but "
                        + ("layer 0 forward" if k == 0 else f"layer {k - 1} gives")
                        + f" {want}"
                    )
        self.cells = tuple(tuple(row) for row in cells)
        self.kind = first.kind
        self.num_layers = len(cells)
        self.bidirectional = dirs == 2
        self.input_size = first.input_size
        self.hidden_size = first.hidden_size
        self.proj_size = getattr(first, "proj_size", 0)
        self.nonlinearity = getattr(first, "nonlinearity", "tanh")
        self.dtype = first.dtype

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_cells(cls, cells: Any) -> RecurrentStack:
        """A stack of the given cells, ``cells[layer][direction]``."""
        return cls(tuple(tuple(row) for row in cells))

    @classmethod
    def from_state_dict(
        cls,
        kind: str,
        tensors: Mapping[str, Any],
        *,
        nonlinearity: str = "tanh",
        dtype: Any = None,
    ) -> RecurrentStack:
        """The stack whose tensors are ``tensors`` (``weight_ih_l0``, …, PyTorch's names).

        Parameters
        ----------
        kind
            ``"lstm"``, ``"gru"`` or ``"rnn"``.
        tensors
            Every recurrent tensor of one module, prefix stripped (``WeightFile.stack``
            or a torch ``state_dict`` turned into NumPy arrays); ``weight_hr_l{k}`` makes
            it a projected LSTM.
        nonlinearity
            The RNN's ``"tanh"`` or ``"relu"`` (a state_dict does not record it).
        dtype
            float32 or float64; by default that of the tensors.
        """
        if kind not in ("lstm", "gru", "rnn"):
            raise ValueError(f"unknown model kind {kind!r}: expected lstm, gru or rnn")
        if nonlinearity not in NONLINEARITIES:
            raise ValueError(
                f"nonlinearity must be one of {', '.join(NONLINEARITIES)}, got {nonlinearity!r}"
            )
        if kind != "rnn" and nonlinearity != "tanh":
            raise ValueError(f"the {kind.upper()} has no nonlinearity to choose")
        found: dict[tuple[int, int], dict[str, Any]] = {}
        for key, value in tensors.items():
            match = _KEY.match(key)
            if match is None:
                raise ValueError(
                    f"{key!r} is not a recurrent tensor name (weight_ih_l0, "
                    "weight_hh_l1_reverse, …)"
                )
            name, layer, reverse = match.group(1), int(match.group(2)), bool(match.group(3))
            found.setdefault((layer, int(reverse)), {})[name] = np.asarray(value)
        if not found:
            raise ValueError("no recurrent tensors given (expected weight_ih_l0, …)")
        layers = 1 + max(k for k, _ in found)
        dirs = 2 if any(d for _, d in found) else 1
        projected = any("weight_hr" in p for p in found.values())
        if projected and kind != "lstm":
            raise ValueError(f"weight_hr (a projection) belongs to an LSTM, not a {kind.upper()}")
        needed = (*_NEEDED, "weight_hr") if projected else _NEEDED
        missing = [
            torch_key(n, k, d)
            for k in range(layers)
            for d in range(dirs)
            for n in needed
            if n not in found.get((k, d), {})
        ]
        if missing:
            raise ValueError(f"the {kind.upper()} stack is missing {', '.join(missing)}")
        if kind == "lstm":
            make: Any = ProjectedLSTM if projected else LSTM
        else:
            make = GRU if kind == "gru" else rnn_class(nonlinearity)
        cells = tuple(
            tuple(make.from_params(found[(k, d)], dtype) for d in range(dirs))
            for k in range(layers)
        )
        return cls(cells)

    # -- facts ----------------------------------------------------------------

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def output_size(self) -> int:
        """H_out: P for a projected LSTM, else H."""
        return _out_size(self.cells[0][0])

    @property
    def has_cell(self) -> bool:
        return self.cells[0][0].has_cell

    @property
    def n_params(self) -> int:
        return sum(c.n_params for row in self.cells for c in row)

    def cell(self, layer: int, direction: int | str = 0) -> RecurrentModel:
        """The cell of one layer and direction (``0``/``"forward"``, ``1``/``"reverse"``)."""
        d = direction_index(direction)
        if not 0 <= layer < self.num_layers:
            raise ValueError(f"layer must be from 0 to {self.num_layers - 1}, got {layer!r}")
        if d >= self.directions:
            raise ValueError("this stack is not bidirectional: it has no reverse direction")
        return self.cells[layer][d]

    def state_dict(self) -> dict[str, np.ndarray]:
        """Every tensor under PyTorch's names (read-only arrays)."""
        return {
            torch_key(name, k, d): value
            for k, row in enumerate(self.cells)
            for d, cell in enumerate(row)
            for name, value in cell.params.items()
        }

    def __repr__(self) -> str:
        extra = f", proj_size={self.proj_size}" if self.proj_size else ""
        if self.kind == "rnn":
            extra += f", nonlinearity={self.nonlinearity!r}"
        return (
            f"RecurrentStack({self.kind!r}, input_size={self.input_size}, "
            f"hidden_size={self.hidden_size}, num_layers={self.num_layers}, "
            f"bidirectional={self.bidirectional}{extra})"
        )

    # -- forward --------------------------------------------------------------

    def forward(
        self, x: Any, h0: Any = None, c0: Any = None, *, batch_first: bool = False
    ) -> StackTrace:
        """Run the whole stack, like calling the PyTorch module in ``eval()`` mode.

        Parameters
        ----------
        x
            ``(T, D)``, ``(T, B, D)``, or ``(B, T, D)`` with ``batch_first``.
        h0, c0
            ``(layers·dirs, [B,] H_out)`` and ``(layers·dirs, [B,] H)``; zeros when omitted.
        """
        a = np.asarray(x)
        if batch_first and a.ndim == 3:
            a = a.swapaxes(0, 1)
        h0s = self._states(h0, "h0", a)
        c0s = self._states(c0, "c0", a) if self.has_cell else None
        if c0 is not None and not self.has_cell:
            raise ValueError(f"the {self.kind.upper()} has no cell state; c0 must be None")
        layers: list[tuple[Trace, ...]] = []
        inp = a
        for k, row in enumerate(self.cells):
            traces = []
            for d, cell in enumerate(row):
                n = k * self.directions + d
                traces.append(
                    cell.forward(
                        in_time_order(inp, d),
                        None if h0s is None else h0s[n],
                        None if c0s is None else c0s[n],
                    )
                )
            layers.append(tuple(traces))
            inp = np.concatenate([in_time_order(t.h, d) for d, t in enumerate(traces)], axis=-1)
        h_n = np.stack([t.h[-1] for row in layers for t in row])
        c_n = np.stack([t.c[-1] for row in layers for t in row]) if self.has_cell else None
        output = inp.swapaxes(0, 1) if batch_first and inp.ndim == 3 else inp
        return StackTrace(output, h_n, c_n, tuple(layers), batch_first=batch_first)

    def _states(self, s: Any, name: str, x: np.ndarray) -> np.ndarray | None:
        if s is None:
            return None
        a = np.asarray(s, dtype=self.dtype)
        size = self.output_size if name == "h0" else self.hidden_size
        lead = x.shape[1:2] if x.ndim == 3 else ()
        want = (self.num_layers * self.directions, *lead, size)
        if a.shape != want:
            raise ValueError(
                f"{name} must have shape {want} (layers·directions, [B,] size), got {a.shape}"
            )
        return a

    # -- backward -------------------------------------------------------------

    def backward(
        self,
        trace: StackTrace,
        d_output: Any,
        d_h_n: Any = None,
        d_c_n: Any = None,
    ) -> StackGrads:
        """Exact backpropagation through every layer and direction.

        Parameters
        ----------
        trace
            The forward pass of this stack.
        d_output
            ``∂L/∂output``, the shape of ``trace.output``.
        d_h_n, d_c_n
            Optionally ``∂L/∂h_n`` and ``∂L/∂c_n`` (shapes of ``trace.h_n``, ``trace.c_n``).
        """
        g_out = np.asarray(d_output, dtype=self.dtype)
        if g_out.shape != trace.output.shape:
            raise ValueError(
                f"d_output must have the output's shape {trace.output.shape}, got {g_out.shape}"
            )
        if trace.batch_first and g_out.ndim == 3:
            g_out = g_out.swapaxes(0, 1)
        g_hn = self._final_grad(d_h_n, trace.h_n, "d_h_n")
        g_cn = self._final_grad(d_c_n, trace.c_n, "d_c_n")
        h_out, dirs = self.output_size, self.directions
        grads: list[tuple[Grads, ...]] = [()] * self.num_layers
        for k in range(self.num_layers - 1, -1, -1):
            row = []
            g_in = None
            for d, cell in enumerate(self.cells[k]):
                n = k * dirs + d
                tr = trace.layers[k][d]
                dh = np.array(in_time_order(g_out[..., d * h_out : (d + 1) * h_out], d))
                if g_hn is not None:
                    dh[-1] += g_hn[n]
                dc = None
                if g_cn is not None:
                    dc = np.zeros_like(tr.c)
                    dc[-1] = g_cn[n]
                g = cell.backward(tr, dh, dc)
                row.append(g)
                gx = in_time_order(g.x, d)
                g_in = gx.copy() if g_in is None else g_in + gx
            grads[k] = tuple(row)
            assert g_in is not None
            g_out = g_in
        dx = g_out.swapaxes(0, 1) if trace.batch_first and g_out.ndim == 3 else g_out
        flat = [g for row in grads for g in row]
        params = {
            torch_key(name, k, d): value
            for k, row in enumerate(grads)
            for d, g in enumerate(row)
            for name, value in g.params.items()
        }
        return StackGrads(
            x=dx,
            h0=np.stack([g.h0 for g in flat]),
            c0=np.stack([g.c0 for g in flat]) if self.has_cell else None,
            params=params,
            layers=tuple(grads),
        )

    def _final_grad(self, g: Any, like: np.ndarray | None, name: str) -> np.ndarray | None:
        if g is None:
            return None
        if like is None:
            raise ValueError(f"the {self.kind.upper()} has no cell state; {name} must be None")
        a = np.asarray(g, dtype=self.dtype)
        if a.shape != like.shape:
            raise ValueError(f"{name} must have shape {like.shape}, got {a.shape}")
        return a


def direction_index(direction: int | str) -> int:
    """0 for ``"forward"`` (or 0), 1 for ``"reverse"`` (or 1)."""
    if direction in (0, 1) and not isinstance(direction, bool):
        return int(direction)
    if direction in DIRECTIONS:
        return DIRECTIONS.index(str(direction))
    raise ValueError(f"direction must be forward or reverse, got {direction!r}")


def _out_size(cell: RecurrentModel) -> int:
    return getattr(cell, "proj_size", 0) or cell.hidden_size
