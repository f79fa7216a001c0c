"""Background jobs for the plots, with stale results discarded.

A panel submits a job under a *key* (say ``"sweep"``); every submission gets the
next generation number for that key. When a job finishes, its result crosses to
the GUI thread through a queued signal and is delivered only if its generation
is still the newest for its key; an older result that arrives late is dropped,
so a slow job can never paint over a newer one. Workers never touch widgets.

A job submitted with ``reports=True`` is called with one argument, a function it
calls with the fraction of its work done, ``report(fraction)``, or with a result so
far as well, ``report(fraction, partial)``; once the job has run for
``BackgroundRunner.progress_after`` seconds, those fractions cross to the GUI thread
too (``progressed``), and the partial results at most every
``BackgroundRunner.partial_every`` seconds (``partial``), again only for the newest
generation and only before its result. A reporting job that a newer submission (or
:meth:`BackgroundRunner.cancel`) has superseded stops at its next report: its
thread goes to the jobs still wanted.

Order: started jobs wait in the runner's own queue, and a pool thread that comes
free takes the first job of the keys put first (:meth:`BackgroundRunner.put_first`,
the panel on screen), else the oldest; a queued job that a newer one of its key has
superseded is dropped unrun. (``QThreadPool.start`` takes a priority too, but fixes
it when the job is queued; the order here is decided when a thread is free, so
switching tabs re-orders what still waits.)
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from ..i18n_core import error_text

__all__ = ["BackgroundRunner"]


class _Relay(QObject):
    """Carries one job's outcome from the pool thread to the runner (queued)."""

    done = Signal(str, int, object, str)
    progressed = Signal(str, int, float)
    partial = Signal(str, int, object)
    started = Signal(str, int)


class _Superseded(Exception):
    """Raised in a reporting job, at its report, once a newer job of its key exists."""


class _Job:
    """One submitted callable and how it reports."""

    def __init__(
        self,
        runner: BackgroundRunner,
        key: str,
        generation: int,
        fn: Callable[..., Any],
        report_after: float | None = None,
    ) -> None:
        self.runner, self.key, self.generation, self.fn = runner, key, generation, fn
        self.relay = runner._relay
        self.report_after = report_after  # None: the job takes no reporter

    def _report(self, started: float) -> Callable[..., None]:
        last_partial = -1.0
        every = self.runner.partial_every

        def report(fraction: float, partial: object = None) -> None:
            nonlocal last_partial
            if not self.runner.wanted(self.key, self.generation):
                raise _Superseded
            now = time.perf_counter()
            # A quick job never shows a line: only what outlasts report_after is sent.
            if now - started < (self.report_after or 0.0):
                return
            self.relay.progressed.emit(self.key, self.generation, float(fraction))
            if partial is not None and (last_partial < 0 or now - last_partial >= every):
                last_partial = now
                self.relay.partial.emit(self.key, self.generation, partial)

        return report

    def run(self) -> None:
        self.relay.started.emit(self.key, self.generation)
        try:
            if self.report_after is None:
                result = self.fn()
            else:
                result = self.fn(self._report(time.perf_counter()))
            error = ""
        except _Superseded:  # its result would be discarded: none is made
            result, error = None, ""
        except ValueError as err:  # a refusal (budget, settings): said in its own words
            result, error = None, error_text(err)
        except Exception:  # a bug: reported to the GUI thread with its place, never swallowed
            result, error = None, traceback.format_exc(limit=4)
        self.relay.done.emit(self.key, self.generation, result, error)


class _Slot(QRunnable):
    """A pool thread's turn: it runs the runner's first queued job, if any is left."""

    def __init__(self, runner: BackgroundRunner) -> None:
        super().__init__()
        self.runner = runner

    def run(self) -> None:
        job = self.runner._take()
        if job is not None:
            job.run()


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
    partial(key, result)
        The newest job for ``key`` published a result so far (``report(fraction,
        partial)``; at most every ``partial_every`` s, never after its result).
    started(key)
        The newest job for ``key`` began to run on a pool thread.
    """

    finished = Signal(str, object)
    progressed = Signal(str, float)
    partial = Signal(str, object)
    started = Signal(str)
    failed = Signal(str, str)
    discarded = Signal(str, int)
    busy_changed = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        max_threads: int = 2,
        progress_after: float = 0.5,
        partial_every: float = 0.3,
    ) -> None:
        super().__init__(parent)
        self.progress_after = progress_after
        self.partial_every = partial_every
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._latest: dict[str, int] = {}
        self._pending: set[str] = set()
        # Jobs started but not yet running, oldest first; pool threads take from it.
        self._lock = threading.Lock()
        self._queue: list[tuple[int, _Job]] = []
        self._order = itertools.count()
        self._first: tuple[str, ...] = ()
        self._relay = _Relay()
        self._relay.done.connect(self.deliver)
        self._relay.progressed.connect(self._progress)
        self._relay.partial.connect(self._partial)
        self._relay.started.connect(self._started)
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

    @property
    def queued(self) -> tuple[str, ...]:
        """The keys of the jobs waiting for a thread, in the order they would run."""
        with self._lock:
            return tuple(job.key for _, job in sorted(self._queue, key=self._rank))

    def put_first(self, prefixes: Iterable[str]) -> None:
        """Run the jobs whose keys start with one of ``prefixes`` before any other (the
        panel on screen); what already waits is re-ordered, what runs keeps running."""
        with self._lock:
            self._first = tuple(prefixes)

    def wanted(self, key: str, generation: int) -> bool:
        """Whether ``generation`` is still the newest job of ``key`` (any thread)."""
        return self._latest.get(key) == generation

    def _rank(self, entry: tuple[int, _Job]) -> tuple[bool, int]:
        order, job = entry
        return (not job.key.startswith(self._first) if self._first else True, order)

    def _start(self, key: str, gen: int, fn: Callable[..., Any], reports: bool) -> None:
        after = self.progress_after if reports else None
        with self._lock:
            self._queue.append((next(self._order), _Job(self, key, gen, fn, after)))
        self._pool.start(_Slot(self))

    def _take(self) -> _Job | None:
        """Pool thread: the first queued job still wanted (stale ones are dropped unrun)."""
        with self._lock:
            self._queue = [e for e in self._queue if self.wanted(e[1].key, e[1].generation)]
            if not self._queue:
                return None
            entry = min(self._queue, key=self._rank)
            self._queue.remove(entry)
            return entry[1]

    def _start_waiting(self, key: str) -> None:
        waiting = self._waiting.pop(key, None)
        if waiting is not None and waiting[0] == self._latest.get(key):
            self._start(key, *waiting)

    @Slot(str, int, float)
    def _progress(self, key: str, generation: int, fraction: float) -> None:
        # Only the newest job's progress, and only while its result is still due.
        if generation == self._latest.get(key) and key in self._pending:
            self.progressed.emit(key, fraction)

    @Slot(str, int, object)
    def _partial(self, key: str, generation: int, result: object) -> None:
        if generation == self._latest.get(key) and key in self._pending:
            self.partial.emit(key, result)

    @Slot(str, int)
    def _started(self, key: str, generation: int) -> None:
        if generation == self._latest.get(key):
            self.started.emit(key)

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
        with self._lock:
            self._queue.clear()
        self._pool.clear()
        for key in list(self._latest):
            self.cancel(key)
        return self._pool.waitForDone(-1 if wait else 0)
