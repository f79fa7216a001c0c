"""The memory budget as the app applies it: refuse a run before it starts, naming the setting.

:func:`check_run` is called by :func:`lstm_viz.state.results.compute` once the sizes
are known (H and D of the model, T of the sequence) and before anything is computed,
so ``simulate``, the window and ``export`` refuse the same sizes with the same
one-line :class:`~lstm_viz.state.settings.SettingsError`. The numbers come from the
engine's :func:`lstm_viz.engine.budget.estimate`: the trace, the gradient diagnostics
and the JSON report of one model.
"""

from __future__ import annotations

from ..engine.budget import MEMORY_BUDGET, connectivity_bytes, estimate, format_bytes
from ..engine.data.value import MAX_STEPS
from ..i18n_marks import tr_noop
from .settings import MAX_HIDDEN, SettingsError

__all__ = ["check_connectivity", "check_run", "largest_fitting", "run_bytes"]


def run_bytes(kind: str, hidden: int, input_size: int, steps: int) -> int:
    """Peak bytes of one model's run with its diagnostics and its report."""
    return estimate(kind, hidden, input_size, steps).with_report


def largest_fitting(fits, high: int) -> int:
    """The largest n in 1 … ``high`` with ``fits(n)`` (monotone: true, then false), or 0."""
    low = 0
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if fits(mid) else (low, mid - 1)
    return low


def check_run(
    kind: str, hidden: int, input_size: int, steps: int, *, length_field: str, hidden_field: str
) -> None:
    """Raise SettingsError unless a run at these sizes fits in the memory budget.

    Parameters
    ----------
    kind, hidden, input_size, steps
        The model and the sequence, as they will be computed.
    length_field, hidden_field
        The settings that decide T and H (``"length"``, or ``"sequence"`` for a custom
        table or file; ``"hidden_size"``, or ``"weights"`` when a file fixes H), named
        in the message.
    """
    need = run_bytes(kind, hidden, input_size, steps)
    if need <= MEMORY_BUDGET:
        return
    steps_ok = largest_fitting(
        lambda t: run_bytes(kind, hidden, input_size, t) <= MEMORY_BUDGET, MAX_STEPS
    )
    hidden_ok = largest_fitting(
        lambda h: run_bytes(kind, h, input_size, steps) <= MEMORY_BUDGET, min(hidden, MAX_HIDDEN)
    )
    slots = dict(
        model=kind.upper(),
        steps=steps,
        hidden=hidden,
        need=format_bytes(need),
        budget=format_bytes(MEMORY_BUDGET),
        max_steps=steps_ok,
        max_hidden=hidden_ok,
    )
    field = length_field
    if hidden_field == "hidden_size" and hidden_ok >= 1 and steps_ok >= 1:
        message = tr_noop(
            "{steps} steps of the {model} with H = {hidden} need about {need} of memory, more "
            "than the budget of {budget}; lower the length to at most {max_steps} steps or "
            "the hidden size to at most {max_hidden}"
        )
    elif steps_ok >= 1:
        message = tr_noop(
            "{steps} steps of the {model} with H = {hidden} need about {need} of memory, more "
            "than the budget of {budget}; use a sequence of at most {max_steps} steps"
        )
    else:
        field = hidden_field
        message = tr_noop(
            "the {model} with H = {hidden} needs about {need} of memory even for one step, "
            "more than the budget of {budget}; use a hidden size of at most {max_hidden}"
        )
    raise SettingsError(field, message, **slots)


def check_connectivity(kind: str, hidden: int, input_size: int, steps: int) -> None:
    """Raise SettingsError unless the ``(T, T)`` connectivity map fits in the budget."""
    need = connectivity_bytes(kind, hidden, input_size, steps)
    if need <= MEMORY_BUDGET:
        return
    steps_ok = largest_fitting(
        lambda t: connectivity_bytes(kind, hidden, input_size, t) <= MEMORY_BUDGET, MAX_STEPS
    )
    raise SettingsError(
        "length",
        tr_noop(
            "the connectivity map of {steps} × {steps} steps needs about {need} of memory, "
            "more than the budget of {budget}; it is drawn for sequences of at most "
            "{max_steps} steps"
        ),
        steps=steps,
        need=format_bytes(need),
        budget=format_bytes(MEMORY_BUDGET),
        max_steps=steps_ok,
    )
