"""The session's worker-thread jobs: a long change's model, and the other kinds.

Each job puts its result in a ``Future`` (for a waiter: an export, a test) and sends
it to the session through the :class:`Relay`, queued to the GUI thread, with the
generation of the change it belongs to (the session drops what an older change brings).
"""

from __future__ import annotations

from concurrent.futures import Future

from PySide6.QtCore import QObject, QRunnable, Signal

from ..state.comparison import Comparison, PreparedComparison, compare_others, compare_prepared


def complete_comparison(partial: Comparison) -> Comparison:
    """``partial`` with its pending kinds computed, as :func:`compare_others` makes
    them, and their loss gradients (the gradient plot draws those as they arrive,
    so the GUI thread need not compute them). If computing them fails, the
    comparison comes back complete with the kinds left out and the reason."""
    try:
        full = compare_others(partial)
        for kind in partial.pending:
            _ = full[kind].diagnostics.loss_grad
    except Exception as err:  # a refusal in its own words, or a bug: never a crash
        return partial.without_others(err)
    return full


class Relay(QObject):
    """Carries a worker thread's results to the session (queued)."""

    done = Signal(int, object)  # generation, complete Comparison
    current_done = Signal(int, object)  # generation, Comparison of the shown model
    current_failed = Signal(int, object)  # generation, the exception


class CompleteJob(QRunnable):
    def __init__(self, generation: int, partial: Comparison, future: Future, relay: Relay):
        super().__init__()
        self.generation, self.partial, self.future, self.relay = generation, partial, future, relay

    def run(self) -> None:
        try:
            full = complete_comparison(self.partial)
        except BaseException as err:  # never leave a waiter (an export) blocked for ever
            self.future.set_exception(err)
            return
        self.future.set_result(full)
        self.relay.done.emit(self.generation, full)


class CurrentJob(QRunnable):
    """The shown model of a long change, and the loss gradients its plot draws first."""

    def __init__(self, generation: int, prepared: PreparedComparison, future: Future, relay: Relay):
        super().__init__()
        self.generation, self.prepared, self.future, self.relay = (
            generation,
            prepared,
            future,
            relay,
        )

    def run(self) -> None:
        try:
            comparison = compare_prepared(self.prepared)
            _ = comparison.current_results.diagnostics.loss_grad
        except BaseException as err:  # said as a refused change, never a crash
            self.future.set_exception(err)
            self.relay.current_failed.emit(self.generation, err)
            return
        self.future.set_result(comparison)
        self.relay.current_done.emit(self.generation, comparison)
