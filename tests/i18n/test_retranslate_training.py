"""The training lab changes language in place: form, buttons, status lines, error, hint and
the curves' titles, axes and line labels, with the run and the settings left alone."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from lstm_viz.app.train_dock import TrainDock
from lstm_viz.i18n import set_language
from lstm_viz.plots.training import KINDS, TrainingPlots


def pseudo(text: str) -> str:
    """``text`` as the pseudo-translation renders a catalogue sentence."""
    return f"‹{text}›"


@pytest.fixture
def dock(qtbot, tmp_path):
    d = TrainDock(data_dir=tmp_path)
    qtbot.addWidget(d)
    d.resize(520, 760)
    yield d
    assert d.shutdown(3000)


@pytest.fixture
def switch(qapp, pseudo_catalogue):
    """``switch("zh_CN")`` / ``switch("en")`` mid-test (the pseudo-translation stands in
    for Chinese); English again after the test whatever happened."""

    def to(code: str) -> None:
        set_language(code, app_catalogue=pseudo_catalogue if code != "en" else None)
        qapp.processEvents()

    yield to
    to("en")


def small(dock: TrainDock, iters: int) -> None:
    dock.form.length.setValue(12)
    dock.form.hidden.setValue(4)
    dock.form.iters.setValue(iters)


def plot_texts(plots: TrainingPlots) -> dict[str, str]:
    """What the curves say besides the widgets: titles, axes, line and edge labels."""
    return {
        "loss title": plots.loss_plot.titleLabel.text,
        "grad title": plots.grad_plot.titleLabel.text,
        "loss axis": plots.loss_plot.getAxis("left").labelText,
        "grad axis": plots.grad_plot.getAxis("left").labelText,
        "iteration axis": plots.grad_plot.getAxis("bottom").labelText,
        "trivial line": plots.trivial_line.label.format,
        "clip line": plots.clip_line.label.format,
        "overflow": plots.loss_edges.top.toPlainText(),
        "saturated": plots.grad_edges.bottom.toPlainText(),
    }


def dock_texts(dock: TrainDock) -> dict[str, str]:
    """Every text of the dock that depends on the language, by where it is."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

    out = {f"plot {k}": v for k, v in plot_texts(dock.plots).items()}
    for i, w in enumerate(dock.findChildren(QWidget)):
        out[f"{i} tooltip"] = w.toolTip()
        if isinstance(w, (QLabel, QAbstractButton)):
            out[f"{i} text"] = w.text()
        if isinstance(w, QComboBox):
            out[f"{i} items"] = "|".join(w.itemText(j) for j in range(w.count()))
    return out


def test_training_lab_speaks_the_new_language_without_a_restart(
    qtbot, dock, switch, find_untranslated, tmp_path, monkeypatch
) -> None:
    small(dock, iters=20)
    with qtbot.waitSignal(dock.lab.runningChanged, timeout=20_000, check_params_cb=lambda r: not r):
        dock.start_button.click()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mine.npz"), "")
    )
    dock.save_button.click()
    english = dock_texts(dock)
    assert "done" in dock.status["lstm"].text() and "mine.npz" in dock.hint.text()
    curves = {k: dock.lab.history(k)["loss"].copy() for k in KINDS}

    switch("zh_CN")
    assert find_untranslated(dock) == []
    assert pseudo("done") in dock.status["lstm"].text()
    assert pseudo("test MSE {v:.3g}")[:10] in dock.status["gru"].text()
    assert dock.hint.text() == pseudo("Saved mine.npz. File → Load weights… opens it again.")
    plots = plot_texts(dock.plots)
    assert pseudo("Loss per iteration (log scale)") in plots["loss title"]
    assert pseudo("Gradient norm before clipping (log scale)") in plots["grad title"]
    assert plots["trivial line"] == pseudo("predict the mean: 0.167")
    assert plots["clip line"] == pseudo("clip threshold 1")
    assert plots["overflow"] == pseudo("▲ overflow (inf/NaN)")
    assert plots["saturated"] == pseudo("▼ 0 (exactly zero: no logarithm)")
    assert dock.form.task.currentText() == pseudo("adding problem")
    assert dock.form.task.currentData() == "adding"

    switch("en")
    assert dock_texts(dock) == english
    for k in KINDS:  # the curves were not redrawn from anything else
        np.testing.assert_array_equal(dock.plots.loss[k].curve.getOriginalDataset()[1], curves[k])


def test_a_run_in_progress_carries_on_through_a_language_switch(qtbot, dock, switch) -> None:
    small(dock, iters=1_000_000)
    configs = dock.configs()
    with qtbot.waitSignal(dock.lab.updated, timeout=5000):
        dock.start_button.click()

    switch("zh_CN")
    assert dock.lab.running and dock.configs() == configs
    assert not dock.form.length.isEnabled() and dock.pause_button.isEnabled()
    assert pseudo("running") in dock.status["rnn"].text()
    assert dock.pause_button.text() == pseudo("Pause")
    before = dock.lab.iteration("lstm")
    qtbot.waitUntil(lambda: dock.lab.iteration("lstm") > before, timeout=3000)

    with qtbot.waitSignal(dock.lab.runningChanged, timeout=5000):
        dock.pause_button.click()
    assert dock.start_button.text() == pseudo("Resume")
    assert pseudo("paused") in dock.status["lstm"].text()
    paused = dock.lab.iteration("lstm")

    switch("en")
    assert dock.start_button.text() == "Resume" and "paused" in dock.status["lstm"].text()
    assert dock.lab.started and not dock.lab.running
    assert dock.lab.iteration("lstm") == paused and dock.configs() == configs


def test_a_settings_error_is_explained_again_in_the_new_language(dock, switch) -> None:
    dock.form.task.setCurrentIndex(dock.form.task.findData("copy"))
    dock.form.length.setValue(5)
    lr = dock.form.lr.value()
    english = "The {task} task needs T ≥ {n}.".format(task="copy task", n=7)
    assert dock.error.text() == english

    switch("zh_CN")
    assert dock.error.text() == pseudo("The {task} task needs T ≥ {n}.").format(
        task=pseudo("copy task"), n=7
    )
    assert dock.error.isVisibleTo(dock) and not dock.start_button.isEnabled()
    assert dock.form.optimizer.itemText(1) == pseudo("SGD, momentum {m:g}").format(m=0.9)

    switch("en")
    assert dock.error.text() == english
    assert dock.form.task.currentData() == "copy" and dock.form.length.value() == 5
    assert dock.form.lr.value() == lr  # no optimizer change was signalled


def test_the_training_curves_retranslate_on_their_own(qtbot, switch, find_untranslated) -> None:
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.set_models(KINDS)
    plots.set_clip(2.5)
    english = plot_texts(plots)

    switch("zh_CN")
    assert find_untranslated(plots) == []
    assert plot_texts(plots)["clip line"] == pseudo("clip threshold 2.5")
    assert plot_texts(plots)["iteration axis"] == pseudo("iteration")

    switch("en")
    assert plot_texts(plots) == english
