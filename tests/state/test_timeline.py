"""The cursor arithmetic: positions, stepping, and a clock that never drifts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_viz.state.timeline import Cursor, PlaybackClock, Timeline


def test_position_maps_to_step_stage_and_phase() -> None:
    tl = Timeline(steps=10, stages=3)
    assert tl.cursor(0.0) == Cursor(0, 0, 0.0)
    assert tl.cursor(4.25) == Cursor(1, 1, 0.25)
    assert tl.cursor(tl.end) == Cursor(9, 2, 1.0)
    assert tl.cursor(-5) == Cursor(0, 0, 0.0)
    assert tl.cursor(3.0) == Cursor(0, 2, 1.0)  # step 1 complete, not step 2 begun
    assert tl.cursor(1.0) == Cursor(0, 0, 1.0)
    assert tl.cursor(1e9) == Cursor(9, 2, 1.0)


@given(st.integers(1, 50), st.integers(1, 3), st.floats(0, 1, exclude_max=True))
def test_cursor_and_position_are_inverse(steps: int, stages: int, frac: float) -> None:
    tl = Timeline(steps, stages)
    p = frac * tl.end
    assert tl.position(tl.cursor(p)) == pytest.approx(p)


def test_stage_stepping_lands_on_completed_stages() -> None:
    tl = Timeline(steps=4, stages=3)
    assert tl.next_stage(0.0) == 1.0
    assert tl.next_stage(1.0) == 2.0
    assert tl.next_stage(1.4) == 2.0
    assert tl.previous_stage(2.0) == 1.0
    assert tl.previous_stage(2.5) == 2.0
    assert tl.previous_stage(1.0) == 1.0  # the first stage's end is the earliest stop
    assert tl.next_stage(tl.end) == tl.end


def test_step_stepping_moves_by_whole_steps() -> None:
    tl = Timeline(steps=4, stages=3)
    assert tl.next_step(0.0) == 3.0
    assert tl.next_step(3.0) == 6.0
    assert tl.next_step(4.5) == 6.0
    assert tl.previous_step(6.0) == 3.0
    assert tl.previous_step(7.0) == 6.0
    assert tl.previous_step(3.0) == 3.0
    assert tl.next_step(tl.end) == tl.end
    assert tl.step_end(1) == 6.0


def test_clock_derives_position_from_elapsed_time() -> None:
    tl = Timeline(steps=10, stages=3)
    clock = PlaybackClock(speed=2.0, loop=False).play(now=100.0, timeline=tl)
    # 2 steps per second × 3 stages per step = 6 positions per second.
    assert clock.position(100.5, tl) == pytest.approx(3.0)
    # Uneven ticks do not matter: only the time asked about does.
    for now in (100.01, 100.3, 100.31, 100.9):
        clock.position(now, tl)
    assert clock.position(101.0, tl) == pytest.approx(6.0)
    assert clock.position(200.0, tl) == tl.end
    assert clock.finished(200.0, tl)


def test_clock_loops_when_asked() -> None:
    tl = Timeline(steps=2, stages=3)
    clock = PlaybackClock(speed=1.0, loop=True).play(0.0, tl)
    assert clock.position(2.5, tl) == pytest.approx(1.5)  # 7.5 positions wrap to 1.5
    assert not clock.finished(2.5, tl)


def test_pause_freezes_and_play_resumes_from_there() -> None:
    tl = Timeline(steps=10, stages=1)
    clock = PlaybackClock(speed=1.0, loop=False).play(0.0, tl)
    paused = clock.pause(2.0, tl)
    assert paused.position(50.0, tl) == pytest.approx(2.0)
    resumed = paused.play(50.0, tl)
    assert resumed.position(51.0, tl) == pytest.approx(3.0)


def test_speed_change_keeps_the_current_position() -> None:
    tl = Timeline(steps=10, stages=1)
    clock = PlaybackClock(speed=1.0).play(0.0, tl)
    faster = clock.with_speed(4.0, 2.0, tl)
    assert faster.position(2.0, tl) == pytest.approx(2.0)
    assert faster.position(2.5, tl) == pytest.approx(4.0)


def test_play_at_the_end_starts_over() -> None:
    tl = Timeline(steps=3, stages=1)
    clock = PlaybackClock(loop=False).seek(tl.end, 0.0, tl).play(1.0, tl)
    assert clock.position(1.0, tl) == 0.0


def test_backward_timeline_runs_from_the_last_step_to_the_first() -> None:
    tl = Timeline.for_kind("lstm", 5, backward=True)
    assert tl.stages == 1 and tl.end == 5.0
    assert tl.cursor(0.0) == Cursor(4, 0, 0.0, backward=True)
    assert tl.cursor(1.0) == Cursor(4, 0, 1.0, backward=True)
    assert tl.cursor(2.5) == Cursor(2, 0, 0.5, backward=True)
    assert tl.cursor(tl.end) == Cursor(0, 0, 1.0, backward=True)
    assert tl.step_end(4) == 1.0 and tl.step_end(0) == 5.0
    for p in (0.25, 1.0, 3.75):
        assert tl.position(tl.cursor(p)) == pytest.approx(p)
