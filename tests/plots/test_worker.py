"""The background runner: results reach the GUI thread, stale ones never do."""

from __future__ import annotations

import threading

from lstm_viz.plots.worker import BackgroundRunner


def test_a_job_runs_off_the_gui_thread_and_delivers_on_it(qtbot) -> None:
    runner = BackgroundRunner()
    gui = threading.get_ident()
    with qtbot.waitSignal(runner.finished, timeout=5000) as sig:
        runner.submit("k", threading.get_ident)
    assert sig.args[0] == "k" and sig.args[1] != gui
    assert not runner.busy
    runner.shutdown()


def test_a_late_stale_result_is_discarded_not_shown(qtbot) -> None:
    runner = BackgroundRunner(max_threads=2)
    release = threading.Event()
    seen: list[object] = []
    runner.finished.connect(lambda key, result: seen.append(result))

    def slow() -> str:
        release.wait(5)
        return "old"

    with qtbot.waitSignal(runner.started, timeout=5000):  # running, not only queued
        runner.submit("sweep", slow)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("sweep", lambda: "new")
    with qtbot.waitSignal(runner.discarded, timeout=5000) as sig:
        release.set()
    assert sig.args == ["sweep", 1]
    assert seen == ["new"]
    runner.shutdown()


def test_generations_delivered_out_of_order_keep_the_newest() -> None:
    runner = BackgroundRunner()
    seen: list[object] = []
    runner.finished.connect(lambda key, result: seen.append(result))
    first, second = runner.next_generation("k"), runner.next_generation("k")
    assert runner.busy
    runner.deliver("k", second, "second")
    runner.deliver("k", first, "first")
    assert seen == ["second"] and not runner.busy


def test_a_failing_job_is_reported_with_its_error(qtbot) -> None:
    runner = BackgroundRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as sig:
        runner.submit("k", lambda: 1 / 0)
    assert "ZeroDivisionError" in sig.args[1]
    runner.shutdown()


def test_busy_changes_once_per_burst_of_work(qtbot) -> None:
    runner = BackgroundRunner()
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.submit("a", lambda: 1)
        runner.submit("b", lambda: 2)
    qtbot.waitUntil(lambda: not runner.busy)
    assert states == [True, False]
    runner.shutdown()


def test_a_refused_job_is_reported_in_its_own_words_without_a_class_name(qtbot) -> None:
    from lstm_viz.i18n_marks import tr_noop
    from lstm_viz.state.settings import SettingsError

    def refuse() -> None:
        raise SettingsError("length", tr_noop("too long for the memory budget"))

    runner = BackgroundRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as sig:
        runner.submit("k", refuse)
    assert sig.args[1] == "length: too long for the memory budget"
    runner.shutdown()


def test_a_reporting_job_sends_its_fractions_to_the_gui_thread(qtbot) -> None:
    runner = BackgroundRunner(progress_after=0.0)
    seen: list[tuple[str, float, bool]] = []
    runner.progressed.connect(
        lambda key, f: seen.append((key, f, threading.get_ident() == threading.main_thread().ident))
    )

    def job(report) -> str:
        for k in range(1, 5):
            report(k / 4)
        return "done"

    with qtbot.waitSignal(runner.finished, timeout=5000) as sig:
        runner.submit("k", job, reports=True)
    assert sig.args == ["k", "done"]
    assert seen == [("k", k / 4, True) for k in range(1, 5)]  # all before the result
    runner.shutdown()


def test_a_quick_job_and_a_superseded_one_report_nothing(qtbot) -> None:
    quick = BackgroundRunner(progress_after=3600.0)  # only jobs outlasting it report
    seen: list[float] = []
    quick.progressed.connect(lambda key, f: seen.append(f))
    with qtbot.waitSignal(quick.finished, timeout=5000):
        quick.submit("k", lambda report: report(0.5), reports=True)
    quick.shutdown()
    runner = BackgroundRunner(progress_after=0.0)
    runner.progressed.connect(lambda key, f: seen.append(f))
    first, second = runner.next_generation("k"), runner.next_generation("k")
    runner._relay.progressed.emit("k", first, 0.25)  # a stale job's fraction
    runner._relay.progressed.emit("k", second, 0.75)
    assert seen == [0.75]
    runner.deliver("k", second, "x")
    runner._relay.progressed.emit("k", second, 1.0)  # after its result: nothing to show
    assert seen == [0.75]
    runner.shutdown()


def _blocked(qtbot, runner: BackgroundRunner) -> threading.Event:
    """Occupy the runner's only thread until the returned event is set."""
    release = threading.Event()
    with qtbot.waitSignal(runner.started, timeout=5000):
        runner.submit("blocker", lambda: release.wait(10))
    return release


def test_the_visible_panels_job_starts_first(qtbot) -> None:
    runner = BackgroundRunner(max_threads=1)
    order: list[str] = []
    runner.started.connect(order.append)
    release = _blocked(qtbot, runner)
    runner.put_first(("shown:",))
    for key in ("hidden:a", "shown:b", "hidden:c"):
        runner.submit(key, lambda: None)
    assert runner.queued == ("shown:b", "hidden:a", "hidden:c")
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        release.set()
    assert order == ["blocker", "shown:b", "hidden:a", "hidden:c"]
    runner.shutdown()


def test_switching_tabs_moves_a_queued_job_ahead(qtbot) -> None:
    runner = BackgroundRunner(max_threads=1)
    order: list[str] = []
    runner.started.connect(order.append)
    runner.put_first(("one:",))
    release = _blocked(qtbot, runner)
    runner.submit("one:x", lambda: None)
    runner.submit("two:y", lambda: None)
    assert runner.queued == ("one:x", "two:y")
    runner.put_first(("two:",))  # the user switched to the other tab
    assert runner.queued == ("two:y", "one:x")
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        release.set()
    assert order == ["blocker", "two:y", "one:x"]
    runner.shutdown()


def test_a_queued_job_superseded_before_it_runs_never_runs(qtbot) -> None:
    runner = BackgroundRunner(max_threads=1)
    ran: list[str] = []
    release = _blocked(qtbot, runner)
    runner.submit("k", lambda: ran.append("old"))
    is_k = lambda key, result: key == "k"  # noqa: E731
    with qtbot.waitSignal(runner.finished, timeout=5000, check_params_cb=is_k) as sig:
        runner.submit("k", lambda: ran.append("new") or "new")
        release.set()
    assert sig.args == ["k", "new"] and ran == ["new"]
    runner.shutdown()


def test_partial_results_reach_the_gui_thread_throttled_and_only_the_newest(qtbot) -> None:
    runner = BackgroundRunner(progress_after=0.0, partial_every=3600.0)
    seen: list[object] = []
    runner.partial.connect(lambda key, result: seen.append(result))

    def job(report) -> str:
        for k in range(5):
            report(k / 5, f"so far {k}")
        return "done"

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("k", job, reports=True)
    assert seen == ["so far 0"]  # the first at once, the rest within partial_every
    first, second = runner.next_generation("k"), runner.next_generation("k")
    runner._relay.partial.emit("k", first, "stale")
    runner._relay.partial.emit("k", second, "newest")
    runner.deliver("k", second, "x")
    runner._relay.partial.emit("k", second, "after its result")
    assert seen == ["so far 0", "newest"]
    runner.shutdown()


def test_every_partial_result_is_sent_when_not_throttled(qtbot) -> None:
    runner = BackgroundRunner(progress_after=0.0, partial_every=0.0)
    seen: list[object] = []
    runner.partial.connect(lambda key, result: seen.append(result))
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit("k", lambda report: [report(k / 3, k) for k in range(3)], reports=True)
    assert seen == [0, 1, 2]
    runner.shutdown()


def test_a_superseded_reporting_job_stops_at_its_next_report(qtbot) -> None:
    runner = BackgroundRunner(max_threads=1, progress_after=0.0)
    reached = threading.Event()
    go_on = threading.Event()
    steps: list[int] = []

    def long_job(report) -> str:
        for k in range(100):
            steps.append(k)
            if k == 1:
                reached.set()
                go_on.wait(10)
            report(k / 100)
        return "old"

    runner.submit("k", long_job, reports=True)
    assert reached.wait(10)
    with qtbot.waitSignal(runner.finished, timeout=5000) as sig:
        runner.submit("k", lambda: "new")  # queued behind the old job on the one thread
        go_on.set()
    assert sig.args == ["k", "new"]
    assert steps == [0, 1]  # it stopped at the report after the newer submission
    runner.shutdown()
