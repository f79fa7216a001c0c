"""Presentation mode: the window made for a projector, and given back as it was.

Full screen, without menus or status bar; larger type in every dock (a style
sheet, because the app's own style sheet stops fonts set on a parent from
reaching its children); the diagram's lines thicker; the stage caption moved out
of the diagram into a large label under it; the playback bar reduced to play,
step and scrub. The docks of controls (settings, equations, training) step
aside so the diagram is large; the Gradients dock stays if it was shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow

from ..diagram import CellDiagram
from .playback_bar import PlaybackBar

#: Presentation mode's type, caption and line sizes, relative to the window's.
TYPE_SCALE = 1.4
CAPTION_SCALE = 2.0
LINE_SCALE = 1.7
PLOTS_SHARE = 0.3


@dataclass(frozen=True)
class Stage:
    """The parts of a window that presentation mode changes."""

    controls: Sequence[QDockWidget]  # the docks that step aside
    plots_dock: QDockWidget  # the dock that stays, narrower
    playback: PlaybackBar
    diagram: CellDiagram
    caption: QLabel
    full_screen_action: QAction


class Presentation:
    """Presentation mode of one window (see the module's description); the window's
    view state says when it is on, and the window calls :meth:`set`."""

    def __init__(self, window: QMainWindow, stage: Stage) -> None:
        self.window = window
        self.stage = stage
        self.on = False
        self._before: tuple[QByteArray, QByteArray, Qt.WindowState] | None = None
        self._hidden: list[QDockWidget] = []

    def set(self, on: bool) -> None:
        w, st = self.window, self.stage
        if on == self.on:
            return
        self.on = on
        if on:
            self._before = (w.saveGeometry(), w.saveState(), w.windowState())
            self._hidden = [d for d in st.controls if d.isVisible()]
            for dock in self._hidden:
                dock.hide()
        else:
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
            # The plots keep a third of the screen at most: the diagram is the lesson.
            QTimer.singleShot(0, self._narrow_plots)
        elif self._before is not None:
            geometry, docks, state = self._before
            w.restoreState(docks)  # the docks' places and sizes, as they were
            w.setWindowState(state)
            if not state & Qt.WindowState.WindowFullScreen:
                w.restoreGeometry(geometry)
            st.full_screen_action.setChecked(bool(state & Qt.WindowState.WindowFullScreen))

    def _narrow_plots(self) -> None:
        w, dock = self.window, self.stage.plots_dock
        if self.on and dock.isVisible() and not dock.isFloating():
            w.resizeDocks([dock], [round(w.width() * PLOTS_SHARE)], Qt.Orientation.Horizontal)

    def apply_type(self) -> None:
        """The larger type (again after a theme change, whose style sheet re-polishes)."""
        if not self.on:
            self.window.setStyleSheet("")
            return
        pt = QApplication.font().pointSizeF()
        # Room for three lines, so the diagram does not move as captions change length.
        lines = round(pt * CAPTION_SCALE * 96 / 72 * 1.5 * 3)
        self.window.setStyleSheet(
            f"QWidget {{ font-size: {pt * TYPE_SCALE:.1f}pt; }}"
            f"QLabel#presentationCaption {{ font-size: {pt * CAPTION_SCALE:.1f}pt;"
            f" min-height: {lines}px; }}"
        )

    def window_to_remember(self) -> tuple[QByteArray, QByteArray]:
        """The window's geometry and docks as they are outside presentation mode (what
        quitting saves for the next run)."""
        if self.on and self._before is not None:
            return self._before[0], self._before[1]
        return self.window.saveGeometry(), self.window.saveState()
