"""The window's docks: made, placed in their areas, tabbed and sized as a first run has them.

Which docks are open is the view state's (``ViewState.docks``); where they are
is Qt's own saved state, remembered between runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from ..i18n import tr
from ..i18n_marks import tr_noop
from ..state.view_state import DOCKS

#: The docks' titles (marked for translation), by object name.
DOCK_TITLES = {
    "settingsDock": tr_noop("Model and sequence"),
    "explainDock": tr_noop("Equations"),
    "plotsDock": tr_noop("Gradients"),
    "trainDock": tr_noop("Train"),
}
assert tuple(DOCK_TITLES) == DOCKS


def make_dock(window: QMainWindow, name: str, widget: QWidget) -> QDockWidget:
    """A movable, closable, floatable dock holding ``widget``, titled from its ``name``."""
    dock = QDockWidget(tr(DOCK_TITLES[name]), window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    return dock


def retitle_docks(docks: Mapping[str, QDockWidget]) -> None:
    """The docks' titles in the current language."""
    for name, dock in docks.items():
        dock.setWindowTitle(tr(DOCK_TITLES[name]))


def place_docks(window: QMainWindow, docks: Mapping[str, QDockWidget]) -> bool:
    """Fit the screen and put each dock in its area: settings and equations on the
    left; the gradient plots and the training lab right of the diagram on wide
    screens, under it otherwise. Returns whether the screen is wide."""
    screen = window.screen().availableGeometry() if window.screen() else None
    width = min(1920, round(screen.width() * 0.92)) if screen else 1280
    height = min(1200, round(screen.height() * 0.92)) if screen else 800
    window.resize(width, height)
    wide = width >= 1600
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    side = Qt.DockWidgetArea.RightDockWidgetArea if wide else Qt.DockWidgetArea.BottomDockWidgetArea
    for name, area in (
        ("settingsDock", left),
        ("explainDock", left),
        ("plotsDock", side),
        ("trainDock", side),
    ):
        window.addDockWidget(area, docks[name])
    return wide


def tabify_docks(window: QMainWindow, docks: Mapping[str, QDockWidget]) -> None:
    """Settings with equations, plots with training, each group showing its first.

    Only once the window is shown: tab groups made before get a duplicate, stale
    tab bar from Qt 6.11's dock layout.
    """
    window.tabifyDockWidget(docks["settingsDock"], docks["explainDock"])
    docks["settingsDock"].raise_()
    window.tabifyDockWidget(docks["plotsDock"], docks["trainDock"])
    docks["plotsDock"].raise_()


def size_docks(window: QMainWindow, docks: Mapping[str, QDockWidget], wide: bool) -> None:
    """The first run's sizes (once the window has its own: before, Qt ignores them)."""
    window.resizeDocks([docks["settingsDock"]], [320], Qt.Orientation.Horizontal)
    if wide:
        size, orientation = round(window.width() * 0.36), Qt.Orientation.Horizontal
    else:
        size, orientation = round(window.height() * 0.4), Qt.Orientation.Vertical
    window.resizeDocks([docks["plotsDock"]], [size], orientation)
