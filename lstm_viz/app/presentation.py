"""Presentation mode: the window made for a projector, and given back as it was.

Full screen, without menus or status bar; type in every dock sized for the
screen (a style sheet, because the app's own style sheet stops fonts set on a
parent from reaching its children); the diagram's lines thicker; the stage
caption moved out of the diagram into a large label under it; the playback bar
reduced to play, step and scrub. The docks of controls (settings, equations,
training) step aside so the diagram is large.

The plots are a slide of their own on a small screen (a classroom projector of
1280 × 720 or 1366 × 768): the view state's ``slide`` shows the diagram, the
plots (filling the screen) or both; ``"auto"`` is the diagram alone on a small
screen and both on a large one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from ..diagram import CellDiagram
from .dock_layout import is_large_room
from .playback_bar import PlaybackBar

#: Presentation mode's caption size (relative to its type) and line width.
CAPTION_SCALE = 1.5
LINE_SCALE = 1.7
PLOTS_SHARE = 0.3
#: The screen height whose type is the app's own; taller screens scale it up (to a limit).
TYPE_HEIGHT = 800
MAX_TYPE_SCALE = 2.5


def type_scale(screen_height: int) -> float:
    """How much larger than the app's own the type is on a screen this tall."""
    return min(MAX_TYPE_SCALE, max(1.0, screen_height / TYPE_HEIGHT))


def shown_slide(slide: str, screen: QSize) -> str:
    """What a presentation shows for the view state's ``slide`` on ``screen``."""
    if slide != "auto":
        return slide
    return "both" if is_large_room(screen.width(), screen.height()) else "diagram"


@dataclass(frozen=True)
class Stage:
    """The parts of a window that presentation mode changes."""

    controls: Sequence[QDockWidget]  # the docks that step aside
    plots_dock: QDockWidget  # the dock that stays, narrower
    playback: PlaybackBar
    diagram: CellDiagram
    caption: QLabel
    full_screen_action: QAction
    view: QWidget  # the diagram's view, in the central layout
    plots: QWidget  # the plots dock's widget (the plots slide shows it centrally)
    central: QVBoxLayout


class Presentation:
    """Presentation mode of one window (see the module's description); the window's
    view state says when it is on, and the window calls :meth:`set`."""

    def __init__(self, window: QMainWindow, stage: Stage) -> None:
        self.window = window
        self.stage = stage
        self.on = False
        self._before: tuple[QByteArray, QByteArray, Qt.WindowState] | None = None
        self._hidden: list[QDockWidget] = []
        self.slide = "auto"
        self._plots_docked_open = True

    def screen_size(self) -> QSize:
        screen = self.window.screen()
        return screen.geometry().size() if screen is not None else QSize(1366, 768)

    def shown(self) -> str:
        """The slide shown now ("diagram", "plots" or "both"); "" when not presenting."""
        return shown_slide(self.slide, self.screen_size()) if self.on else ""

    def set_slide(self, slide: str) -> None:
        """Show ``slide`` (a value of :data:`~lstm_viz.state.view_state.SLIDES`)."""
        self.slide = slide
        if self.on:
            self._show_slide()

    def _show_slide(self) -> None:
        st, shown = self.stage, self.shown()
        plots_central = st.central.indexOf(st.plots) >= 0
        if shown == "plots" and not plots_central:
            st.central.insertWidget(0, st.plots, 1)
            st.plots.show()
        elif shown != "plots" and plots_central:
            st.central.removeWidget(st.plots)
            st.plots_dock.setWidget(st.plots)
        st.view.setVisible(shown != "plots")
        st.caption.setVisible(shown != "plots")
        st.plots_dock.setVisible(shown == "both" and self._plots_docked_open)
        if shown == "both":
            QTimer.singleShot(0, self._narrow_plots)

    def set(self, on: bool) -> None:
        w, st = self.window, self.stage
        if on == self.on:
            return
        self.on = on
        if on:
            self._before = (w.saveGeometry(), w.saveState(), w.windowState())
            self._plots_docked_open = st.plots_dock.isVisible()
            self._hidden = [d for d in st.controls if d.isVisible()]
            for dock in self._hidden:
                dock.hide()
        else:
            self._show_slide_off()
            for dock in self._hidden:
                dock.show()
            self._hidden = []
        w.menuBar().setVisible(not on)
        w.statusBar().setVisible(not on)
        st.playback.set_compact(on)
        st.diagram.set_line_scale(LINE_SCALE if on else 1.0)
        st.caption.setVisible(on)
        st.diagram.set_caption_visible(not on)
        st.full_screen_action.setEnabled(not on)
        self.apply_type()
        if on:
            w.showFullScreen()
            if w.screen() is not None:  # without a window manager full screen is a request
                w.setGeometry(w.screen().geometry())
            # The plots keep a third of the screen at most (the diagram is the lesson),
            # or a slide of their own on a small screen.
            self._show_slide()
        elif self._before is not None:
            geometry, docks, state = self._before
            w.restoreState(docks)  # the docks' places and sizes, as they were
            w.setWindowState(state)
            if not state & Qt.WindowState.WindowFullScreen:
                w.restoreGeometry(geometry)
            st.full_screen_action.setChecked(bool(state & Qt.WindowState.WindowFullScreen))

    def _show_slide_off(self) -> None:
        st = self.stage
        if st.central.indexOf(st.plots) >= 0:
            st.central.removeWidget(st.plots)
            st.plots_dock.setWidget(st.plots)
        st.view.show()
        st.plots_dock.setVisible(self._plots_docked_open)

    def _narrow_plots(self) -> None:
        w, dock = self.window, self.stage.plots_dock
        if self.on and dock.isVisible() and not dock.isFloating():
            w.resizeDocks([dock], [round(w.width() * PLOTS_SHARE)], Qt.Orientation.Horizontal)

    def apply_type(self) -> None:
        """The larger type (again after a theme change, whose style sheet re-polishes)."""
        if not self.on:
            self.window.setStyleSheet("")
            return
        # Type follows the screen: the app's own on a 720- or 768-line projector,
        # larger on taller screens (a fixed factor overflowed small ones).
        pt = QApplication.font().pointSizeF() * type_scale(self.screen_size().height())
        caption = pt * CAPTION_SCALE
        # Room for three lines, so the diagram does not move as captions change length.
        lines = round(caption * 96 / 72 * 1.5 * 3)
        self.window.setStyleSheet(
            f"QWidget {{ font-size: {pt:.1f}pt; }}"
            f"QLabel#presentationCaption {{ font-size: {caption:.1f}pt;"
            f" min-height: {lines}px; }}"
        )

    def window_to_remember(self) -> tuple[QByteArray, QByteArray]:
        """The window's geometry and docks as they are outside presentation mode (what
        quitting saves for the next run)."""
        if self.on and self._before is not None:
            return self._before[0], self._before[1]
        return self.window.saveGeometry(), self.window.saveState()
