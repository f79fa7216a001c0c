"""A settings change: the shown model at once, the other kinds from a worker thread."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from lstm_viz.app import session_jobs as session_module
from lstm_viz.app.session import Session
from lstm_viz.state import results
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings, SettingsError

START = Settings(hidden_size=4, length=8)


@pytest.fixture
def session(qtbot):
    s = Session(START)
    yield s
    s.shutdown()


@pytest.fixture
def gate(monkeypatch):
    """The other kinds' computation held at a gate: ``gate.hold(h)`` makes the change to
    hidden size ``h`` wait, inside the worker, until ``gate.open()``."""

    class Gate:
        def __init__(self) -> None:
            self.held: set[int] = set()
            self.started = threading.Event()
            self.released = threading.Event()
            self.calls: list[int] = []
            self.finished: list[int] = []

        def hold(self, hidden: int) -> None:
            self.held.add(hidden)

        def open(self) -> None:
            self.released.set()

    g = Gate()
    real = session_module.compare_others

    def gated(partial):
        h = partial.settings.hidden_size
        g.calls.append(h)
        if h in g.held:
            g.started.set()
            g.released.wait()
        full = real(partial)
        g.finished.append(h)
        return full

    monkeypatch.setattr(session_module, "compare_others", gated)
    yield g
    g.open()  # never leave a worker waiting


def test_a_change_shows_the_current_model_now_and_the_complete_comparison_later(
    qtbot, session
) -> None:
    with qtbot.waitSignal(session.comparisonChanged) as arrived:
        assert session.apply(hidden_size=5, model="gru")
        shown = session.comparison
        assert shown.kinds == ("gru",) and shown.pending == ("lstm", "rnn")
        assert session.results.model.hidden_size == 5
    full = arrived.args[0]
    assert session.comparison is full and full.is_complete
    assert full.current_results is shown.current_results
    results._RUNS.clear()  # computed afresh below: the arrays are compared, not shared
    expected = compare(START.replace(hidden_size=5, model="gru"))
    for kind in ("lstm", "gru", "rnn"):
        np.testing.assert_array_equal(full[kind].trace.h, expected[kind].trace.h, strict=True)
        np.testing.assert_array_equal(
            full[kind].diagnostics.loss_grad, expected[kind].diagnostics.loss_grad, strict=True
        )


def test_a_newer_change_discards_what_the_older_change_computes(qtbot, session, gate) -> None:
    arrived = []
    session.comparisonChanged.connect(arrived.append)
    gate.hold(5)
    session.apply(hidden_size=5)
    qtbot.waitUntil(gate.started.is_set)  # the first change's others are being computed
    session.apply(hidden_size=6)  # queued behind it, then dropped unstarted by the next
    session.apply(hidden_size=7)
    with qtbot.waitSignal(session.comparisonChanged):
        gate.open()
    # One worker thread: the first change's result was delivered (and discarded) first.
    assert gate.finished == [5, 7] and gate.calls == [5, 7]
    assert [c.settings.hidden_size for c in arrived] == [7]
    assert session.comparison is arrived[0] and session.comparison.is_complete


def test_waiting_for_the_comparison_shows_it_once(qtbot, session) -> None:
    arrived = []
    session.comparisonChanged.connect(arrived.append)
    # The worker's own delivery comes after the wait: it must not show it again.
    with qtbot.waitSignal(session._relay.done):
        session.apply(hidden_size=5)
        full = session.wait_comparison()
        assert full.is_complete and session.comparison is full
        assert arrived == [full]
    assert arrived == [full]
    assert session.wait_comparison() is full  # nothing pending: at once


def test_a_listener_of_the_change_can_wait_for_the_other_kinds(qtbot, session) -> None:
    got = []
    session.resultsChanged.connect(lambda _results: got.append(session.wait_comparison()))
    with qtbot.waitSignal(session._relay.done):
        session.apply(hidden_size=6)
    assert got[0].is_complete and got[0].settings.hidden_size == 6
    assert session.comparison is got[0]


class _Escaped(BaseException):
    """Not an Exception: what ``complete_comparison`` lets through."""


def test_a_failure_on_the_worker_never_leaves_a_waiter_blocked(session, monkeypatch) -> None:
    def escape(_partial):
        raise _Escaped

    monkeypatch.setattr(session_module, "complete_comparison", escape)
    session.apply(hidden_size=6)
    with pytest.raises(_Escaped):
        session.wait_comparison(timeout=60)


def test_a_refused_change_keeps_the_state_and_the_pending_others(qtbot, session) -> None:
    session.apply(hidden_size=5)
    shown = session.comparison
    with qtbot.waitSignal(session.comparisonChanged) as arrived:
        assert not session.apply(hidden_size=0)
        assert session.comparison is shown and session.settings.hidden_size == 5
        assert session.last_error is not None and session.last_error[0] == "hidden_size"
    assert arrived.args[0].settings.hidden_size == 5
    assert arrived.args[0].current_results is shown.current_results


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (SettingsError("length", "too long for the test"), "length: too long for the test"),
        (RuntimeError("a bug"), "RuntimeError: a bug"),
    ],
)
def test_others_that_fail_leave_them_out_with_the_reason(
    qtbot, session, monkeypatch, error, said
) -> None:
    def fail(_partial):
        raise error

    monkeypatch.setattr(session_module, "compare_others", fail)
    with qtbot.waitSignal(session.comparisonChanged) as arrived:
        session.apply(hidden_size=5)
    full = arrived.args[0]
    assert full.is_complete and full.kinds == ("lstm",)
    assert full.missing_kinds == ("gru", "rnn") and full.others_missing_reason == said
    assert session.results.model.hidden_size == 5  # the shown model stays


def test_closing_drops_the_others_of_the_last_change(qapp, qtbot, session, gate) -> None:
    arrived = []
    session.comparisonChanged.connect(arrived.append)
    gate.hold(5)
    session.apply(hidden_size=5)
    qtbot.waitUntil(gate.started.is_set)
    assert session.shutdown(wait=False) is False  # still running: the caller decides
    gate.open()
    assert session.shutdown(wait=True) is True  # returned, its result queued
    qapp.processEvents()  # … and delivered: discarded
    assert gate.finished == [5]
    assert arrived == [] and not session.comparison.is_complete


def test_edited_results_must_be_complete(session) -> None:
    session.apply(hidden_size=5)
    with pytest.raises(ValueError, match="complete"):
        session.show_edited(session.comparison)
    session.show_edited(session.wait_comparison())  # what a what-if shows
