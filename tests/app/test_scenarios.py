"""Scenario files in the window: save what is shown, open it in a fresh window, same pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.scenarios import apply_scenario, current_scenario
from lstm_viz.app.session import Session
from lstm_viz.diagram import render_scene
from lstm_viz.state.lessons import list_lessons
from lstm_viz.state.scenario import read_scenario, write_scenario
from lstm_viz.state.settings import Settings


@pytest.fixture
def make_window(qtbot, tmp_path):
    made = []

    def make() -> MainWindow:
        store = QSettings(str(tmp_path / f"p{len(made)}.ini"), QSettings.Format.IniFormat)
        win = MainWindow(Session(Settings(hidden_size=4, length=10)), Preferences(store))
        qtbot.addWidget(win)
        win.show()
        made.append(win)
        return win

    yield make
    for win in made:
        win.session.shutdown()


def _pixels(win: MainWindow) -> np.ndarray:
    image = render_scene(win.diagram, (480, 270))
    return np.frombuffer(image.constBits(), np.uint8).reshape(270, -1).copy()


def test_a_saved_scenario_reopens_with_the_same_picture(make_window, tmp_path) -> None:
    first = make_window()
    first.session.apply(model="gru", hidden_size=6, sequence="impulse", length=14, seed=3)
    first.session.jump_to_step(8)
    first.session.previous_stage()
    first.set_theme("dark")
    first.set_unrolled(True)
    path = tmp_path / "lesson.toml"
    write_scenario(path, current_scenario(first))
    second = make_window()
    assert apply_scenario(second, read_scenario(path))
    assert second.session.settings == first.session.settings
    assert second.session.cursor == first.session.cursor
    assert second.diagram.unrolled() and second.preferences.theme() == "dark"
    np.testing.assert_array_equal(_pixels(second), _pixels(first))


def test_a_long_scenario_lands_on_its_cursor_once_its_run_is_shown(
    qtbot, make_window, tmp_path, monkeypatch
) -> None:
    from lstm_viz.app import session as session_module

    first = make_window()
    first.session.apply(model="rnn", hidden_size=5, length=40)
    first.session.jump_to_step(30)
    first.set_theme("dark")
    path = write_scenario(tmp_path / "long.toml", current_scenario(first))
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)  # every run is long
    second = make_window()
    with qtbot.waitSignal(second.session.resultsChanged):
        assert apply_scenario(second, read_scenario(path))
        assert second.session.computing is not None
    # On the scenario's own timeline: its step 30, not the old run's last step (9).
    assert second.session.settings == first.session.settings
    assert second.session.cursor == first.session.cursor


def test_a_scenario_saved_during_a_long_change_holds_the_settings_asked_for(
    make_window, monkeypatch
) -> None:
    from lstm_viz.app import session as session_module

    win = make_window()
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    assert win.session.apply(model="gru", length=20)
    assert win.session.computing is not None
    assert current_scenario(win).settings == win.session.computing.settings
    assert current_scenario(win).settings.model == "gru"


def test_every_bundled_lesson_opens_in_the_window(make_window, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    win = make_window()
    lessons = list_lessons()
    assert len(lessons) >= 4
    for title, item in lessons:
        assert win.scenarios.open(item, item.name), title
        assert win.scenarios.last.title == title


def test_a_broken_scenario_is_explained_and_changes_nothing(make_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, title, text: shown.append(text))
    win = make_window()
    before = win.session.results
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\n[settings]\nhidden_size = "eight"\n')
    assert not win.scenarios.open(path, path.name)
    assert win.session.results is before
    assert shown and "settings.hidden_size" in shown[0] and "eight" in shown[0]


def test_a_lessons_locks_are_visible_and_can_be_lifted(make_window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    win = make_window()
    path = tmp_path / "locked.toml"
    path.write_text('format = 1\nlocks = ["model", "seed"]\n[settings]\nmodel = "gru"\n')
    assert win.scenarios.open(path, path.name)
    panel = win.settings_panel
    tip = panel.seed.toolTip()
    assert not panel.model.isEnabled() and not panel.seed.isEnabled()
    assert panel.hidden.isEnabled()
    assert not panel.lock_note.isHidden() and "Model" in panel.lock_note.text()
    panel.unlock.click()
    assert panel.model.isEnabled() and panel.seed.isEnabled() and panel.lock_note.isHidden()
    assert panel.seed.toolTip() != tip  # its own tooltip is back


def test_a_lesson_prepared_in_chinese_opens_in_chinese_in_presentation(
    make_window, tmp_path, qapp
) -> None:
    from lstm_viz import i18n

    first = make_window()
    first.language_actions["zh_CN"].trigger()
    qapp.processEvents()
    try:
        first.session.apply(sequence="impulse", length=12, forget_bias=3.0)
        first.session.jump_to_step(5)
        path = tmp_path / "lesson.toml"
        write_scenario(path, current_scenario(first))
        assert 'language = "zh_CN"' in path.read_text(encoding="utf-8")
        first.diagram.set_caption_visible(True)  # a tall room draws it under the diagram
        prepared = _pixels(first)
        # The classroom machine speaks English until the lesson is opened.
        i18n.set_language("en")
        qapp.processEvents()
        second = make_window()
        assert apply_scenario(second, read_scenario(path))
        second.set_presentation(True)
        qapp.processEvents()
        assert i18n.current_language() == "zh_CN"
        assert "单元" in second.diagram.caption_text() or "门" in second.diagram.caption_text()
        second.diagram.set_caption_visible(True)  # the prepared picture had it in the diagram
        second.diagram.set_line_scale(1.0)
        np.testing.assert_array_equal(_pixels(second), prepared)
        assert second.preferences.language() is None, "a file's language is not remembered"
    finally:
        i18n.set_language("en")


def test_a_lessons_intro_is_shown_as_text_never_as_html(make_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, title, text: shown.append(text))
    win = make_window()
    path = tmp_path / "lesson.toml"
    path.write_text(
        "format = 1\nintro = \"<img src='/local/file.png'> <a href='file:///x'>x</a>\"\n"
    )
    assert win.scenarios.open(path, path.name)
    assert len(shown) == 1
    assert "<img" not in shown[0] and "<a " not in shown[0]
    assert "&lt;img src=&#x27;/local/file.png&#x27;&gt;" in shown[0]


def test_ignored_fields_are_said_with_the_intro_in_one_message(make_window, tmp_path, monkeypatch):
    shown = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda _w, _t, text, k=kind: shown.append((k, text)))
    win = make_window()
    path = tmp_path / "lesson.toml"
    path.write_text('format = 1\nintro = "Watch the forget gate."\n[view]\nminimap = true\n')
    assert win.scenarios.open(path, path.name)
    assert len(shown) == 1
    kind, text = shown[0]
    assert kind == "warning" and "Watch the forget gate." in text and "view.minimap" in text


def test_every_problem_of_a_scenario_is_in_one_message(make_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: shown.append(text))
    win = make_window()
    path = tmp_path / "bad.toml"
    path.write_text("format = 1\n[settings]\nhidden_size = 0\n[view]\ntheme = 'pink'\nfoo = 1\n")
    assert not win.scenarios.open(path, path.name)
    assert len(shown) == 1
    for field in ("settings.hidden_size", "view.theme", "view.foo"):
        assert field in shown[0]


def test_save_scenario_never_proposes_a_bundled_lesson_as_the_target(
    make_window, monkeypatch, tmp_path
) -> None:
    import lstm_viz
    from lstm_viz.state.lessons import lessons_folder

    proposed = []

    def cancelled_dialog(_parent, _title, start, _filter):
        proposed.append(start)
        return "", ""

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr("lstm_viz.app.scenarios.QFileDialog.getSaveFileName", cancelled_dialog)
    win = make_window()
    _title, item = list_lessons()[0]
    assert win.scenarios.open(item, item.name)
    win.scenarios.save_file()
    target = Path(proposed[0]).resolve()
    for root in (Path(str(lessons_folder())), Path(lstm_viz.__file__).parent):
        assert not target.is_relative_to(root.resolve())
    assert target.name == item.name
    # However a path inside the package got there (saved into it, a launch), it is not proposed.
    inside = Path(lstm_viz.__file__).parent / "resources" / "lessons" / "x.toml"
    win.scenarios.last_path = inside
    win.scenarios.save_file()
    target = Path(proposed[-1]).resolve()
    assert not target.is_relative_to(Path(lstm_viz.__file__).parent.resolve())
    assert target.name == "x.toml"


def test_no_shortcut_takes_ctrl_w_the_standard_close(make_window) -> None:
    from PySide6.QtGui import QKeySequence

    win = make_window()
    close = QKeySequence("Ctrl+W")
    assert all(close not in a.shortcuts() for a in win.shortcut_actions())
