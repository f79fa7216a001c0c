"""A whole stack's results as plain data: what ``simulate --json`` adds for every layer.

``output``, ``h_n`` and ``c_n`` are exactly what the PyTorch module returns;
``layers[k][direction]`` holds each cell's states, gates and diagnostics in time
order t = 1 … T (so ``output[t][H_out:]`` is ``layers[-1]["reverse"]["h"][t]``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine.cells.stack import DIRECTIONS, in_time_order
from . import report as single
from .report import _json_array
from .results import Results

#: What each stack entry means, written into the report's ``notes``.
STACK_NOTES = {
    "output": "the module's first output: the top layer's h_t, forward then reverse units",
    "h_n": "each layer's and direction's last state, row = layer·directions + direction",
    "layers": (
        "layers[k][direction]: that cell's h, c, gates and diagnostics in time order "
        "t = 1..T; the reverse direction reads x_T first, so its distance counts from t = 1"
    ),
    "layers.loss_grad_norm": (
        "‖∂L/∂h_t‖ through the whole stack for L = Σ h_n[top layer] / √(directions·H_out)"
    ),
    "layers.jacobian_norm": "spectral norm of ∂h_last/∂h_t within that cell alone",
    "dropout": "dropout between layers acts in training only; inference never applies it",
    "top_level": "h, c, gates and the per-step lists above are the chosen cell's, in its own order",
}


def _per_step(values: np.ndarray | None, direction: int) -> Any:
    return None if values is None else _json_array(in_time_order(values, direction))


def stack_section(results: Results) -> dict[str, Any]:
    """The stack's part of the report (see the module docstring)."""
    run = results.stack_run
    if run is None:
        return {}
    stack, trace = run.stack, run.trace
    layers = []
    for k in range(stack.num_layers):
        row = {}
        for d in range(stack.directions):
            t, diag = trace.layers[k][d], run.cell(k, d)
            row[DIRECTIONS[d]] = {
                "h": _per_step(t.h, d),
                "c": _per_step(t.c, d),
                "gates": {name: _per_step(v, d) for name, v in t.gates.items()},
                "loss_grad_norm": _per_step(run.loss_grad(k, d), d),
                "loss_grad_norm_c": _per_step(run.loss_grad_c(k, d), d),
                "jacobian_norm": _per_step(diag.jacobian_spectral, d),
                "highway": _per_step(diag.highway, d),
                "cell_jacobian_norm": _per_step(diag.cell_total, d),
                "pascanu": diag.pascanu.as_dict(),
            }
        layers.append(row)
    return {
        "stack": {
            "kind": stack.kind,
            "num_layers": stack.num_layers,
            "bidirectional": stack.bidirectional,
            "input_size": stack.input_size,
            "hidden_size": stack.hidden_size,
            "proj_size": stack.proj_size,
            "nonlinearity": stack.nonlinearity if stack.kind == "rnn" else None,
            "n_params": stack.n_params,
            "dropout": "not applied (inference)",
        },
        "layer": results.layer,
        "direction": DIRECTIONS[results.direction],
        "output": _json_array(trace.output),
        "h_n": _json_array(trace.h_n),
        "c_n": _json_array(trace.c_n),
        "layers": layers,
        "stack_finite": run.finite,
    }


def full_report(results: Results) -> dict[str, Any]:
    """Everything ``simulate --json`` writes: the chosen cell's report and the whole stack."""
    # Through the module, so that what replaces it there (a test, a profiler) is used.
    report = single.simulation_report(results)
    report.update(stack_section(results))
    if results.stack_run is not None:
        report["notes"] = {**report["notes"], **STACK_NOTES}
    return report
