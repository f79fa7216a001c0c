"""Presentation mode and reduced motion: what a teacher shows on a projector."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.presentation import LINE_SCALE, type_scale
from lstm_viz.app.session import Session
from lstm_viz.diagram.items import PulseItem, WireItem
from lstm_viz.diagram.scene import CellDiagram
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


def test_f11_enters_presentation_with_large_type_and_only_play_step_and_scrub(
    qtbot, window: MainWindow
) -> None:
    assert window.presentation_action.shortcut().toString() == "F11"
    normal_size = window.centralWidget().font().pointSizeF()
    window.presentation_action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    assert window.presenting()
    assert not window.menuBar().isVisible()
    bar = window.playback
    for name in ("play", "prev_step", "next_step", "prev_stage", "next_stage"):
        assert bar.buttons[name].isVisible(), name
    assert bar.slider.isVisible()
    for hidden in (bar.buttons["start"], bar.buttons["end"], bar.speed, bar.loop):
        assert not hidden.isVisible()
    assert bar.buttons["play"].iconSize().width() >= 32
    # The type follows the screen: the app's own on a small one, larger on a tall one.
    scale = type_scale(window.presentation.screen_size().height())
    assert window.centralWidget().font().pointSizeF() == pytest.approx(scale * normal_size, abs=0.1)
    assert window.diagram.theme.line_scale == LINE_SCALE
    # The controls' docks step aside for the diagram; the gradients stay beside it
    # when the screen has room for both, and are a slide of their own otherwise.
    assert not window.settings_dock.isVisible() and not window.train_dock.isVisible()
    assert window.plots_dock.isVisible() == (window.presentation.shown() == "both")


def test_presentation_shows_the_diagrams_caption_large_under_it(qtbot, window: MainWindow) -> None:
    window.set_presentation(True)
    window.session.next_stage()
    assert window.caption.isVisible()
    assert window.caption.text() == window.diagram.caption_text() != ""
    assert window.caption.font().pointSizeF() > QApplication.font().pointSizeF()


def test_escape_leaves_presentation_and_gives_the_window_back(qtbot, window: MainWindow) -> None:
    window.explain_dock.hide()
    state = window.windowState()
    docks = [d.isVisible() for d in (window.settings_dock, window.explain_dock, window.plots_dock)]
    window.presentation_action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.presenting() and not window.presentation_action.isChecked()
    assert window.menuBar().isVisible()
    assert window.playback.speed.isVisible() and window.playback.buttons["start"].isVisible()
    # One caption, in the diagram or (a room taller than the diagram) under it.
    assert window.caption.isVisible() != window.diagram.caption_visible()
    assert window.diagram.theme.line_scale == 1.0
    assert window.windowState() == state
    after = [d.isVisible() for d in (window.settings_dock, window.explain_dock, window.plots_dock)]
    assert after == docks, "the docks come back as they were"
    assert window.full_screen_action.isEnabled() and not window.full_screen_action.isChecked()


def test_closing_during_presentation_remembers_the_normal_window_and_docks(
    qtbot, window: MainWindow, prefs: Preferences
) -> None:
    normal, docks = window.saveGeometry(), window.saveState()
    window.set_presentation(True)
    qtbot.waitUntil(window.isFullScreen)
    assert window.saveGeometry() != normal
    assert not window.full_screen_action.isEnabled()
    window.close()
    assert prefs.geometry() == normal, "not the full-screen geometry"
    assert prefs.window_state() == docks, "not the docks set aside for the presentation"


def _pulses_and_wires(scene: CellDiagram) -> tuple[list[PulseItem], list[WireItem]]:
    items = scene.items()
    pulses = [i for i in items if isinstance(i, PulseItem) and i.isVisible()]
    wires = [i for i in items if isinstance(i, WireItem) and i.status == "active"]
    return pulses, wires


def test_reduced_motion_fades_a_stage_in_instead_of_moving_pulses(qapp) -> None:
    results = compare(Settings(hidden_size=4, length=6)).current_results
    scene = CellDiagram()
    scene.show(results, Cursor(t=2, stage=1, phase=0.3))
    pulses, wires = _pulses_and_wires(scene)
    assert pulses, "normal motion moves a pulse along the active wires"
    assert all(w.opacity() == 1.0 for w in wires)

    scene.set_reduced_motion(True)
    scene.show(results, Cursor(t=2, stage=1, phase=0.3))
    pulses, wires = _pulses_and_wires(scene)
    assert pulses == []
    early = {w.opacity() for w in wires}
    scene.show(results, Cursor(t=2, stage=1, phase=0.9))
    late = {w.opacity() for w in _pulses_and_wires(scene)[1]}
    assert max(early) < min(late) <= 1.0, "the active wires fade in over the stage"
    scene.show(results, Cursor(t=2, stage=1, phase=1.0))
    assert {w.opacity() for w in _pulses_and_wires(scene)[1]} <= {1.0}


def test_reduced_motion_is_remembered(qtbot, window: MainWindow, prefs: Preferences) -> None:
    window.reduced_motion_action.trigger()
    assert window.diagram.reduced_motion() and prefs.reduced_motion()
    second = MainWindow(Session(Settings(hidden_size=4, length=6)), prefs)
    qtbot.addWidget(second)
    assert second.diagram.reduced_motion() and second.reduced_motion_action.isChecked()
    second.session.shutdown()


def test_a_small_screen_presents_the_diagram_then_the_plots_as_a_second_slide(
    qtbot, window: MainWindow
) -> None:
    from lstm_viz.app.dock_layout import is_large_room

    window.set_presentation(True)
    qtbot.waitUntil(window.isFullScreen)
    screen = window.presentation.screen_size()
    first = "both" if is_large_room(screen.width(), screen.height()) else "diagram"
    assert window.presentation.shown() == first
    order = ["diagram", "plots", "both"]
    for _ in range(3):
        want = order[(order.index(window.presentation.shown()) + 1) % 3]
        window.slide_action.trigger()
        assert window.presentation.shown() == want
        assert window.view_controller.state.slide == want
        assert window.view.isVisible() == (want != "plots")
        assert window.plots.isVisible() == (want != "diagram")
        # The plots' slide puts them where the diagram was, not in a narrow dock.
        assert (window.plots_dock.isVisible()) == (want == "both")
    window.set_presentation(False)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.view.isVisible() and window.plots_dock.widget().isAncestorOf(window.plots)


def test_presentation_type_follows_the_screen_height() -> None:
    from lstm_viz.app.presentation import MAX_TYPE_SCALE, type_scale

    assert type_scale(720) == type_scale(768) == 1.0
    assert 1.0 < type_scale(1080) < type_scale(1440) <= MAX_TYPE_SCALE
    assert type_scale(4320) == MAX_TYPE_SCALE
