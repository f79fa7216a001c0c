"""The memory budget as the app applies it: refuse a run before it starts, naming the setting.

:func:`check_run` is called by :func:`lstm_viz.state.results.compute` once the sizes
are known (H and D of the model, T of the sequence) and before anything is computed,
so ``simulate``, the window and ``export`` refuse the same sizes with the same
one-line :class:`~lstm_viz.state.settings.SettingsError`. The numbers come from the
engine's :func:`lstm_viz.engine.budget.estimate`: the trace, the gradient diagnostics
and the JSON report of one model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.budget import (
    CONNECTIVITY_MAX_STEPS,
    CONNECTIVITY_WORK,
    MEMORY_BUDGET,
    ONE_CORE_FLOPS,
    connectivity_bytes,
    connectivity_cost,
    estimate,
    format_bytes,
)
from ..engine.data.value import MAX_STEPS
from ..engine.gradients.sweep import sweep_cost
from ..i18n_marks import tr_noop
from .settings import MAX_HIDDEN, SettingsError

__all__ = [
    "SWEEP_WORK",
    "ConnectivityWindow",
    "StepWindow",
    "SweepWindow",
    "check_run",
    "connectivity_fits",
    "connectivity_window",
    "largest_fitting",
    "run_bytes",
    "sweep_window",
    "sweeps_cost",
]


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


@dataclass(frozen=True)
class StepWindow:
    """The steps a slow panel covers: ``[start, stop)`` of the sequence's ``steps`` (all of
    them, or a window when all would take too long), and the whole computation's
    estimated ``seconds`` on one core."""

    start: int
    stop: int
    steps: int
    seconds: float

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.stop == self.steps

    def seconds_text(self) -> str:
        """The whole computation's time as a note says it: "17 s" or "2 min"."""
        return f"{self.seconds:.0f} s" if self.seconds < 120 else f"{self.seconds / 60:.0f} min"


@dataclass(frozen=True)
class ConnectivityWindow(StepWindow):
    """The steps a connectivity map covers: all of them, or a window when all would not fit.

    The whole map's work grows with T² (:func:`~lstm_viz.engine.budget.connectivity_cost`)
    and its memory with T; over :data:`~lstm_viz.engine.budget.CONNECTIVITY_WORK` or
    :data:`~lstm_viz.engine.budget.MEMORY_BUDGET` it is computed for a window of at most
    :attr:`fit` steps instead (the same numbers as that block of the whole map).

    Attributes
    ----------
    start, stop
        The window, 0-based ``[start, stop)``; ``(0, steps)`` for the whole map.
    steps
        T, the steps of the sequence.
    fit
        The most steps one map may cover at these sizes (at most
        :data:`~lstm_viz.engine.budget.CONNECTIVITY_MAX_STEPS` in a window).
    seconds, need
        The whole map's estimated time on one core and its memory (bytes).
    """

    fit: int
    need: int

    @property
    def note(self) -> str | None:
        """A ``tr_noop`` template saying why only a window is shown (None for the whole map);
        its slots are :meth:`slots`."""
        if self.whole:
            return None
        return tr_noop(
            "the whole map of {steps} × {steps} steps would take about {seconds} ({need}); "
            "showing steps {first}–{last} (at most {fit} at a time) — zoom or pan to other "
            "steps and press “Compute the steps in view”"
        )

    def slots(self) -> dict[str, object]:
        seconds = self.seconds_text()
        return dict(
            steps=self.steps,
            first=self.start + 1,
            last=self.stop,
            fit=self.fit,
            seconds=seconds,
            need=format_bytes(self.need),
        )


def connectivity_fits(kind: str, hidden: int, input_size: int, steps: int) -> bool:
    """Whether a map of ``steps`` × ``steps`` fits in the memory and the work budget."""
    return (
        connectivity_bytes(kind, hidden, input_size, steps) <= MEMORY_BUDGET
        and connectivity_cost(kind, hidden, input_size, steps) <= CONNECTIVITY_WORK
    )


def connectivity_window(
    kind: str, hidden: int, input_size: int, steps: int, view: tuple[int, int] | None = None
) -> ConnectivityWindow:
    """The steps to map: all that fit, around ``view`` when given.

    Parameters
    ----------
    kind, hidden, input_size, steps
        The model and the sequence.
    view
        The steps in view, 0-based ``[start, stop)`` (clipped to the sequence), for a
        sequence whose whole map does not fit: the window is those steps, or the
        :attr:`~ConnectivityWindow.fit` steps centred on them when there are more.
        Without it, the first steps that fit. The whole map when it fits, whatever
        the view.
    """
    fit = max(1, largest_fitting(lambda t: connectivity_fits(kind, hidden, input_size, t), steps))
    if fit < steps:  # a window, and at small H no longer than its products stay efficient
        fit = min(fit, CONNECTIVITY_MAX_STEPS)
    if fit >= steps:
        start, stop = 0, steps
    elif view is None or min(steps, view[1]) <= max(0, view[0]):
        start, stop = 0, fit
    else:
        start, stop = max(0, view[0]), min(steps, view[1])
    if stop - start > fit:
        middle = (start + stop) // 2
        start = min(max(0, middle - fit // 2), steps - fit)
        stop = start + fit
    return ConnectivityWindow(
        start=start,
        stop=stop,
        steps=steps,
        fit=fit,
        seconds=connectivity_cost(kind, hidden, input_size, steps) / ONE_CORE_FLOPS,
        need=connectivity_bytes(kind, hidden, input_size, steps),
    )


#: Work one panel's scale sweep may take (:func:`sweeps_cost`): about ten seconds on
#: one core at :data:`~lstm_viz.engine.budget.ONE_CORE_FLOPS`. Over it, a sweep covers
#: the steps that fit (:func:`sweep_window`).
SWEEP_WORK = 5e11


def sweeps_cost(
    kinds: tuple[str, ...],
    hidden: int,
    input_size: int,
    steps: int,
    scales: int,
    parameters: bool = True,
    start: int = 0,
) -> float:
    """The work of sweeping every kind of ``kinds`` (flops of one core's products); with
    ``start``, the first ``start`` steps run forward only."""
    return sum(sweep_cost(k, hidden, input_size, steps, scales, parameters, start) for k in kinds)


@dataclass(frozen=True)
class SweepWindow(StepWindow):
    """The steps a panel's scale sweep covers: all of them, or those that fit the budget.

    The sweep's loss is at the last step it runs, ``L = Σ_k h_stop[k] / √H``. Two ways
    to stay within the budget, both exact:

    - the first ``stop`` steps (``start`` = 0): the sweep of that shorter sequence
      (the clipping panel's way: the parameter gradients sum over every step);
    - the rows of steps ``start + 1 … stop`` only: the steps before run forward only
      (their states are exact, so are those rows; the stability map's way, from the
      last step or from the step being played).

    Attributes
    ----------
    start, stop
        0-based ``[start, stop)``: the rows ‖∂L/∂h_t‖ computed; the loss at step ``stop``.
    steps
        T, the steps of the sequence.
    seconds
        The whole sweep's estimated time on one core.
    """

    @property
    def note(self) -> str | None:
        """A ``tr_noop`` template saying which steps were swept and why (None for the
        whole sequence); its slots are :meth:`slots`."""
        if self.whole:
            return None
        if self.start == 0:
            return tr_noop(
                "sweeping all {steps} steps would take about {seconds}: swept steps 1–{stop}, "
                "the exact sweep of that shorter sequence (the loss at step {stop})"
            )
        return tr_noop(
            "sweeping all {steps} steps would take about {seconds}: the loss at step {stop}, "
            "its gradient at steps {first}–{stop} (exact: the forward pass runs from step 1)"
        )

    def slots(self) -> dict[str, object]:
        seconds = self.seconds_text()
        return dict(steps=self.steps, first=self.start + 1, stop=self.stop, seconds=seconds)


def sweep_window(
    kinds: tuple[str, ...],
    hidden: int,
    input_size: int,
    steps: int,
    scales: int,
    parameters: bool = True,
    stop: int | None = None,
) -> SweepWindow:
    """The steps to sweep within :data:`SWEEP_WORK`, the loss at step ``stop`` (default T).

    All steps up to ``stop`` when they fit; otherwise, with ``parameters``, the most
    first steps that fit; without, the most rows before ``stop`` whose cost with the
    forward-only steps before them fits (the first steps when even one row does not).
    """
    stop = steps if stop is None else min(max(1, stop), steps)

    def cost(first: int, last: int) -> float:
        return sweeps_cost(kinds, hidden, input_size, last, scales, parameters, first)

    start = 0
    if cost(0, stop) > SWEEP_WORK:
        if parameters or cost(stop - 1, stop) > SWEEP_WORK:
            stop = max(1, largest_fitting(lambda t: cost(0, t) <= SWEEP_WORK, stop))
        else:
            start = stop - max(
                1, largest_fitting(lambda n: cost(stop - n, stop) <= SWEEP_WORK, stop)
            )
    seconds = sweeps_cost(kinds, hidden, input_size, steps, scales, parameters) / ONE_CORE_FLOPS
    return SweepWindow(start=start, stop=stop, steps=steps, seconds=seconds)
