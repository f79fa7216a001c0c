"""The playback cursor and the arithmetic that moves it. No Qt, no clock.

A step of a model is shown in *stages* (the LSTM's three: forget, select and
memorise, output). The cursor is ``(t, stage, phase)``: step index ``t``
(0-based: step t+1 of the sequence), stage index, and how far the active
stage's pulses have travelled (0 → 1). Positions on the timeline are floats
``p = t·S + stage + phase`` with S stages per step, so a frame is a pure
function of one number and nothing drifts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..i18n_marks import tr_noop

#: The stages of one step, per model, in order: (key, short title).
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "lstm": (
        ("forget", tr_noop("Forget")),
        ("remember", tr_noop("Select and memorise")),
        ("output", tr_noop("Output")),
    ),
    "gru": (
        ("reset", tr_noop("Reset")),
        ("candidate", tr_noop("Candidate")),
        ("update", tr_noop("Update")),
    ),
    "rnn": (("update", tr_noop("Update")),),
}

#: The backward pass plays one stage per step, whatever the model.
BACKWARD_STAGES: tuple[tuple[str, str], ...] = (("backward", tr_noop("Backward pass")),)

#: How long a stage lasts at 1×: long enough to read its caption (the issue asks for 2–3 s).
STAGE_SECONDS = 2.5

#: The speed choices: 1× holds each stage :data:`STAGE_SECONDS`; 16× is 0.16 s a stage.
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


def stages_of(kind: str, backward: bool = False) -> tuple[tuple[str, str], ...]:
    """The stages a cursor of this model and direction moves through."""
    return BACKWARD_STAGES if backward else STAGES[kind]


def stage_count(kind: str) -> int:
    return len(STAGES[kind])


@dataclass(frozen=True, order=True)
class Cursor:
    """Where playback is: step ``t`` (0-based), ``stage`` index, ``phase`` in [0, 1].

    ``backward``: the backward pass (BPTT) is playing, from step T down to 1,
    one stage per step: the gradient arriving at step ``t``.
    """

    t: int = 0
    stage: int = 0
    phase: float = 1.0
    backward: bool = False


@dataclass(frozen=True)
class Timeline:
    """The positions of one sequence: ``steps`` steps of ``stages`` stages each.

    Position 0 is the very start (step 1, first stage, nothing travelled yet);
    ``end`` is the last stage of the last step, complete. A whole-number
    position ``k`` shows stage ``k − 1`` complete.
    """

    steps: int
    stages: int
    backward: bool = False

    @classmethod
    def for_kind(cls, kind: str, steps: int, backward: bool = False) -> Timeline:
        """The forward timeline of a model, or its backward pass (one stage a step)."""
        return cls(steps=steps, stages=1 if backward else stage_count(kind), backward=backward)

    @property
    def end(self) -> float:
        return float(self.steps * self.stages)

    def clamp(self, position: float) -> float:
        return min(max(position, 0.0), self.end)

    def wrap(self, position: float) -> float:
        return position % self.end if self.end else 0.0

    def cursor(self, position: float) -> Cursor:
        """The cursor at a position (clamped to the timeline)."""
        p = self.clamp(position)
        if p <= 0.0:
            return Cursor(self._step(0), 0, 0.0, self.backward)
        # A whole-number position is a stage just completed (phase 1), not the
        # next one just begun: stepping lands there and must show the result.
        whole = math.ceil(p) - 1
        return Cursor(
            self._step(whole // self.stages), whole % self.stages, p - whole, self.backward
        )

    def _step(self, k: int) -> int:
        """The step shown ``k`` steps into playback (the backward pass starts at T)."""
        return self.steps - 1 - k if self.backward else k

    def position(self, cursor: Cursor) -> float:
        k = self._step(cursor.t)  # the map is its own inverse
        return self.clamp(k * self.stages + cursor.stage + cursor.phase)

    # -- stepping: every move lands on a completed stage (phase 1) ------------

    def next_stage(self, position: float) -> float:
        """The end of the next stage; from mid-stage, the end of the current one."""
        return self.clamp(math.floor(position + 1e-9) + 1.0)

    def previous_stage(self, position: float) -> float:
        """The end of the previous stage (stays at the first stage's end at most)."""
        return self.clamp(max(1.0, math.ceil(position - 1e-9) - 1.0))

    def next_step(self, position: float) -> float:
        """The end of the current step's last stage, or of the next step's."""
        s = self.stages
        step_end = (math.floor((position + 1e-9) / s) + 1) * s
        return self.clamp(float(step_end))

    def previous_step(self, position: float) -> float:
        s = self.stages
        step_end = (math.ceil((position - 1e-9) / s) - 1) * s
        return self.clamp(float(max(step_end, s)))

    def step_end(self, t: int) -> float:
        """The position at which step ``t`` (0-based) is complete."""
        return self.clamp(float((self._step(t) + 1) * self.stages))


@dataclass(frozen=True)
class PlaybackClock:
    """Derives the position from elapsed time, so uneven timer ticks never drift.

    ``position(now) = start_position + (now − start_time) · speed / STAGE_SECONDS``:
    at 1× every stage holds :data:`STAGE_SECONDS`, whatever the model.
    With ``hold`` playback stops at the end of each stage (presenting: the
    speaker talks, then plays on); :meth:`finished` says when it got there.
    Immutable: playing, pausing and seeking make a new clock.
    """

    start_position: float = 0.0
    start_time: float = 0.0
    speed: float = 1.0  # 1× = one stage per STAGE_SECONDS
    playing: bool = False
    loop: bool = True
    hold: bool = False

    def _held_at(self) -> float:
        """Where a holding clock stops: the end of the stage it started in."""
        return math.floor(self.start_position + 1e-9) + 1.0

    def position(self, now: float, timeline: Timeline) -> float:
        if not self.playing:
            return timeline.clamp(self.start_position)
        p = self.start_position + (now - self.start_time) * self.speed / STAGE_SECONDS
        if self.hold:
            return timeline.clamp(min(p, self._held_at()))
        return timeline.wrap(p) if self.loop and p >= timeline.end else timeline.clamp(p)

    def finished(self, now: float, timeline: Timeline) -> bool:
        """Playing, and at the end (without loop) or at the stage's end (with hold)."""
        if not self.playing:
            return False
        p = self.position(now, timeline)
        if self.hold:
            return p >= min(self._held_at(), timeline.end)
        return not self.loop and p >= timeline.end

    def _with(self, position: float, now: float, **changes: object) -> PlaybackClock:
        return replace(self, start_position=position, start_time=now, **changes)

    def play(self, now: float, timeline: Timeline) -> PlaybackClock:
        start = self.position(now, timeline)
        if start >= timeline.end:
            start = 0.0  # play from the end starts over
        return self._with(start, now, playing=True)

    def pause(self, now: float, timeline: Timeline) -> PlaybackClock:
        return self._with(self.position(now, timeline), now, playing=False)

    def seek(self, position: float, now: float, timeline: Timeline) -> PlaybackClock:
        return self._with(timeline.clamp(position), now)

    def with_speed(self, speed: float, now: float, timeline: Timeline) -> PlaybackClock:
        return self._with(self.position(now, timeline), now, speed=speed)

    def with_loop(self, loop: bool, now: float, timeline: Timeline) -> PlaybackClock:
        return self._with(self.position(now, timeline), now, loop=loop)

    def with_hold(self, hold: bool, now: float, timeline: Timeline) -> PlaybackClock:
        """Hold (or not) at the end of each stage, from where playback is now."""
        return self._with(self.position(now, timeline), now, hold=hold)
