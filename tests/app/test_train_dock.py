"""The Train dock: live curves with the engine's numbers, pause/resume exactness, a GUI
thread that never blocks, saving a trained model, clean shutdown."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from lstm_viz.app.train_dock import TrainDock
from lstm_viz.app.train_form import DEFAULTS
from lstm_viz.app.train_worker import TrainThread
from lstm_viz.engine.io.weights import load_weights
from lstm_viz.engine.training.trainer import Trainer
from lstm_viz.i18n import set_language

KINDS = ("rnn", "lstm", "gru")


@pytest.fixture
def dock(qtbot, tmp_path):
    d = TrainDock(data_dir=tmp_path)
    qtbot.addWidget(d)
    d.resize(520, 760)
    yield d
    assert d.shutdown(3000)


def small(dock: TrainDock, iters: int = 60, length: int = 12, hidden: int = 4) -> None:
    dock.form.length.setValue(length)
    dock.form.hidden.setValue(hidden)
    dock.form.iters.setValue(iters)


def straight(dock: TrainDock, kind: str) -> Trainer:
    """The same config trained in one go, no GUI, no pause."""
    t = Trainer(dock.configs()[kind])
    for _ in t.run():
        pass
    return t


def curve(dock: TrainDock, which: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
    x, y = getattr(dock.plots, which)[kind].curve.getOriginalDataset()
    return (np.zeros(0), np.zeros(0)) if x is None else (x, y)


def marks(dock: TrainDock, kind: str) -> tuple[np.ndarray, np.ndarray]:
    x, y = dock.plots.clip_marks[kind].getOriginalDataset()
    return (np.zeros(0), np.zeros(0)) if x is None else (x, y)


def run_to_end(qtbot, dock: TrainDock, timeout: int = 20_000) -> None:
    with qtbot.waitSignal(
        dock.lab.runningChanged, timeout=timeout, check_params_cb=lambda r: not r
    ):
        dock.start_button.click()
    assert dock.lab.finished


def test_defaults_teach_the_lesson_and_start_is_ready(dock) -> None:
    c = dock.configs()
    assert set(c) == set(KINDS)
    assert c["lstm"] == DEFAULTS.replace(model="lstm")
    assert (c["rnn"].task, c["rnn"].length, c["rnn"].optimizer, c["rnn"].clip) == (
        "adding", 50, "adam", 1.0,
    )  # fmt: skip
    assert len({(x.seed, x.batch, x.length) for x in c.values()}) == 1  # same batches
    assert dock.start_button.isEnabled() and not dock.pause_button.isEnabled()
    assert dock.plots.trivial_line.label.format == "predict the mean: 0.167"


def test_curves_hold_the_engines_numbers(qtbot, dock) -> None:
    small(dock)
    run_to_end(qtbot, dock)
    for kind in KINDS:
        ref = straight(dock, kind).history
        x, y = curve(dock, "loss", kind)
        np.testing.assert_array_equal(x, np.arange(1, 61))
        np.testing.assert_array_equal(y, ref["loss"])
        np.testing.assert_array_equal(curve(dock, "grad", kind)[1], ref["grad_norm"])
        assert "done" in dock.status[kind].text()
        assert "test MSE" in dock.status[kind].text()


def test_pause_stops_the_curves_and_resume_ends_as_an_uninterrupted_run(qtbot, dock) -> None:
    # Enough iterations that the pause lands mid-run even on a busy machine
    # (the worker runs on while the GUI thread gets round to the click).
    iters = 3000
    small(dock, iters=iters)
    interval, dock.lab.interval = dock.lab.interval, 0.0  # report at once, then pause
    with qtbot.waitSignal(dock.lab.updated, timeout=5000):
        dock.start_button.click()
    # The first report comes at iteration 0 (on start): pause once every model has moved.
    qtbot.waitUntil(lambda: all(dock.lab.iteration(k) > 0 for k in KINDS), timeout=10_000)
    with qtbot.waitSignal(dock.lab.runningChanged, timeout=5000):
        dock.pause_button.click()
    dock.lab.interval = interval
    assert not dock.lab.running and dock.start_button.text() == "Resume"
    paused = {k: curve(dock, "loss", k)[1].copy() for k in KINDS}
    n = {k: dock.lab.iteration(k) for k in KINDS}
    assert all(0 < n[k] < iters for k in KINDS)
    assert all(paused[k].size == n[k] for k in KINDS)
    assert all("paused" in dock.status[k].text() for k in KINDS)
    qtbot.wait(150)  # only to show that nothing happens while paused
    for k in KINDS:
        np.testing.assert_array_equal(curve(dock, "loss", k)[1], paused[k])
        assert dock.lab.iteration(k) == n[k]
    run_to_end(qtbot, dock, timeout=60_000)
    for kind in KINDS:
        ref = straight(dock, kind)
        np.testing.assert_array_equal(curve(dock, "loss", kind)[1], ref.history["loss"])
        got = dock.lab.trainer(kind).state.params
        for key, value in ref.state.params.items():
            np.testing.assert_array_equal(got[key], value)


def test_reset_clears_the_curves_and_unlocks_the_settings(qtbot, dock) -> None:
    small(dock, iters=40)
    run_to_end(qtbot, dock)
    assert not dock.form.length.isEnabled() and dock.reset_button.isEnabled()
    dock.reset_button.click()
    assert not dock.lab.started
    for kind in KINDS:
        assert curve(dock, "loss", kind)[1].size == 0
        assert curve(dock, "grad", kind)[1].size == 0
        assert marks(dock, kind)[0].size == 0
    assert dock.form.length.isEnabled() and dock.start_button.isEnabled()
    assert dock.start_button.text() == "Start"


def test_training_runs_on_a_worker_while_the_gui_thread_handles_events(
    qtbot, dock, monkeypatch
) -> None:
    # Halfway through, the worker waits for the GUI thread to handle a timer event: that
    # happens only if the GUI thread is free while a run is under way. How long the GUI
    # thread waits between events is measured by benchmarks/timings.py, not asserted here.
    small(dock, iters=200, length=50, hidden=32)  # the default sizes
    threads: list[threading.Thread] = []
    waiting, gui_ran, seen = threading.Event(), threading.Event(), []
    real_step = Trainer.step

    def step(trainer: Trainer) -> None:
        threads.append(threading.current_thread())
        if len(threads) == 300:
            waiting.set()
            seen.append(gui_ran.wait(timeout=10))
        real_step(trainer)

    monkeypatch.setattr(Trainer, "step", step)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: waiting.is_set() and gui_ran.set())
    timer.start()
    try:
        run_to_end(qtbot, dock, timeout=60_000)
    finally:
        timer.stop()
    assert seen == [True]
    assert len(threads) == 3 * 200
    assert threading.main_thread() not in threads


def test_show_in_the_cell_saves_the_trained_model_and_asks_to_show_it(
    qtbot, dock, tmp_path
) -> None:
    small(dock, iters=30)
    dock.form.models["gru"].setChecked(False)
    run_to_end(qtbot, dock)
    dock.show_model.setCurrentIndex(dock.show_model.findData("lstm"))
    with qtbot.waitSignal(dock.showTrained, timeout=2000) as sig:
        dock.show_button.click()
    path, sequence, length = sig.args
    assert path == str(tmp_path / "trained" / "adding-lstm-T12.safetensors")
    assert (sequence, length) == ("adding", 12)
    loaded = load_weights(path)
    ref = straight(dock, "lstm")
    assert loaded.kind == "lstm"
    for key, value in ref.model.params.items():
        np.testing.assert_array_equal(loaded.params[key], value)
    np.testing.assert_array_equal(loaded.extra["readout.weight"], ref.readout[0])
    np.testing.assert_array_equal(loaded.extra["readout.bias"], ref.readout[1])


def test_save_weights_writes_the_chosen_file(qtbot, dock, tmp_path, monkeypatch) -> None:
    small(dock, iters=20)
    run_to_end(qtbot, dock)
    target = tmp_path / "mine"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "NumPy archive (*.npz)")
    )
    dock.show_model.setCurrentIndex(dock.show_model.findData("rnn"))
    dock.save_button.click()
    loaded = load_weights(tmp_path / "mine.npz")
    assert loaded.kind == "rnn"
    ref = straight(dock, "rnn").model.params
    np.testing.assert_array_equal(loaded.params["weight_hh"], ref["weight_hh"])
    assert "mine.npz" in dock.hint.text()


def test_shutdown_mid_training_stops_within_one_round_and_leaves_no_thread(
    qtbot, dock, monkeypatch
) -> None:
    # The worker checks for interruption between rounds (one step of every model), so at
    # most one round starts after shutdown asks. (Wall-clock time: benchmarks/timings.py.)
    small(dock, iters=1_000_000, length=30, hidden=16)
    steps, at_request = [0], []
    real_step, real_request = Trainer.step, TrainThread.requestInterruption

    def step(trainer: Trainer) -> None:
        steps[0] += 1
        real_step(trainer)

    def request(thread: TrainThread) -> None:
        at_request.append(steps[0])
        real_request(thread)

    monkeypatch.setattr(Trainer, "step", step)
    monkeypatch.setattr(TrainThread, "requestInterruption", request)
    with qtbot.waitSignal(dock.lab.updated, timeout=5000):
        dock.start_button.click()
    thread = dock.lab._thread
    assert thread is not None and thread.isRunning()
    assert dock.shutdown(3000)
    assert len(at_request) == 1 and steps[0] - at_request[0] <= len(KINDS)
    assert not thread.isRunning() and thread.isFinished()
    assert not dock.lab.running


def test_clipping_marks_sit_exactly_where_clipping_fired(qtbot, dock) -> None:
    small(dock, iters=80)
    dock.form.clip.setValue(0.3)
    run_to_end(qtbot, dock)
    some = False
    for kind in KINDS:
        ref = straight(dock, kind).history
        fired = np.flatnonzero(ref["clipped"]) + 1
        x, y = marks(dock, kind)
        np.testing.assert_array_equal(x, fired)
        np.testing.assert_array_equal(y, ref["grad_norm"][ref["clipped"]])
        np.testing.assert_array_equal(np.flatnonzero(dock.lab.history(kind)["clipped"]) + 1, fired)
        some |= 0 < fired.size < 80
    assert some, "choose a threshold that fires on some iterations only"
    assert dock.plots.clip_line.isVisible()
    np.testing.assert_allclose(dock.plots.clip_line.value(), np.log10(0.3))


def test_no_clipping_means_no_marks_and_no_line(qtbot, dock) -> None:
    small(dock, iters=20)
    dock.form.clip_on.setChecked(False)
    assert dock.configs()["lstm"].clip == 0.0
    run_to_end(qtbot, dock)
    assert not dock.plots.clip_line.isVisible()
    assert all(marks(dock, k)[0].size == 0 for k in KINDS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.form.lr.setValue(0.0), "learning rate must be greater than 0"),
        (
            lambda d: (
                d.form.task.setCurrentIndex(d.form.task.findData("copy")),
                d.form.length.setValue(5),
            ),
            "T ≥ 7",
        ),
        (lambda d: [b.setChecked(False) for b in d.form.models.values()], "at least one model"),
        (lambda d: d.form.clip.setValue(0.0), "clipping threshold"),
    ],
)
def test_bad_values_are_explained_and_nothing_starts(qtbot, dock, change, message) -> None:
    change(dock)
    assert dock.error.isVisibleTo(dock) and message in dock.error.text()
    assert not dock.start_button.isEnabled()
    dock.start()  # even if asked directly
    assert not dock.lab.started and not dock.lab.running


def test_a_run_over_the_memory_budget_is_refused_in_the_dock_in_its_language(
    qtbot, qapp, dock
) -> None:
    dock.form.length.setValue(100_000)
    dock.form.hidden.setValue(2048)
    english = dock.error.text()
    assert english.startswith("batch 32 × length 100000 × hidden_size 2048 needs about")
    assert "\n" not in english and not dock.start_button.isEnabled()
    try:
        set_language("zh_CN")
        qapp.processEvents()  # LanguageChange: the dock says its error again
        chinese = dock.error.text()
    finally:
        set_language("en")
        qapp.processEvents()
    assert chinese.startswith("batch 32 × length 100000 × hidden_size 2048 每个训练步约需")
    assert "超过 2 GB 的预算" in chinese and "\n" not in chinese


def test_the_dock_follows_the_theme(dock) -> None:
    from lstm_viz.palette import DARK

    dock.set_theme("dark")
    assert dock.plots.loss["lstm"].curve.opts["pen"].color().name() == DARK.model_color("lstm")
    assert DARK.model_color("rnn") in dock.status["rnn"].text()
