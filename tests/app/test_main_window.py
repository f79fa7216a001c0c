"""The main window: it opens, plays, obeys its controls and shortcuts, and shows real numbers."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.session import Session
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_window_opens_on_an_lstm_with_its_diagram(window: MainWindow) -> None:
    assert window.isVisible()
    assert window.session.results.kind == "lstm"
    assert "f" in window.diagram.part_names()


def test_play_button_advances_the_cursor(qtbot, window: MainWindow) -> None:
    window.session.to_start()
    window.session.set_speed(8.0)
    window.playback.buttons["play"].click()
    assert window.session.playing
    qtbot.waitUntil(lambda: window.session.cursor.t >= 1, timeout=3000)
    window.playback.buttons["play"].click()
    assert not window.session.playing


@pytest.mark.parametrize(
    ("key", "modifier", "expected"),
    [
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier, Cursor(3, 1, 1.0)),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier, Cursor(2, 2, 1.0)),
        (Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier, Cursor(3, 2, 1.0)),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier, Cursor(2, 2, 1.0)),
        (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier, Cursor(0, 0, 0.0)),
        (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier, Cursor(11, 2, 1.0)),
    ],
)
def test_keyboard_shortcuts_move_the_cursor(
    qtbot, window: MainWindow, key, modifier, expected
) -> None:
    window.session.jump_to_step(2)
    window.session.next_stage()  # step 4, stage 1 complete
    if key == Qt.Key.Key_Left and modifier == Qt.KeyboardModifier.NoModifier:
        window.session.jump_to_step(3)  # step 4 complete: ← goes back one stage
        expected = Cursor(3, 1, 1.0)
    qtbot.keyClick(window.view, key, modifier)
    assert window.session.cursor == expected


def test_space_toggles_playback(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert window.session.playing
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert not window.session.playing


def test_each_transport_button_does_what_it_says(window: MainWindow) -> None:
    s, b = window.session, window.playback.buttons
    b["end"].click()
    assert s.cursor == Cursor(11, 2, 1.0)
    b["prev_step"].click()
    assert s.cursor == Cursor(10, 2, 1.0)
    b["prev_stage"].click()
    assert s.cursor == Cursor(10, 1, 1.0)
    b["next_stage"].click()
    assert s.cursor == Cursor(10, 2, 1.0)
    b["start"].click()
    assert s.cursor == Cursor(0, 0, 0.0)
    b["next_step"].click()
    assert s.cursor == Cursor(0, 2, 1.0)


def test_slider_scrubs_and_follows(window: MainWindow) -> None:
    slider = window.playback.slider
    slider.setValue(slider.maximum() // 2)
    assert window.session.position == pytest.approx(slider.maximum() / 2 / 100, abs=0.01)
    window.session.to_end()
    assert slider.value() == slider.maximum()


def test_speed_and_loop_controls_reach_the_session(window: MainWindow) -> None:
    combo = window.playback.speed
    combo.setCurrentIndex(combo.findData(4.0))
    combo.activated.emit(combo.currentIndex())
    assert window.session.speed == 4.0
    window.actions_by_name["loop"].trigger()
    assert window.session.loop is False


def _shown_matches_engine(window: MainWindow) -> None:
    r, cur = window.session.results, window.session.cursor
    tr = r.trace
    for name, values in tr.gates.items():
        part = {"a": "tanh"}.get(name, name)
        if part in window.diagram.part_names() and name != "a":
            np.testing.assert_allclose(window.diagram.displayed_values(part), values[cur.t])
    np.testing.assert_allclose(window.diagram.displayed_values("h"), tr.h[cur.t])


def test_setting_change_updates_the_diagram_to_the_engines_numbers(window: MainWindow) -> None:
    window.session.jump_to_step(5)
    panel = window.settings_panel
    panel.hidden.setValue(9)
    assert window.session.results.model.hidden_size == 9
    _shown_matches_engine(window)
    panel.forget_bias.setValue(3.0)
    f = window.session.results.trace.gates["f"][5]
    np.testing.assert_allclose(window.diagram.displayed_values("f"), f)
    assert window.session.settings.forget_bias == 3.0


def test_model_switch_redraws_gru_and_rnn(window: MainWindow) -> None:
    combo = window.settings_panel.model
    window.session.jump_to_step(4)
    for kind, part in (("gru", "z"), ("rnn", "tanh"), ("lstm", "f")):
        combo.setCurrentIndex(combo.findData(kind))
        combo.activated.emit(combo.currentIndex())
        assert window.session.results.kind == kind
        assert part in window.diagram.part_names()
        _shown_matches_engine(window)


def test_bad_custom_sequence_shows_the_error_and_keeps_the_old_state(window: MainWindow) -> None:
    panel = window.settings_panel
    before = window.session.results
    combo = panel.sequence
    combo.setCurrentIndex(combo.findData("custom"))
    combo.activated.emit(combo.currentIndex())
    panel.custom_text.setPlainText("0.5\n1.0\noops\n")
    panel.custom_apply.click()
    assert window.session.results is before
    assert not panel.error.isHidden()
    assert "line 3" in panel.error.text() and "oops" in panel.error.text()
    assert panel.custom_text.isVisibleTo(panel)  # still there to be fixed
    panel.custom_text.setPlainText("0.5\n1.0\n0.25\n")
    panel.custom_apply.click()
    assert panel.error.isHidden()
    np.testing.assert_array_equal(window.session.results.sequence.values[:, 0], [0.5, 1.0, 0.25])


def test_clicking_a_step_in_the_strip_jumps_there(window: MainWindow) -> None:
    window.diagram.stepClicked.emit(7)
    assert window.session.cursor == Cursor(7, 2, 1.0)


def test_theme_and_unrolled_persist_between_runs(qtbot, prefs: Preferences) -> None:
    session = Session(Settings(hidden_size=3, length=5))
    win = MainWindow(session, prefs)
    qtbot.addWidget(win)
    win.set_theme("dark")
    win.set_unrolled(True)
    session.apply(seed=4)
    win.close()
    again = MainWindow(Session(Settings(hidden_size=3, length=5)), prefs)
    qtbot.addWidget(again)
    assert again.diagram.theme.name == "dark"
    assert again.theme_actions["dark"].isChecked()
    assert again.unrolled_action.isChecked()
    assert prefs.last_settings().seed == 4
    again.session.shutdown()


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def test_soak_many_frames_across_switches_keeps_items_and_memory_flat(qtbot, prefs) -> None:
    clock = FakeClock()
    session = Session(Settings(hidden_size=8, length=30), clock=clock)
    win = MainWindow(session, prefs)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    session.set_speed(8.0)
    session.play()
    kinds = ["lstm", "gru", "rnn"]
    unrolled = [False, True]

    def run(frames: int, start: int) -> None:
        for k in range(start, start + frames):
            clock.now += 1 / 60
            session.tick()
            if k % 500 == 0:
                session.apply(model=kinds[(k // 500) % 3], seed=k % 5, forget_bias=1.0 + k % 3)
            if k % 1500 == 0:
                win.set_unrolled(unrolled[(k // 1500) % 2])
            if k % 100 == 0:
                win.view.viewport().repaint()

    run(3000, 0)  # every (model, layout) built once
    session.apply(model="lstm")
    win.set_unrolled(False)
    items = win.diagram.item_count()
    before = _rss_bytes()
    run(7000, 3000)
    session.apply(model="lstm")
    win.set_unrolled(False)
    assert win.diagram.item_count() == items
    assert _rss_bytes() - before < 10 * 2**20
    session.shutdown()


def test_b_key_switches_to_the_backward_pass(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    assert window.session.backward and window.backward_action.isChecked()
    assert window.session.cursor.t == window.session.results.steps - 1
    assert "Backward" in window.playback.where.text()
    g = window.session.results.diagnostics.grads
    np.testing.assert_array_equal(window.diagram.displayed_values("h"), g.h[-1])
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    assert not window.session.backward


def test_a_model_trained_in_the_lab_is_shown_in_the_cell(window: MainWindow, tmp_path) -> None:
    from lstm_viz.engine.training.saving import save_trained
    from lstm_viz.engine.training.trainer import TrainConfig, Trainer

    trainer = Trainer(TrainConfig(task="adding", length=12, model="gru", hidden_size=5, iters=20))
    for _ in trainer.run():
        pass
    path = save_trained(tmp_path / "gru.safetensors", trainer)
    window.train.showTrained.emit(str(path), "adding", 12)
    r = window.session.results
    assert r.kind == "gru" and r.sequence.name == "adding" and r.steps == 12
    for key, value in trainer.model.params.items():
        np.testing.assert_array_equal(r.model.params[key], value)
    assert "z" in window.diagram.part_names()  # the GRU's update gate is drawn


def _dock_tab_bars(win: MainWindow) -> list[list[str]]:
    from PySide6.QtWidgets import QTabBar

    return [
        [tb.tabText(i) for i in range(tb.count())]
        for tb in win.findChildren(QTabBar)
        if tb.isVisible() and tb.parent() is win
    ]


def test_each_dock_tab_group_has_one_tab_bar_now_and_after_a_restart(qtbot, prefs) -> None:
    for _run in range(2):  # the second run restores the saved layout
        session = Session(Settings(hidden_size=3, length=5))
        win = MainWindow(session, prefs)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.resize(win.width() - 200, win.height() - 100)
        QApplication.processEvents()
        bars = _dock_tab_bars(win)
        assert sorted(map(tuple, bars)) == sorted(
            [("Model and sequence", "Equations"), ("Gradients", "Train")]
        )
        win.close()
        session.shutdown()


def test_shift_f11_toggles_plain_full_screen(qtbot, window: MainWindow) -> None:
    window.full_screen_action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    window.full_screen_action.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.full_screen_action.shortcut().toString() == "Shift+F11"


def test_clearing_a_weight_file_gives_the_model_controls_back(window: MainWindow, tmp_path) -> None:
    from lstm_viz.engine import LSTM, save_weights

    # D = 2: the session runs the adding sequence, the first screen's.
    path = save_weights(tmp_path / "w.npz", "lstm", LSTM(2, 4, seed=2).params)
    panel = window.settings_panel
    assert window.session.apply(weights=str(path))
    assert not panel.model.isEnabled() and not panel.hidden.isEnabled()
    panel.weights_clear.click()
    assert window.session.settings.weights is None
    assert panel.model.isEnabled() and panel.hidden.isEnabled() and panel.init.isEnabled()


def test_the_room_chooses_the_layout(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import QSize

    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    window.reset_layout(QSize(1366, 768))
    # A small screen: the diagram keeps the whole height, the docks share one column.
    assert {window.dockWidgetArea(d) for d in window.docks.values()} == {right}
    assert window.view.height() > 0.6 * window.height()
    window.reset_layout(QSize(1920, 1080))
    areas = {n: window.dockWidgetArea(d) for n, d in window.docks.items()}
    assert areas == {
        "settingsDock": left,
        "explainDock": bottom,
        "plotsDock": right,
        "trainDock": right,
    }


def test_the_panel_picker_shows_every_panels_name_and_chooses_it(qtbot, window: MainWindow) -> None:
    picker, plots = window.panel_picker, window.plots
    assert picker.names() == [plots.tabText(i) for i in range(plots.count())]
    window.resize(1280, 720)
    QApplication.processEvents()
    for button in picker.buttons:  # every name in full, inside the picker
        assert button.isVisible()
        assert picker.rect().contains(button.geometry())
        assert button.width() >= button.sizeHint().width()
    picker.buttons[4].click()
    assert plots.currentIndex() == 4
    assert window.view_controller.state.panel == "clipping"
    assert picker.buttons[4].isChecked()


def test_the_gradient_plots_legend_is_outside_the_plot_area(qtbot, window: MainWindow) -> None:
    for panel in (window.plots.gradient, window.plots.paths, window.plots.clipping):
        window.plots.setCurrentWidget(panel)
        QApplication.processEvents()
        legend_box = panel.legend.sceneBoundingRect()
        assert legend_box.height() > 0
        assert not legend_box.intersects(panel.plot.vb.sceneBoundingRect())
