"""The window's docks: made, placed in their areas, tabbed and sized as a first run has them.

Which docks are open is the view state's (``ViewState.docks``); where they are
is Qt's own saved state, remembered between runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt
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


#: A screen at least this large (available pixels) gets the side-by-side layout.
LARGE_ROOM = (1600, 900)
#: The compact layout's dock column (pixels; the settings' own minimum may be more),
#: and the share of its height the plots get.
COMPACT_COLUMN = 440
COMPACT_PLOTS_SHARE = 0.65
#: The large layout's plots column (a share of the window) and settings column (pixels).
LARGE_PLOTS_SHARE = 0.3
LARGE_SETTINGS = 320
#: Room kept under the diagram for its caption (three lines), in pixels.
CAPTION_ROOM = 100


def is_large_room(width: int, height: int) -> bool:
    """Whether a screen of ``width`` × ``height`` available pixels gets the large layout."""
    return width >= LARGE_ROOM[0] and height >= LARGE_ROOM[1]


def place_docks(
    window: QMainWindow, docks: Mapping[str, QDockWidget], room: QSize | None = None
) -> bool:
    """Fit the screen and put each dock in its area; returns whether the room is large.

    Large rooms (:data:`LARGE_ROOM`) have the settings left of the diagram, the
    plots and the lab right of it and the equations under it (in the height a
    16:9 diagram leaves spare). Smaller ones keep the diagram's whole height
    and put every dock in one column on the right: the settings and equations
    above, the plots and the lab below. The splitters are the user's to drag;
    Qt's saved window state remembers them.
    """
    if room is None:
        screen = window.screen().availableGeometry() if window.screen() else None
        room = screen.size() if screen else QSize(1280, 800)
    sw, sh = room.width(), room.height()
    large = is_large_room(sw, sh)
    was_open = {n: not d.isHidden() or not window.isVisible() for n, d in docks.items()}
    for dock in docks.values():  # placed again (a reset): from scratch
        window.removeDockWidget(dock)
    if large:
        window.resize(round(sw * 0.92), round(sh * 0.92))
    else:
        window.resize(sw, sh)  # a small screen needs all of it
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    right = Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    # A dock under the diagram is as wide as the diagram, not the window.
    window.setCorner(Qt.Corner.BottomLeftCorner, left)
    window.setCorner(Qt.Corner.BottomRightCorner, right)
    for name, area in (
        ("settingsDock", left if large else right),
        ("explainDock", bottom if large else right),
        ("plotsDock", right),
        ("trainDock", right),
    ):
        window.addDockWidget(area, docks[name])
        docks[name].setVisible(was_open[name])
    if not large:
        window.splitDockWidget(docks["settingsDock"], docks["plotsDock"], Qt.Orientation.Vertical)
    return large


def tabify_docks(window: QMainWindow, docks: Mapping[str, QDockWidget]) -> None:
    """Settings with equations, plots with training, each group showing its first.

    Only once the window is shown: tab groups made before get a duplicate, stale
    tab bar from Qt 6.11's dock layout.
    """
    if window.dockWidgetArea(docks["explainDock"]) == window.dockWidgetArea(docks["settingsDock"]):
        window.tabifyDockWidget(docks["settingsDock"], docks["explainDock"])
        docks["settingsDock"].raise_()
    window.tabifyDockWidget(docks["plotsDock"], docks["trainDock"])
    docks["plotsDock"].raise_()


def size_docks(window: QMainWindow, docks: Mapping[str, QDockWidget], large: bool) -> None:
    """The first run's widths (once the window has its own: before, Qt ignores them)."""
    if large:
        plots = round(window.width() * LARGE_PLOTS_SHARE)
        window.resizeDocks([docks["settingsDock"]], [LARGE_SETTINGS], Qt.Orientation.Horizontal)
        window.resizeDocks([docks["plotsDock"]], [plots], Qt.Orientation.Horizontal)
        return
    # Wide enough for a readable plot; the rest of the width is the diagram's.
    window.resizeDocks([docks["plotsDock"]], [COMPACT_COLUMN], Qt.Orientation.Horizontal)
    height = window.height()
    window.resizeDocks(
        [docks["settingsDock"], docks["plotsDock"]],
        [round(height * (1 - COMPACT_PLOTS_SHARE)), round(height * COMPACT_PLOTS_SHARE)],
        Qt.Orientation.Vertical,
    )
