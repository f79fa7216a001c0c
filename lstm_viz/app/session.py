"""The one place the window's truth lives: settings, their results, the playback clock.

Views call the session's methods and subscribe to its signals; none of them
holds state of its own. The cursor is derived from the clock and the time, so
uneven timer ticks never drift, and playback never recomputes the engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..i18n import error_text
from ..state.comparison import Comparison, compare
from ..state.results import Results
from ..state.settings import Settings, SettingsError
from ..state.timeline import Cursor, PlaybackClock, Timeline

FRAME_INTERVAL_MS = 16  # ~60 frames per second


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
    cursorChanged = Signal(object)  # Cursor
    playingChanged = Signal(bool)
    speedChanged = Signal(float)
    backwardChanged = Signal(bool)
    loopChanged = Signal(bool)
    holdChanged = Signal(bool)
    # (field, message): a rejected change; ("", "") when the last change succeeded.
    settingsError = Signal(str, str)

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
        # All three models on the same settings: the gradient plots compare them.
        self._comparison = compare(settings or Settings())
        self._results = self._comparison.current_results
        self._backward = False
        self._timeline = self._make_timeline()
        self._clock = PlaybackClock(speed=1.0, loop=True)
        self._last_cursor = self.cursor
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self.tick)

    # -- what views read ------------------------------------------------------

    @property
    def results(self) -> Results:
        return self._results

    @property
    def comparison(self) -> Comparison:
        """The current model and the other two kinds on the same sequence and sizes."""
        return self._comparison

    @property
    def settings(self) -> Settings:
        return self._results.settings

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
            new = self.settings.replace(**changes)
            comparison = compare(new)
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
        self._set_results(comparison)
        self.last_error = None
        self.settingsError.emit("", "")
        return True

    def show_edited(self, comparison: Comparison) -> None:
        """Show a what-if's edited results (:mod:`lstm_viz.state.whatif`); the settings
        stay as they are, so the next settings change starts from them again."""
        self._set_results(comparison)

    def error_message(self) -> str:
        """Why the last change was refused, in the current language ("" if it was not)."""
        if self.last_error is None:
            return ""
        field, err = self.last_error
        return error_text(err) if isinstance(err, ValueError) else f"{field}: {err}"

    def _set_results(self, comparison: Comparison) -> None:
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
        self.resultsChanged.emit(results)
        self._emit_cursor(force=True)

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

    def shutdown(self) -> None:
        """Stop the frame timer (the window calls this when it closes)."""
        self._timer.stop()
