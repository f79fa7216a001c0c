"""A long settings change: checked at once, run on a worker thread, shown when it arrives."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.app import session as session_module
from lstm_viz.app import session_jobs
from lstm_viz.app.session import BACKGROUND_SECONDS, Session
from lstm_viz.state.comparison import prepare_current
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings

START = Settings(hidden_size=4, length=8)


@pytest.fixture
def session(qtbot, monkeypatch):
    """A session for which every change is long (the estimate's threshold at zero)."""
    s = Session(START)
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    yield s
    s.shutdown()


def test_the_estimate_runs_only_long_changes_off_the_gui_thread() -> None:
    assert prepare_current(Settings(hidden_size=32, length=200)).seconds < BACKGROUND_SECONDS
    assert prepare_current(Settings(hidden_size=256, length=1000)).seconds < BACKGROUND_SECONDS
    long = prepare_current(Settings(hidden_size=30, length=100_000))
    assert long.seconds > 10 * BACKGROUND_SECONDS
    assert prepare_current(Settings(hidden_size=30, length=20_000)).seconds > BACKGROUND_SECONDS


def test_a_long_change_keeps_the_last_results_until_its_own_arrive(qtbot, session) -> None:
    before = session.results
    with qtbot.waitSignal(session.resultsChanged) as arrived:
        with qtbot.waitSignal(session.computingChanged) as started:
            assert session.apply(hidden_size=5)
        assert started.args[0].settings.hidden_size == 5
        assert session.computing is started.args[0]
        assert session.results is before and session.settings == START
    shown = arrived.args[0]
    assert session.results is shown and session.computing is None
    assert shown.settings == START.replace(hidden_size=5)
    expected = compute(START.replace(hidden_size=5))
    np.testing.assert_array_equal(shown.trace.h, expected.trace.h, strict=True)
    # The loss gradients the plots draw first were computed on the worker thread too.
    assert "loss_grad" in shown.diagnostics.__dict__


def test_a_change_during_a_long_change_starts_from_its_settings(qtbot, session) -> None:
    assert session.apply(hidden_size=5)
    assert session.apply(length=9)
    session.wait_comparison(timeout=60)
    assert session.settings == START.replace(hidden_size=5, length=9)
    assert session.computing is None


def test_a_refused_value_during_a_long_change_leaves_it_running(qtbot, session) -> None:
    assert session.apply(hidden_size=5)
    with qtbot.waitSignal(session.settingsError) as said:
        assert not session.apply(length=-3)
    assert said.args[0] == "length"
    assert session.computing is not None
    session.wait_comparison(timeout=60)
    assert session.settings == START.replace(hidden_size=5)


def test_a_failed_long_change_is_said_and_the_last_results_stay(
    qtbot, session, monkeypatch
) -> None:
    def fails(prepared):
        raise MemoryError("no room for the trace")

    monkeypatch.setattr(session_jobs, "compare_prepared", fails)
    before = session.results
    ran = []
    with qtbot.waitSignal(session.settingsError, check_params_cb=lambda f, m: f != "") as said:
        assert session.apply(hidden_size=5)
        session.when_shown(lambda: ran.append(True))
    assert said.args[0] == "hidden_size" and "no room for the trace" in said.args[1]
    assert session.results is before and session.computing is None
    assert session.last_error is not None and not ran
    # The next change starts from the settings shown, not from the failed ones.
    monkeypatch.undo()
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    assert session.apply(length=9)
    session.wait_comparison(timeout=60)
    assert session.settings == START.replace(length=9)


def test_waiting_for_the_comparison_waits_for_a_long_change_first(qtbot, session) -> None:
    assert session.apply(model="gru")
    full = session.wait_comparison(timeout=60)
    assert full.is_complete and full.current == "gru"
    assert session.results is full.current_results
    assert full.kinds == ("lstm", "gru", "rnn")


def test_what_waits_for_a_long_change_runs_once_it_is_shown(qtbot, session) -> None:
    seen = []
    assert session.apply(length=10)
    session.when_shown(lambda: seen.append(session.results.steps))
    assert seen == []
    with qtbot.waitSignal(session.resultsChanged):
        pass
    assert seen == [10]
    session.when_shown(lambda: seen.append("now"))  # nothing long pending: at once
    assert seen == [10, "now"]


def test_a_newer_change_drops_what_waited_for_the_older_one(qtbot, session) -> None:
    seen = []
    assert session.apply(length=10)
    session.when_shown(lambda: seen.append("old"))
    assert session.apply(length=11)
    session.wait_comparison(timeout=60)
    assert session.results.steps == 11 and seen == []


def test_a_long_start_opens_on_the_defaults_and_shows_its_own_run_when_it_arrives(
    qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    start = START.replace(model="gru")
    s = Session(start)
    try:
        assert s.settings == Settings() and s.comparison.is_complete
        assert s.computing is not None and s.computing.settings == start
        with qtbot.waitSignal(s.resultsChanged) as arrived:
            pass
        assert arrived.args[0].settings == start and s.computing is None
    finally:
        s.shutdown()


def test_a_long_start_is_refused_at_once_like_any_change(monkeypatch) -> None:
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    with pytest.raises(ValueError, match="no-such-file"):
        Session(START.replace(weights="/nowhere/no-such-file.npz"))


def test_asking_again_for_the_long_change_under_way_keeps_its_run(qtbot, session) -> None:
    assert session.apply(hidden_size=5)
    running = session.computing
    with qtbot.assertNotEmitted(session.computingChanged):
        assert session.apply(**START.replace(hidden_size=5).as_dict())
    assert session.computing is running
    session.wait_comparison(timeout=60)
    assert session.settings == START.replace(hidden_size=5)


def test_after_a_failed_long_change_the_shown_comparison_still_completes(
    qtbot, session, monkeypatch
) -> None:
    import threading

    # The other kinds of the first change are held back until the second one has failed.
    release = threading.Event()
    real_others = session_jobs.compare_others

    def held_back(partial):
        release.wait(60)
        return real_others(partial)

    monkeypatch.setattr(session_jobs, "compare_others", held_back)
    with qtbot.waitSignal(session.resultsChanged):
        assert session.apply(hidden_size=5)
    shown = session.comparison
    assert not shown.is_complete

    def fails(prepared):
        raise MemoryError("no room for the trace")

    monkeypatch.setattr(session_jobs, "compare_prepared", fails)
    with qtbot.waitSignal(session.settingsError, check_params_cb=lambda f, m: f != ""):
        assert session.apply(length=9)
    with qtbot.waitSignal(session.comparisonChanged, timeout=60_000) as arrived:
        release.set()
    full = arrived.args[0]
    assert full.is_complete and full.current_results is shown.current_results
    assert session.comparison is full


def test_a_long_change_made_on_arrival_of_another_stays_computing(qtbot, session) -> None:
    made = []

    def change_again(results) -> None:
        if not made:
            made.append(session.apply(length=10))

    session.resultsChanged.connect(change_again)
    seen = []
    assert session.apply(length=9)
    session.when_shown(lambda: seen.append("old"))
    with qtbot.waitSignal(session.resultsChanged):
        pass
    assert made == [True] and session.computing is not None and seen == []
    session.wait_comparison(timeout=60)
    assert session.settings.length == 10 and session.computing is None


def test_a_failed_long_start_says_why_without_a_field_name(qtbot, monkeypatch) -> None:
    def fails(prepared):
        raise MemoryError("no room for the trace")

    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    monkeypatch.setattr(session_jobs, "compare_prepared", fails)
    s = Session(START)
    try:
        with qtbot.waitSignal(s.settingsError) as said:
            pass
        assert said.args == ["", "no room for the trace"]
        assert s.settings == Settings() and s.computing is None
    finally:
        s.shutdown()
