"""The one place the window's truth lives: settings, their results, the playback clock.

Views call the session's methods and subscribe to its signals; none of them
holds state of its own. The cursor is derived from the clock and the time, so
uneven timer ticks never drift, and playback never recomputes the engine.

A settings change computes the model shown on the GUI thread and the other two
kinds (what the gradient plots compare it with) on a worker thread: the window
is redrawn at once, and the comparison completes when they arrive. A change whose
model alone would hold the GUI thread longer than :data:`BACKGROUND_SECONDS` (tens
of thousands of steps) is checked at once and run on the worker thread too: the
window keeps showing the last results, says what it computes, and stays usable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from ..i18n import error_text
from ..state.comparison import (
    Comparison,
    PreparedComparison,
    compare,
    compare_prepared,
    prepare_current,
)
from ..state.results import Prepared, Results
from ..state.settings import Settings, SettingsError
from ..state.timeline import Cursor, PlaybackClock, Timeline
from .session_jobs import CompleteJob, CurrentJob, Relay

FRAME_INTERVAL_MS = 16  # ~60 frames per second
#: A change whose shown model takes longer than this (estimated, one core) is run on
#: the worker thread: the window then never freezes for more than about this long.
BACKGROUND_SECONDS = 0.3


class Session(QObject):
    """Settings → results → cursor, with signals for every change.

    Parameters
    ----------
    settings
        The starting settings; they must be valid.
    clock
        Seconds as a float; ``time.perf_counter`` unless a test drives time.
    """

    resultsChanged = Signal(object)  # Results
    # The other kinds of a pending comparison arrived: the complete Comparison (newest only).
    comparisonChanged = Signal(object)
    cursorChanged = Signal(object)  # Cursor
    playingChanged = Signal(bool)
    speedChanged = Signal(float)
    backwardChanged = Signal(bool)
    loopChanged = Signal(bool)
    holdChanged = Signal(bool)
    # (field, message): a rejected change; ("", "") when the last change succeeded.
    settingsError = Signal(str, str)
    # The PreparedComparison of a long change being computed on the worker thread, or
    # None once it is shown, superseded or refused.
    computingChanged = Signal(object)

    def __init__(
        self,
        settings: Settings | None = None,
        clock: Callable[[], float] = time.perf_counter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        #: The field and error of the last refused change (None once a change is applied).
        self.last_error: tuple[str, BaseException] | None = None
        self._now = clock
        # The other kinds of the newest change, computed on one worker thread: a newer
        # change drops a job not yet started, and a result of an older one is discarded.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = Relay()
        self._relay.done.connect(self._others_arrived)
        # A long change's model on a thread of its own: an older change's other kinds,
        # which cannot be stopped once running, must not hold it up.
        self._current_pool = QThreadPool(self)
        self._current_pool.setMaxThreadCount(1)
        self._relay.current_done.connect(self._current_arrived)
        self._relay.current_failed.connect(self._current_failed)
        self._generation = 0
        # A long change being computed: its settings, the first field it changed,
        # its result, and what was asked to happen once it is shown.
        self._computing: PreparedComparison | None = None
        self._computing_field = ""
        self._current: Future[Comparison] | None = None
        self._when_shown: list[Callable[[], None]] = []
        self._pending: Future[Comparison] | None = None
        # The newest change's job waits for this zero timer: the window draws the change
        # first, with the cores (and the GIL) to itself.
        self._unstarted: CompleteJob | None = None
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.setInterval(0)
        self._start_timer.timeout.connect(self._start_others)
        # All three models on the same settings: the gradient plots compare them. A long
        # start (a remembered 100,000 steps) shows the defaults until its run arrives, so
        # the window opens at once; refusals are made here either way.
        start = settings or Settings()
        prepared = prepare_current(start)
        long_start = self._long(prepared)
        self._comparison = compare(Settings() if long_start else start)
        self._results = self._comparison.current_results
        self._backward = False
        self._timeline = self._make_timeline()
        self._clock = PlaybackClock(speed=1.0, loop=True)
        self._last_cursor = self.cursor
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self.tick)
        if long_start:
            self._compute_in_background(prepared, "")

    # -- what views read ------------------------------------------------------

    @property
    def results(self) -> Results:
        return self._results

    @property
    def comparison(self) -> Comparison:
        """The current model and the other two kinds on the same sequence and sizes.

        Right after a settings change the other kinds may still be
        :attr:`~lstm_viz.state.comparison.Comparison.pending`: ``comparisonChanged``
        brings the complete comparison, and :meth:`wait_comparison` waits for it.
        """
        return self._comparison

    def wait_comparison(self, timeout: float | None = None) -> Comparison:
        """The complete comparison of what is shown, waiting for its other kinds.

        For what needs every kind now (an export, a what-if, tests). If they were
        pending, they are shown before this returns (``comparisonChanged``), and
        their late delivery is ignored. Raises ``TimeoutError`` after ``timeout``
        seconds (``None``: no limit). A long change still being computed is waited
        for and shown first (if it fails, the last results stay, as ``settingsError``
        says).
        """
        if self._current is not None:
            generation, current = self._generation, self._current
            try:
                self._current_arrived(generation, current.result(timeout))
            except TimeoutError:
                raise
            except Exception as err:
                self._current_failed(generation, err)
        if self._pending is not None:
            self._start_others()
            self._others_arrived(self._generation, self._pending.result(timeout))
        return self._comparison

    @property
    def settings(self) -> Settings:
        """The settings of the results shown."""
        return self._results.settings

    @property
    def computing(self) -> PreparedComparison | None:
        """A long change being computed on the worker thread (its settings, model and
        sequence), else None. A further change starts from its settings, not from
        :attr:`settings`."""
        return self._computing

    @property
    def latest(self) -> Results | Prepared:
        """What the last accepted change runs: the results shown, or a long change's
        prepared run while it computes (its ``settings``, ``kind``, ``model``, ``stack``,
        ``steps``, ``sequence`` and ``weights``, named as :class:`Results` names them).
        The settings form shows it, and it is what quitting remembers."""
        return self._results if self._computing is None else self._computing.prepared

    def when_shown(self, action: Callable[[], None]) -> None:
        """Call ``action`` once the last accepted change is shown: now, or when a long
        change arrives (never, if a newer change or its failure drops it)."""
        if self._computing is None:
            action()
        else:
            self._when_shown.append(action)

    @property
    def timeline(self) -> Timeline:
        return self._timeline

    @property
    def position(self) -> float:
        return self._clock.position(self._now(), self._timeline)

    @property
    def cursor(self) -> Cursor:
        return self._timeline.cursor(self.position)

    @property
    def backward(self) -> bool:
        """Whether playback shows the backward pass (from step T down to 1)."""
        return self._backward

    @property
    def playing(self) -> bool:
        return self._clock.playing

    @property
    def speed(self) -> float:
        return self._clock.speed

    @property
    def loop(self) -> bool:
        return self._clock.loop

    # -- settings -------------------------------------------------------------

    def apply(self, **changes: Any) -> bool:
        """Recompute with some settings changed; on a bad value keep everything as it was.

        Returns whether the change was applied. A rejected change emits
        ``settingsError(field, message)``; an accepted one ``settingsError("", "")``.
        """
        try:
            base = self.settings if self._computing is None else self._computing.settings
            new = base.replace(**changes)
            if self._computing is not None and new == base:
                # The run under way is this change (a scenario applied on a long start).
                self.last_error = None
                self.settingsError.emit("", "")
                return True
            # Every refusal is made here, at once; only then may the run be long.
            prepared = prepare_current(new)
            # The model shown now; the other kinds follow from a worker thread.
            comparison = None if self._long(prepared) else compare_prepared(prepared)
        except SettingsError as err:
            self.last_error = (err.field, err)
            self.settingsError.emit(err.field, error_text(err))
            return False
        except (ValueError, OSError) as err:
            # ValueError: a bad sequence or weight file (the message names the file
            # and the line or key); OSError: a file that cannot be read at all.
            field = next(iter(changes), "")
            self.last_error = (field, err)
            self.settingsError.emit(field, self.error_message())
            return False
        if comparison is None:
            self._compute_in_background(prepared, next(iter(changes), ""))
        else:
            self._set_results(comparison)
        self.last_error = None
        self.settingsError.emit("", "")
        return True

    @staticmethod
    def _long(prepared: PreparedComparison) -> bool:
        return prepared.seconds > BACKGROUND_SECONDS

    def _compute_in_background(self, prepared: PreparedComparison, field: str) -> None:
        self._drop_jobs()
        self._computing, self._computing_field = prepared, field
        self._current = Future()
        job = CurrentJob(self._generation, prepared, self._current, self._relay)
        self._current_pool.start(job)
        self.computingChanged.emit(prepared)

    @Slot(int, object)
    def _current_arrived(self, generation: int, comparison: Comparison) -> None:
        """GUI thread: the long change's model is shown, and what waited for it runs."""
        if generation != self._generation or self._computing is None:
            return
        actions = self._when_shown
        self._computing, self._current, self._when_shown = None, None, []
        self._set_results(comparison)
        if self._computing is not None:
            return  # a listener made a newer long change: that one is computing now
        self.computingChanged.emit(None)
        for action in actions:
            action()

    @Slot(int, object)
    def _current_failed(self, generation: int, err: BaseException) -> None:
        """GUI thread: the long change could not be computed; the last results stay."""
        if generation != self._generation or self._computing is None:
            return
        field = self._computing_field
        self._computing, self._current, self._when_shown = None, None, []
        self.last_error = (field, err)
        # The long change dropped the other kinds of what is still shown: they follow.
        self._complete_later(self._comparison)
        self.computingChanged.emit(None)
        self.settingsError.emit(field, self.error_message())

    def show_edited(self, comparison: Comparison) -> None:
        """Show a what-if's edited results (:mod:`lstm_viz.state.whatif`); the settings
        stay as they are, so the next settings change starts from them again.

        ``comparison`` must be complete (edit :meth:`wait_comparison`'s): pending
        kinds would be computed from the settings, without the edits.
        """
        if not comparison.is_complete:
            raise ValueError("show_edited needs a complete comparison (see wait_comparison)")
        self._set_results(comparison)

    def error_message(self) -> str:
        """Why the last change was refused, in the current language ("" if it was not)."""
        if self.last_error is None:
            return ""
        field, err = self.last_error
        if isinstance(err, ValueError):
            return error_text(err)
        return f"{field}: {err}" if field else str(err)  # a long start names no field

    def _set_results(self, comparison: Comparison) -> None:
        self._drop_jobs()
        now = self._now()
        old_cursor, old_timeline = self.cursor, self._timeline
        self._comparison = comparison
        self._results = results = comparison.current_results
        self._timeline = self._make_timeline()
        # Stay on the same step, as far through it as before (a finished step
        # stays finished when the new model has another number of stages).
        through = (old_cursor.stage + old_cursor.phase) / old_timeline.stages
        t = min(old_cursor.t, results.steps - 1)
        position = self._timeline.step_end(t) - (1.0 - through) * self._timeline.stages
        self._clock = self._clock.seek(position, now, self._timeline)
        # Due before the listeners hear of the change, so that one of them may wait for
        # the other kinds; a listener's newer change drops these (``_drop_jobs``).
        self._complete_later(comparison)
        self.resultsChanged.emit(results)
        self._emit_cursor(force=True)

    def _complete_later(self, comparison: Comparison) -> None:
        """Compute the other kinds of ``comparison`` (shown now) on the worker thread."""
        if not comparison.is_complete:
            self._pending = Future()
            self._unstarted = CompleteJob(self._generation, comparison, self._pending, self._relay)
            self._start_timer.start()

    def _start_others(self) -> None:
        self._start_timer.stop()
        job, self._unstarted = self._unstarted, None
        if job is not None:
            self._pool.start(job)

    def _drop_jobs(self) -> None:
        """Whatever an older change's jobs bring (its other kinds, or its long-computed
        model) is for results no longer shown."""
        self._generation += 1
        self._pending = self._unstarted = None
        self._start_timer.stop()
        self._pool.clear()
        self._current_pool.clear()
        if self._computing is not None:
            self._computing, self._current, self._when_shown = None, None, []
            self.computingChanged.emit(None)

    @Slot(int, object)
    def _others_arrived(self, generation: int, full: Comparison) -> None:
        """GUI thread: the newest change's complete comparison is shown; older ones are
        dropped (and one :meth:`wait_comparison` has shown already)."""
        if generation != self._generation or self._pending is None:
            return
        self._pending = None
        self._comparison = full
        self.comparisonChanged.emit(full)

    def _make_timeline(self) -> Timeline:
        return Timeline.for_kind(self._results.kind, self._results.steps, self._backward)

    def set_backward(self, on: bool) -> None:
        """Play the backward pass (from T down to 1) instead of the forward pass.

        Switching starts the chosen pass from its beginning: the backward pass
        from step T, where the loss is; the forward pass from step 1.
        """
        if on == self._backward:
            return
        self._backward = bool(on)
        self._timeline = self._make_timeline()
        self._clock = self._clock.seek(0.0, self._now(), self._timeline)
        self.backwardChanged.emit(self._backward)
        self._emit_cursor(force=True)

    # -- playback -------------------------------------------------------------

    def play(self) -> None:
        if not self.playing:
            self._clock = self._clock.play(self._now(), self._timeline)
            self._timer.start()
            self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.playing:
            self._clock = self._clock.pause(self._now(), self._timeline)
            self._timer.stop()
            self.playingChanged.emit(False)
            self._emit_cursor()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def seek(self, position: float) -> None:
        self._clock = self._clock.seek(position, self._now(), self._timeline)
        self._emit_cursor()

    def _step_to(self, position: float) -> None:
        # Stepping is a deliberate move: it pauses, like every media player.
        self.pause()
        self.seek(position)

    def next_stage(self) -> None:
        self._step_to(self._timeline.next_stage(self.position))

    def previous_stage(self) -> None:
        self._step_to(self._timeline.previous_stage(self.position))

    def next_step(self) -> None:
        self._step_to(self._timeline.next_step(self.position))

    def previous_step(self) -> None:
        self._step_to(self._timeline.previous_step(self.position))

    def to_start(self) -> None:
        self._step_to(0.0)

    def to_end(self) -> None:
        self._step_to(self._timeline.end)

    def jump_to_step(self, t: int) -> None:
        """Show step ``t`` (0-based) complete."""
        self._step_to(self._timeline.step_end(max(0, min(t, self._timeline.steps - 1))))

    def set_speed(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError(f"speed must be positive, got {speed}")
        self._clock = self._clock.with_speed(speed, self._now(), self._timeline)
        self.speedChanged.emit(speed)

    @property
    def hold(self) -> bool:
        """Whether playback stops at the end of each stage (presenting)."""
        return self._clock.hold

    def set_hold(self, hold: bool) -> None:
        """Stop at the end of every stage (Play continues to the next one)."""
        if bool(hold) != self._clock.hold:
            self._clock = self._clock.with_hold(bool(hold), self._now(), self._timeline)
            self.holdChanged.emit(bool(hold))

    def set_loop(self, loop: bool) -> None:
        self._clock = self._clock.with_loop(loop, self._now(), self._timeline)
        self.loopChanged.emit(loop)

    def tick(self) -> None:
        """Called by the frame timer: publish the cursor the clock gives now."""
        now = self._now()
        if self._clock.finished(now, self._timeline):
            self._clock = self._clock.pause(now, self._timeline)
            self._timer.stop()
            self.playingChanged.emit(False)
        self._emit_cursor()

    def _emit_cursor(self, force: bool = False) -> None:
        cursor = self.cursor
        if force or cursor != self._last_cursor:
            self._last_cursor = cursor
            self.cursorChanged.emit(cursor)

    def shutdown(self, wait: bool = True) -> bool:
        """Stop the frame timer and drop the pending computations (a long change's
        model, the other kinds; the window calls this when it closes); with ``wait``,
        wait for a running one.

        Returns whether none is still running (its result is discarded either way).
        """
        self._timer.stop()
        self._drop_jobs()
        current_done = self._current_pool.waitForDone(-1 if wait else 0)
        return self._pool.waitForDone(-1 if wait else 0) and current_done
