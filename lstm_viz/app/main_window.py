"""The main window: the cell diagram in the middle, docks around it, menus above.

Everything shown is read from the :class:`Session`; the window only wires
views to it and keeps the desktop conventions (menus, docks, shortcuts,
remembered geometry and theme).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..diagram import CellDiagram, DiagramView
from ..export.dialogs import ExportAnimationDialog, ExportFrameDialog
from ..export.options import PANELS, ExportOptions
from ..i18n import current_language, set_language, tr
from ..plots import GradientPlots
from ..state.timeline import STAGES, Cursor
from .about import AboutDialog, ShortcutsDialog, about_app_text
from .actions import (
    describe_shortcuts,
    paint_icons,
    playback_actions,
    retranslate_actions,
)
from .explain_panel import ExplanationPanel
from .menus import build_menus
from .playback_bar import PlaybackBar
from .preferences import Preferences
from .presentation import Presentation
from .session import Session
from .settings_panel import SettingsPanel
from .theme import apply_theme
from .train_dock import TrainDock


class MainWindow(QMainWindow):
    """The lstm-viz window for one :class:`Session`."""

    def __init__(self, session: Session, preferences: Preferences | None = None) -> None:
        super().__init__()
        self.session = session
        self.preferences = preferences or Preferences()
        self.setWindowTitle(tr("lstm-viz — inside an LSTM"))
        self.setObjectName("mainWindow")
        self.setDockNestingEnabled(True)
        self.presentation = Presentation(self)

        self.diagram = CellDiagram()
        self.view = DiagramView(self.diagram)
        self.view.setObjectName("diagramView")
        self.actions_by_name = playback_actions(session, self)
        self.playback = PlaybackBar(session, self.actions_by_name)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        # Presentation mode moves the stage caption out of the diagram, in large type.
        self.caption = QLabel()
        self.caption.setObjectName("presentationCaption")
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(24, 6, 24, 6)
        self.caption.hide()
        layout.addWidget(self.caption)
        layout.addWidget(self.playback)
        self.setCentralWidget(central)

        self.settings_panel = SettingsPanel(session)
        scroll = QScrollArea()
        scroll.setWidget(self.settings_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Scroll up and down only; the dock is never narrower than the form.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(
            self.settings_panel.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
        )
        self.settings_dock = self._dock("settingsDock", tr("Model and sequence"), scroll)

        self.explanation = ExplanationPanel()
        self.explanation.set_min_interval(150)
        self.explain_dock = self._dock("explainDock", tr("Equations"), self.explanation)

        self.plots = GradientPlots()
        self.plots_dock = self._dock("plotsDock", tr("Gradients"), self.plots)
        self.plots.busy_changed.connect(self._show_busy)

        self.train = TrainDock()
        # In a scroll area: the lab's controls and two plots must not set the
        # minimum height of the dock area it shares with the plots.
        train_scroll = QScrollArea()
        train_scroll.setWidget(self.train)
        train_scroll.setWidgetResizable(True)
        train_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.train_dock = self._dock("trainDock", tr("Train"), train_scroll)
        self.train.showTrained.connect(self.show_trained)

        build_menus(self)
        session.resultsChanged.connect(lambda _r: self._new_results())
        session.cursorChanged.connect(self._show_cursor)
        self.diagram.stepClicked.connect(session.jump_to_step)
        session.speedChanged.connect(self.preferences.set_speed)

        # Create the status bar before the docks are laid out: made later (on the
        # first "computing" message) it makes Qt re-lay the docks and leave a stale
        # tab bar behind.
        self.statusBar()
        self._default_layout()
        geometry = self.preferences.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        # Tab groups are made once the window is shown (see showEvent).
        self._layout_pending = True
        self.set_unrolled(self.preferences.unrolled())
        self.set_theme(self.preferences.theme())
        self.set_reduced_motion(self.preferences.reduced_motion())
        self._new_results()

    def _default_layout(self) -> None:
        """Fit the screen and put each dock in its area: settings and equations on the
        left; the gradient plots and the training lab right of the diagram on wide
        screens, under it otherwise (tabified when the window is shown)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(1920, round(screen.width() * 0.92)) if screen else 1280
        height = min(1200, round(screen.height() * 0.92)) if screen else 800
        self.resize(width, height)
        self._wide = width >= 1600
        right, bottom = (
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        for dock, area in (
            (self.settings_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
            (self.explain_dock, Qt.DockWidgetArea.LeftDockWidgetArea),
            (self.plots_dock, right if self._wide else bottom),
            (self.train_dock, right if self._wide else bottom),
        ):
            self.addDockWidget(area, dock)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_pending:
            return
        self._layout_pending = False
        # Tab groups made before the window is shown get a duplicate, stale tab bar
        # from Qt 6.11's dock layout; made (or restored) now, they get one.
        state = self.preferences.window_state()
        if state is not None and self.restoreState(state):
            return
        self.tabifyDockWidget(self.settings_dock, self.explain_dock)
        self.settings_dock.raise_()
        self.tabifyDockWidget(self.plots_dock, self.train_dock)
        self.plots_dock.raise_()
        # Sizes once the window has its own: before that Qt does not honour them.
        QTimer.singleShot(0, self._size_docks)

    def _size_docks(self) -> None:
        self.resizeDocks([self.settings_dock], [320], Qt.Orientation.Horizontal)
        if self._wide:
            size, orientation = round(self.width() * 0.36), Qt.Orientation.Horizontal
        else:
            size, orientation = round(self.height() * 0.4), Qt.Orientation.Vertical
        self.resizeDocks([self.plots_dock], [size], orientation)

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    # -- language and presentation ---------------------------------------------

    def set_language(self, code: str, *, remember: bool = True) -> None:
        """Speak ``code`` from now on (every widget retranslates on Qt's LanguageChange);
        ``remember`` it for the next run when the user chose it (not a file or a flag)."""
        if code != current_language():
            set_language(code)
        self.language_actions[code].setChecked(True)
        if remember:
            self.preferences.set_language(code)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Say the window's own words again: title, docks, menus, diagram, status."""
        self.setWindowTitle(tr("lstm-viz — inside an LSTM"))
        for dock, title in (
            (self.settings_dock, tr("Model and sequence")),
            (self.explain_dock, tr("Equations")),
            (self.plots_dock, tr("Gradients")),
            (self.train_dock, tr("Train")),
        ):
            dock.setWindowTitle(title)
        retranslate_actions(self)
        self.scenarios.retranslate()
        self.diagram.retranslate()
        self._redraw()

    def set_presentation(self, on: bool) -> None:
        """Presentation mode (see :mod:`.presentation`); Esc or F11 leaves it."""
        self.presentation.set(on)
        if self.presentation_action.isChecked() != on:
            self.presentation_action.setChecked(on)
        self.leave_action.setEnabled(on)
        self._redraw()

    def presenting(self) -> bool:
        return self.presentation.on

    def set_reduced_motion(self, on: bool) -> None:
        self.diagram.set_reduced_motion(on)
        if self.reduced_motion_action.isChecked() != on:
            self.reduced_motion_action.setChecked(on)
        self.preferences.set_reduced_motion(on)

    # -- views ----------------------------------------------------------------

    def _new_results(self) -> None:
        self.plots.set_comparison(self.session.comparison)
        self._redraw()

    def _redraw(self) -> None:
        self._show_cursor(self.session.cursor)

    def _show_cursor(self, cursor: Cursor) -> None:
        results = self.session.results
        self.diagram.show(results, cursor)
        if self.presentation.on:
            self.caption.setText(self.diagram.caption_text())
        # The equations are the forward pass's; during the backward pass, step t's
        # forward values are all known.
        shown = Cursor(cursor.t, len(STAGES[results.kind]) - 1, 1.0) if cursor.backward else cursor
        self.explanation.show_cursor(results, shown)
        self.plots.set_cursor(cursor)

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(tr("Computing the gradient plots…"))
        else:
            self.statusBar().clearMessage()

    def set_unrolled(self, on: bool) -> None:
        self.diagram.set_unrolled(on)
        if self.unrolled_action.isChecked() != on:
            self.unrolled_action.setChecked(on)
        self.preferences.set_unrolled(on)
        self.view.fit()
        self._redraw()

    def set_theme(self, theme: str) -> None:
        apply_theme(QApplication.instance(), theme)
        paint_icons(self.actions_by_name)
        self.diagram.set_theme(theme)
        self.explanation.set_theme(theme == "dark")
        self.plots.set_theme(theme)
        self.train.set_theme(theme)
        self.theme_actions[theme].setChecked(True)
        self.presentation.apply_type()
        self.preferences.set_theme(theme)
        self._redraw()

    def show_trained(self, path: str, sequence: str, length: int) -> None:
        """Look inside a model the lab trained, on a fresh sequence of its task."""
        if self.session.apply(weights=path, sequence=sequence, length=length):
            self.plots_dock.raise_()

    # -- dialogs --------------------------------------------------------------

    def _export_defaults(self) -> ExportOptions:
        """What the export dialogs start from: what the window shows now."""
        current = self.plots.currentWidget()
        panel = next((n for n in PANELS if getattr(self.plots, n) is current), PANELS[0])
        return ExportOptions(
            theme=self.preferences.theme(),
            unrolled=self.diagram.unrolled(),
            panel=panel,
            backward=self.session.backward,
            lang=current_language(),
        )

    def export_frame(self) -> None:
        ExportFrameDialog(
            self.session.comparison, self.session.cursor, self._export_defaults(), self
        ).exec()

    def export_animation(self) -> None:
        self.session.pause()
        ExportAnimationDialog(self.session.comparison, self._export_defaults(), self).exec()

    def show_about_lstm(self) -> None:
        AboutDialog(self).exec()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(describe_shortcuts(self.shortcut_actions()), self).exec()

    def shortcut_actions(self) -> list[QAction]:
        """Every action with a key: transport first, then the menus' in menu order."""
        seen: list[QAction] = list(self.actions_by_name.values())
        for menu_action in self.menuBar().actions():
            for action in menu_action.menu().actions():
                if action.menu():
                    continue
                if action not in seen and action.shortcuts():
                    seen.append(action)
        return seen

    def show_about_app(self) -> None:
        QMessageBox.about(self, tr("About lstm-viz {v}").format(v=__version__), about_app_text())

    # -- lifetime -------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.shutdown()
        self.plots.shutdown()
        self.train.shutdown()
        self.preferences.save_window(*self.presentation.window_to_remember())
        self.preferences.save_settings(self.session.settings)
        self.preferences.sync()
        super().closeEvent(event)
