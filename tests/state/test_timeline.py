"""The cursor arithmetic: positions, stepping, and a clock that never drifts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_viz.state.timeline import STAGE_SECONDS, Cursor, PlaybackClock, Timeline


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
    # At 2× a stage lasts STAGE_SECONDS / 2, whatever the number of stages.
    assert clock.position(100.0 + STAGE_SECONDS / 2, tl) == pytest.approx(1.0)
    # Uneven ticks do not matter: only the time asked about does.
    for now in (100.01, 100.3, 100.31, 100.9):
        clock.position(now, tl)
    assert clock.position(100.0 + 3 * STAGE_SECONDS, tl) == pytest.approx(6.0)
    assert clock.position(1000.0, tl) == tl.end
    assert clock.finished(1000.0, tl)


def test_at_1x_every_stage_holds_long_enough_to_read_its_caption() -> None:
    assert 2.0 <= STAGE_SECONDS <= 3.0
    for stages in (1, 3):
        tl = Timeline(steps=10, stages=stages)
        clock = PlaybackClock(speed=1.0).play(0.0, tl)
        assert clock.position(STAGE_SECONDS, tl) == pytest.approx(1.0)


def test_clock_loops_when_asked() -> None:
    tl = Timeline(steps=2, stages=3)
    clock = PlaybackClock(speed=1.0, loop=True).play(0.0, tl)
    # 7.5 positions wrap to 1.5
    assert clock.position(7.5 * STAGE_SECONDS, tl) == pytest.approx(1.5)
    assert not clock.finished(7.5 * STAGE_SECONDS, tl)


def test_pause_freezes_and_play_resumes_from_there() -> None:
    tl = Timeline(steps=10, stages=1)
    clock = PlaybackClock(speed=1.0, loop=False).play(0.0, tl)
    paused = clock.pause(2 * STAGE_SECONDS, tl)
    assert paused.position(500.0, tl) == pytest.approx(2.0)
    resumed = paused.play(500.0, tl)
    assert resumed.position(500.0 + STAGE_SECONDS, tl) == pytest.approx(3.0)


def test_speed_change_keeps_the_current_position() -> None:
    tl = Timeline(steps=10, stages=1)
    clock = PlaybackClock(speed=1.0).play(0.0, tl)
    faster = clock.with_speed(4.0, 2 * STAGE_SECONDS, tl)
    assert faster.position(2 * STAGE_SECONDS, tl) == pytest.approx(2.0)
    assert faster.position(2.5 * STAGE_SECONDS, tl) == pytest.approx(4.0)


def test_holding_stops_at_the_end_of_each_stage_and_plays_on_from_there() -> None:
    tl = Timeline(steps=4, stages=3)
    clock = PlaybackClock(speed=1.0, loop=True, hold=True).seek(1.4, 0.0, tl).play(0.0, tl)
    assert clock.position(0.3 * STAGE_SECONDS, tl) == pytest.approx(1.7)
    assert not clock.finished(0.3 * STAGE_SECONDS, tl)
    assert clock.position(50.0, tl) == 2.0  # held at the stage's end
    assert clock.finished(50.0, tl)
    again = clock.pause(50.0, tl).play(60.0, tl)
    assert again.position(60.0 + 10 * STAGE_SECONDS, tl) == 3.0  # the next stage, no further
    released = again.with_hold(False, 60.0 + STAGE_SECONDS, tl)
    assert released.position(60.0 + 3 * STAGE_SECONDS, tl) == pytest.approx(5.0)


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
