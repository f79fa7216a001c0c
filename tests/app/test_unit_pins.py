"""Pinning a wide model's units in the window: the strips' menu and View → Units…."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from lstm_viz.diagram.items import PART, StripItem
from lstm_viz.diagram.sequence import UNIT_ROWS
from lstm_viz.state.units import choose_units

H = 64


@pytest.fixture
def wide(qtbot, prefs):
    """A shown main window on an LSTM wider than its strips (64 units)."""
    from lstm_viz.app.main_window import MainWindow
    from lstm_viz.app.session import Session
    from lstm_viz.state.settings import Settings

    session = Session(Settings(hidden_size=H, length=12, seed=2))
    win = MainWindow(session, prefs)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.session.jump_to_step(5)
    yield win
    session.shutdown()


def _h_strip(win) -> StripItem:
    """The cell's h strip (one column per drawn unit)."""
    return next(
        i for i in win.diagram.items()
        if isinstance(i, StripItem) and i.data(PART) == "h" and i.values.shape[1] > 3
    )  # fmt: skip


def _sequence_h_row(win) -> StripItem:
    """The sequence strip's h row (one row per drawn unit)."""
    rows = [i for i in win.diagram.items() if isinstance(i, StripItem) and i.data(UNIT_ROWS)]
    return max(rows, key=lambda i: i.sceneBoundingRect().top())  # h is under c


def _viewport_pos(win, item: StripItem, column: int = 0, row: int = 0) -> QPoint:
    """The viewport point over cell (row, column) of ``item``."""
    rows, cols = item.values.shape
    r = item.rect()
    local = r.topLeft()
    local.setX(r.left() + (column + 0.5) * r.width() / cols)
    local.setY(r.top() + (row + 0.5) * r.height() / rows)
    return win.view.mapFromScene(item.mapToScene(local))


def _right_click(qtbot, win, pos: QPoint):
    """What a right-click at ``pos`` sends the view (QTest's clicks bypass the platform
    step that turns a right-click into a context-menu event), and the menu it opens."""
    viewport = win.view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: win.unit_pins.menu is not None and win.unit_pins.menu.isVisible())
    return {a.text(): a for a in win.unit_pins.menu.actions()}


def _note(win) -> str:
    note = next(
        i for i in win.diagram.items()
        if hasattr(i, "text") and i.isVisible() and i.text().startswith(("top", "1 pinned"))
    )  # fmt: skip
    return note.text()


def test_pinning_a_unit_from_the_strips_menu_sets_the_view_state_and_the_note(qtbot, wide):
    h = wide.session.results.trace.h
    shown = choose_units(h).shown
    assert _note(wide) == "top 24"
    actions = _right_click(qtbot, wide, _viewport_pos(wide, _h_strip(wide), column=5))
    unit = int(shown[5]) + 1
    assert f"Pin unit {unit}" in actions and not actions["Clear pins"].isEnabled()
    with qtbot.waitSignal(wide.view_controller.changed):
        actions[f"Pin unit {unit}"].trigger()
    assert wide.view_controller.state.pinned_units == (unit,)
    qtbot.waitUntil(lambda: _note(wide) == "1 pinned")
    # The pinned unit keeps its place; the other 23 are still the most active.
    drawn, _band = wide.diagram.drawn_units("h")
    np.testing.assert_array_equal(drawn, h[5, shown])

    # Right-clicking it again offers to unpin it; a row of the sequence strip names it too.
    row = list(_sequence_h_row(wide).data(UNIT_ROWS)).index(unit - 1)
    actions = _right_click(qtbot, wide, _viewport_pos(wide, _sequence_h_row(wide), 3, row))
    assert actions["Clear pins"].isEnabled()
    with qtbot.waitSignal(wide.view_controller.changed):
        actions[f"Unpin unit {unit}"].trigger()
    assert wide.view_controller.state.pinned_units == ()
    qtbot.waitUntil(lambda: _note(wide) == "top 24")


def test_typed_units_are_pinned_and_the_strips_draw_them(qtbot, wide):
    h = wide.session.results.trace.h
    least_active = np.argsort(np.abs(h).mean(axis=0))[:3] + 1  # never among the top 24
    text = ", ".join(map(str, least_active))
    wide.unit_pins.units_action.trigger()
    dialog = wide.unit_pins.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.edit.setText(text + ", 60-62")
    with qtbot.waitSignal(wide.view_controller.changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    pins = tuple(sorted({*least_active.tolist(), 60, 61, 62}))
    assert wide.view_controller.state.pinned_units == pins
    expected = choose_units(h, pins)
    assert set(np.array(pins) - 1) <= set(expected.shown.tolist())
    # The sequence strip's h row draws exactly those units, over the steps so far.
    (grid,) = wide.diagram.sequence_rows()
    np.testing.assert_array_equal(grid[:, :6], h[:6, expected.shown].T)
    assert _sequence_h_row(wide).data(UNIT_ROWS) == tuple(expected.shown.tolist())


def test_a_typed_unit_the_model_lacks_is_refused_by_name_and_the_pins_stay(qtbot, wide):
    wide.view_controller.update(pinned_units=(7,))
    wide.unit_pins.choose_units()
    dialog = wide.unit_pins.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.edit.text() == "7"
    dialog.edit.setText("3, 99")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.message.text() == "unit 99 is out of range: the model has units 1 to 64"
    assert wide.view_controller.state.pinned_units == (7,)
    dialog.edit.setText("3, x")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "“x”" in dialog.message.text()
    dialog.reject()
    assert wide.view_controller.state.pinned_units == (7,)


def test_a_model_that_fits_offers_no_pins(qtbot, window):
    assert window.unit_pins.menu_at(QPoint(400, 300)) is None
    assert not window.unit_pins.units_action.isEnabled()


def test_the_pins_are_remembered_for_the_next_run(qtbot, wide, prefs):
    from lstm_viz.app.main_window import MainWindow
    from lstm_viz.app.session import Session
    from lstm_viz.state.settings import Settings
    from lstm_viz.state.view_state import ViewState

    wide.unit_pins.set_pins((5, 40))
    assert prefs.view_state(ViewState())[0].pinned_units == (5, 40)
    session = Session(Settings(hidden_size=H, length=12, seed=2))
    again = MainWindow(session, prefs)
    qtbot.addWidget(again)
    try:
        assert again.view_controller.state.pinned_units == (5, 40)
        assert again.diagram.pinned_units() == (5, 40)
    finally:
        session.shutdown()


def test_remembered_pins_that_are_not_unit_numbers_are_dropped_with_a_note(prefs):
    from lstm_viz.state.view_state import ViewState

    prefs.store.setValue("view/pinned_units", "3,x")
    state, notes = prefs.view_state(ViewState())
    assert state.pinned_units == ()
    assert [str(n) for n in notes] == [
        "the remembered pinned units was invalid; using the most active units"
    ]
