"""The session: one source of truth for settings, results and the playback cursor."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.app.session import Session
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import STAGE_SECONDS, Cursor


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(qtbot, clock: FakeClock) -> Session:
    s = Session(Settings(hidden_size=4, length=10), clock=clock)
    yield s
    s.shutdown()


def test_playing_derives_the_cursor_from_elapsed_time(session: Session, clock: FakeClock) -> None:
    session.seek(0.0)
    session.play()
    clock.now += 4.5 * STAGE_SECONDS  # one stage per STAGE_SECONDS at 1×
    assert session.cursor == Cursor(1, 1, pytest.approx(0.5))


def test_tick_publishes_the_new_cursor(qtbot, session: Session, clock: FakeClock) -> None:
    session.seek(0.0)
    session.play()
    clock.now += 6 * STAGE_SECONDS
    with qtbot.waitSignal(session.cursorChanged) as blocker:
        session.tick()
    assert blocker.args[0] == Cursor(1, 2, 1.0)  # position 6: step 2 just completed


def test_frame_timer_advances_playback_with_the_real_clock(qtbot) -> None:
    s = Session(Settings(hidden_size=2, length=5))
    s.set_speed(16.0)
    s.seek(0.0)
    s.play()
    qtbot.waitUntil(lambda: s.cursor.t >= 1, timeout=3000)
    s.shutdown()


def test_stepping_pauses_and_lands_on_stage_ends(session: Session) -> None:
    session.play()
    session.to_start()
    assert not session.playing
    session.next_stage()
    assert session.cursor == Cursor(0, 0, 1.0)
    session.next_stage()
    assert session.cursor == Cursor(0, 1, 1.0)
    session.next_step()
    assert session.cursor == Cursor(0, 2, 1.0)
    session.next_step()
    assert session.cursor == Cursor(1, 2, 1.0)
    session.previous_stage()
    assert session.cursor == Cursor(1, 1, 1.0)
    session.previous_step()
    assert session.cursor == Cursor(0, 2, 1.0)
    session.to_end()
    assert session.cursor == Cursor(9, 2, 1.0)


def test_a_good_setting_recomputes_once_and_keeps_the_step(qtbot, session: Session) -> None:
    session.jump_to_step(6)
    with qtbot.waitSignal(session.resultsChanged) as blocker:
        assert session.apply(hidden_size=6)
    results = blocker.args[0]
    assert results.model.hidden_size == 6
    assert session.cursor.t == 6


def test_a_bad_setting_is_reported_and_the_last_good_state_kept(qtbot, session: Session) -> None:
    before = session.results
    with qtbot.waitSignal(session.settingsError) as blocker:
        assert not session.apply(sequence="custom", custom_text="1\n2\nabc\n")
    _field, message = blocker.args
    assert "line 3" in message and "abc" in message
    assert session.results is before
    with qtbot.assertNotEmitted(session.resultsChanged):
        session.apply(hidden_size=0)


def test_model_switch_changes_kind_and_stage_count(session: Session) -> None:
    session.jump_to_step(3)
    session.apply(model="rnn")
    assert session.results.kind == "rnn"
    assert session.timeline.stages == 1
    assert session.cursor == Cursor(3, 0, 1.0)
    np.testing.assert_array_equal(
        session.results.trace.h, session.results.model.forward(session.results.sequence.values).h
    )


def test_playback_without_loop_stops_at_the_end(qtbot, session: Session, clock: FakeClock) -> None:
    session.set_loop(False)
    session.seek(0.0)
    session.play()
    clock.now += 1000.0
    with qtbot.waitSignal(session.playingChanged) as blocker:
        session.tick()
    assert blocker.args == [False]
    assert session.cursor == Cursor(9, 2, 1.0)


def test_holding_stops_at_each_stage_and_play_goes_to_the_next(qtbot, session, clock) -> None:
    session.set_hold(True)
    session.seek(0.0)
    session.play()
    clock.now += 10 * STAGE_SECONDS
    with qtbot.waitSignal(session.playingChanged) as blocker:
        session.tick()
    assert blocker.args == [False] and session.cursor == Cursor(0, 0, 1.0)
    session.play()
    clock.now += 10 * STAGE_SECONDS
    session.tick()
    assert not session.playing and session.cursor == Cursor(0, 1, 1.0)


def test_backward_playback_runs_from_the_last_step_to_the_first(session, clock) -> None:
    session.set_backward(True)
    assert session.backward and session.cursor == Cursor(9, 0, 0.0, backward=True)
    session.play()
    clock.now += 3.5 * STAGE_SECONDS  # one stage per step in the backward pass
    assert session.cursor == Cursor(6, 0, pytest.approx(0.5), backward=True)
    session.next_step()
    assert session.cursor == Cursor(6, 0, 1.0, backward=True)
    session.set_backward(False)
    assert session.cursor == Cursor(0, 0, 0.0)
