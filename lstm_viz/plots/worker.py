"""Background jobs for the plots, with stale results discarded.

A panel submits a job under a *key* (say ``"sweep"``); every submission gets the
next generation number for that key. When a job finishes, its result crosses to
the GUI thread through a queued signal and is delivered only if its generation
is still the newest for its key; an older result that arrives late is dropped,
so a slow job can never paint over a newer one. Workers never touch widgets.

A job submitted with ``reports=True`` is called with one argument, a function it
calls with the fraction of its work done; once the job has run for
``BackgroundRunner.progress_after`` seconds, those fractions cross to the GUI
thread too (``progressed``), again only for the newest generation.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from ..i18n_core import error_text

__all__ = ["BackgroundRunner"]


class _Relay(QObject):
    """Carries one job's outcome from the pool thread to the runner (queued)."""

    done = Signal(str, int, object, str)
    progressed = Signal(str, int, float)


class _Job(QRunnable):
    def __init__(
        self,
        key: str,
        generation: int,
        fn: Callable[..., Any],
        relay: _Relay,
        report_after: float | None = None,
    ) -> None:
        super().__init__()
        self.key, self.generation, self.fn, self.relay = key, generation, fn, relay
        self.report_after = report_after  # None: the job takes no reporter

    def _report(self, started: float) -> Callable[[float], None]:
        def report(fraction: float) -> None:
            # A quick job never shows a line: only what outlasts report_after is sent.
            if time.perf_counter() - started >= (self.report_after or 0.0):
                self.relay.progressed.emit(self.key, self.generation, float(fraction))

        return report

    def run(self) -> None:
        try:
            if self.report_after is None:
                result = self.fn()
            else:
                result = self.fn(self._report(time.perf_counter()))
            error = ""
        except ValueError as err:  # a refusal (budget, settings): said in its own words
            result, error = None, error_text(err)
        except Exception:  # a bug: reported to the GUI thread with its place, never swallowed
            result, error = None, traceback.format_exc(limit=4)
        self.relay.done.emit(self.key, self.generation, result, error)


class BackgroundRunner(QObject):
    """Runs callables on a thread pool; delivers only the newest result per key.

    Signals
    -------
    finished(key, result)
        The newest job for ``key`` returned ``result`` (GUI thread).
    failed(key, message)
        The newest job for ``key`` raised; ``message`` is the traceback.
    discarded(key, generation)
        A result arrived for a job that a newer submission had superseded.
    busy_changed(busy)
        Whether any key is still waiting for its newest job.
    progressed(key, fraction)
        The newest job for ``key`` has done ``fraction`` of its work (jobs
        submitted with ``reports=True``, once they have run ``progress_after`` s).
    """

    finished = Signal(str, object)
    progressed = Signal(str, float)
    failed = Signal(str, str)
    discarded = Signal(str, int)
    busy_changed = Signal(bool)

    def __init__(
        self, parent: QObject | None = None, max_threads: int = 2, progress_after: float = 0.5
    ) -> None:
        super().__init__(parent)
        self.progress_after = progress_after
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._latest: dict[str, int] = {}
        self._pending: set[str] = set()
        self._relay = _Relay()
        self._relay.done.connect(self.deliver)
        self._relay.progressed.connect(self._progress)
        self._timers: dict[str, QTimer] = {}
        self._waiting: dict[str, tuple[int, Callable[..., Any], bool]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @property
    def pending(self) -> frozenset[str]:
        """The keys whose newest job has not been delivered yet."""
        return frozenset(self._pending)

    def generation(self, key: str) -> int:
        """The newest generation submitted for ``key`` (0 before any)."""
        return self._latest.get(key, 0)

    def submit(
        self, key: str, fn: Callable[..., Any], delay_ms: int = 0, reports: bool = False
    ) -> int:
        """Run ``fn()`` in the background as the newest job for ``key``; its generation.

        With ``delay_ms`` the job starts only after that long without a newer
        submission for ``key``: dragging a slider does not start a sweep per
        tick, only one when the slider rests. With ``reports`` it runs as
        ``fn(report)`` and ``report(fraction)`` becomes ``progressed``.
        """
        gen = self.next_generation(key)
        if delay_ms <= 0:
            self._start(key, gen, fn, reports)
            return gen
        timer = self._timers.get(key)
        if timer is None:
            timer = self._timers[key] = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=key: self._start_waiting(k))
        self._waiting[key] = (gen, fn, reports)
        timer.start(delay_ms)
        return gen

    def _start(self, key: str, gen: int, fn: Callable[..., Any], reports: bool) -> None:
        after = self.progress_after if reports else None
        self._pool.start(_Job(key, gen, fn, self._relay, after))

    def _start_waiting(self, key: str) -> None:
        waiting = self._waiting.pop(key, None)
        if waiting is not None and waiting[0] == self._latest.get(key):
            self._start(key, *waiting)

    @Slot(str, int, float)
    def _progress(self, key: str, generation: int, fraction: float) -> None:
        # Only the newest job's progress, and only while its result is still due.
        if generation == self._latest.get(key) and key in self._pending:
            self.progressed.emit(key, fraction)

    def next_generation(self, key: str) -> int:
        """Claim the next generation for ``key`` (what :meth:`submit` does first)."""
        gen = self._latest.get(key, 0) + 1
        self._latest[key] = gen
        was = self.busy
        self._pending.add(key)
        if not was:
            self.busy_changed.emit(True)
        return gen

    def cancel(self, key: str) -> None:
        """Forget ``key``'s pending job: whatever it returns will be discarded."""
        self._latest[key] = self._latest.get(key, 0) + 1
        self._settle(key)

    @Slot(str, int, object, str)
    def deliver(self, key: str, generation: int, result: object, error: str = "") -> None:
        """GUI thread: hand on a job's result if it is the newest for its key, else drop it.

        Jobs arrive here through a queued signal; tests call it directly to
        deliver generations in any order.
        """
        if generation != self._latest.get(key):
            self.discarded.emit(key, generation)
            return
        self._settle(key)
        if error:
            self.failed.emit(key, error)
        else:
            self.finished.emit(key, result)

    def _settle(self, key: str) -> None:
        was = self.busy
        self._pending.discard(key)
        if was and not self.busy:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started job has returned (results are still queued)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, wait: bool = True) -> bool:
        """Drop queued jobs, wait for running ones and discard whatever they return.

        With ``wait=False`` it does not wait: the result says whether no job is
        still running (a Python function in a pool thread cannot be stopped, so
        a command that must stop now ends its process instead of waiting).
        """
        for timer in self._timers.values():
            timer.stop()
        self._waiting.clear()
        self._pool.clear()
        for key in list(self._latest):
            self.cancel(key)
        return self._pool.waitForDone(-1 if wait else 0)
