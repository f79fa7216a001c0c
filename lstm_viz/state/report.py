"""Results as plain data (for ``lstm-viz simulate --json``, scripts and notebooks)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .health import check_health
from .load_report import run_report
from .results import Results


def _json_array(values: np.ndarray | None) -> Any:
    """Nested lists of floats; inf and nan become ``None`` (JSON has neither)."""
    if values is None:
        return None
    a = np.asarray(values, dtype=np.float64)
    obj = a.astype(object)
    obj[~np.isfinite(a)] = None
    return obj.tolist()


def _nonfinite_steps(values: np.ndarray | None) -> list[int]:
    if values is None:
        return []
    a = np.asarray(values, dtype=np.float64).reshape(len(values), -1)
    return [int(t) + 1 for t in np.flatnonzero(~np.isfinite(a).all(axis=1))]


def simulation_report(results: Results) -> dict[str, Any]:
    """Everything ``simulate`` writes. Steps are numbered t = 1 … T."""
    m, tr, d = results.model, results.trace, results.diagnostics
    per_step = {
        "jacobian_norm": d.jacobian_spectral,
        "jacobian_norm_frobenius": d.jacobian_frobenius,
        "loss_grad_norm": d.loss_grad,
        "loss_grad_norm_c": d.loss_grad_c,
        "highway": d.highway,
        "cell_jacobian_norm": d.cell_total,
    }
    report: dict[str, Any] = {
        "model": m.kind,
        "input_size": m.input_size,
        "hidden_size": m.hidden_size,
        "n_params": m.n_params,
        "steps": tr.steps,
        "settings": results.settings.as_dict(),
        "sequence": {
            "name": results.sequence.name,
            "values": _json_array(results.sequence.values),
            "step_labels": list(results.sequence.step_labels),
        },
        "weights": None if results.weights is None else str(results.weights.source),
        "trained": None if results.trained is None else results.trained.name,
        "load": None if results.weights is None else run_report(results).as_dict(),
        "health": check_health(results).as_dict(),
        "h": _json_array(tr.h),
        "c": _json_array(tr.c),
        "gates": {k: _json_array(v) for k, v in tr.gates.items()},
        **{k: _json_array(v) for k, v in per_step.items()},
        "pascanu": d.pascanu.as_dict(),
        "finite": results.finite,
        "nonfinite_steps": {k: _nonfinite_steps(v) for k, v in per_step.items() if v is not None},
        "notes": {
            "t": "steps are numbered 1..T; every per-step list has T entries",
            "order": (
                "h, c, the gates and the per-step norms follow the shown cell's own order "
                "(a reverse direction's step 1 reads the last input); sequence, tokens, "
                "predictions and attribution follow the input's order"
            ),
            "jacobian_norm": "spectral norm of ∂h_T/∂h_t",
            "loss_grad_norm": "‖∂L/∂h_t‖ for L = Σ_k h_T[k]/√H (a unit gradient at the last step)",
            "highway": "largest entry of ∂c_T/∂c_t along the cell-state path alone, ∏ f_s for s>t",
            "cell_jacobian_norm": "spectral norm of ∂c_T/∂c_t through all paths",
            "null": "a null value overflowed (inf or nan)",
        },
    }
    return report
