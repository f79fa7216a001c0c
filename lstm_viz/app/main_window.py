"""The main window: the cell diagram in the middle, docks around it, menus above.

What is computed and played is the :class:`Session`'s; how it is shown is the
:class:`ViewController`'s view state. The window wires views to both, shows
every change of the view state in its widgets (and remembers it), and keeps the
desktop conventions (menus, docks, shortcuts, remembered geometry).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..diagram import SCENE_H, SCENE_W, CellDiagram, DiagramView
from ..export.dialogs import ExportAnimationDialog, ExportFrameDialog
from ..export.options import ExportOptions
from ..i18n import current_language, say, set_language, tr
from ..i18n_marks import Sentence
from ..plots import GradientPlots
from ..state.timeline import STAGES, Cursor
from ..state.view_state import DOCKS, ViewState
from ..state.vocabulary import PANELS
from .about import AboutDialog, ShortcutsDialog, about_app_text
from .actions import (
    describe_shortcuts,
    paint_icons,
    playback_actions,
    retranslate_actions,
)
from .dock_layout import (
    CAPTION_ROOM,
    make_dock,
    place_docks,
    retitle_docks,
    size_docks,
    tabify_docks,
)
from .examples import add_examples_menu, show_text_panel
from .explain_panel import ExplanationPanel
from .menus import MenuCommands, build_menus
from .panel_picker import PanelPicker
from .playback_bar import PlaybackBar
from .preferences import Preferences
from .presentation import Presentation, Stage
from .scenarios import ScenarioMenu
from .session import Session
from .settings_panel import SettingsPanel
from .theme import apply_theme
from .train_dock import TrainDock
from .unit_pins import UnitPins
from .view_controller import ViewController
from .whatif import install_what_if

#: The view fields shown when the window is made (presentation starts off; the docks
#: are laid out, or restored, when the window is first shown).
_SHOWN_AT_START = ("language", "theme", "reduced_motion", "unrolled", "panel", "clip")


class MainWindow(QMainWindow):
    """The lstm-viz window for one :class:`Session`.

    Parameters
    ----------
    session
        What is computed and played.
    preferences
        What is remembered between runs (the view state starts from it).
    notes
        Sentences for the status bar at start-up (remembered values that were
        invalid and not used); the window adds its own.
    """

    def __init__(
        self,
        session: Session,
        preferences: Preferences | None = None,
        notes: Sequence[Sentence] = (),
    ) -> None:
        super().__init__()
        self.session = session
        # The window owns a session nobody else owns: deleting the window then deletes
        # the session and its connections to the views. Those live in Qt, where Python's
        # collector cannot see them, so otherwise a closed window (25 plots' menus,
        # re-styled with every later window) would never be freed.
        if session.parent() is None:
            session.setParent(self)
        self.preferences = preferences or Preferences()
        #: Whether closing waits for the plots' running jobs (the app's own run sets
        #: False and ends the process instead; see ``launch.run_app``).
        self.wait_for_jobs_on_close = True
        #: Whether a plot job was still running when the window closed.
        self.jobs_left = False
        self.setWindowTitle(tr("lstm-viz — inside an LSTM"))
        self.setObjectName("mainWindow")
        self.setDockNestingEnabled(True)
        start = ViewState(
            language=current_language(), speed=session.speed, backward=session.backward
        )
        start, view_notes = self.preferences.view_state(start)
        self.view_controller = ViewController(start, session, self)

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
        # The stage caption moves out of the diagram, under it, when the room is taller
        # than the diagram (its band is spare) and in presentation mode (in large type).
        self.caption = QLabel()
        self.caption.setObjectName("presentationCaption")
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(24, 6, 24, 6)
        self.caption.hide()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.caption)
        central.installEventFilter(self)
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
        self.settings_dock = make_dock(self, "settingsDock", scroll)

        self.explanation = ExplanationPanel()
        self.explanation.set_min_interval(150)
        self.explain_dock = make_dock(self, "explainDock", self.explanation)

        self.plots = GradientPlots()
        self.panel_picker = PanelPicker(self.plots)
        plots_box = QWidget()
        plots_layout = QVBoxLayout(plots_box)
        plots_layout.setContentsMargins(0, 0, 0, 0)
        plots_layout.setSpacing(0)
        plots_layout.addWidget(self.panel_picker)
        plots_layout.addWidget(self.plots, 1)
        self.plots_dock = make_dock(self, "plotsDock", plots_box)
        self._plots_busy = False
        self.plots.busy_changed.connect(self._show_busy)

        self.train = TrainDock()
        # In a scroll area: the lab's controls and two plots must not set the
        # minimum height of the dock area it shares with the plots.
        train_scroll = QScrollArea()
        train_scroll.setWidget(self.train)
        train_scroll.setWidgetResizable(True)
        train_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.train_dock = make_dock(self, "trainDock", train_scroll)
        self.train.showTrained.connect(self.show_trained)
        #: The docks by object name, in the order of :data:`DOCKS`.
        self.docks = {
            d.objectName(): d
            for d in (self.settings_dock, self.explain_dock, self.plots_dock, self.train_dock)
        }
        assert tuple(self.docks) == DOCKS

        self.scenarios = ScenarioMenu(self, self)
        menus = build_menus(
            self,
            self.view_controller,
            MenuCommands(
                open_sequence=self.settings_panel.choose_sequence_file,
                load_weights=self.settings_panel.choose_weights_file,
                export_frame=self.export_frame,
                export_animation=self.export_animation,
                about_lstm=self.show_about_lstm,
                shortcuts=self.show_shortcuts,
                about_app=self.show_about_app,
                choose_language=self.set_language,
            ),
            self.actions_by_name,
            list(self.docks.values()),
            self.scenarios,
        )
        self.backward_action = menus.backward
        add_examples_menu(
            self,
            self.menuBar().actions()[0].menu(),  # File
            session,
            lambda: show_text_panel(self.view_controller),
        )
        self.unrolled_action = menus.unrolled
        self.presentation_action = menus.presentation
        self.reduced_motion_action = menus.reduced_motion
        self.full_screen_action = menus.full_screen
        self.leave_action = menus.leave
        self.theme_actions = menus.themes
        self.language_actions = menus.languages
        self.unit_pins = UnitPins(self)  # the strips' pin menu and View → Units…
        self.presentation = Presentation(
            self,
            Stage(
                controls=(self.settings_dock, self.explain_dock, self.train_dock),
                plots_dock=self.plots_dock,
                playback=self.playback,
                diagram=self.diagram,
                caption=self.caption,
                full_screen_action=self.full_screen_action,
                view=self.view,
                plots=plots_box,
                central=layout,
            ),
        )
        # S steps presentation mode through its slides: diagram, plots, both.
        self.slide_action = QAction(self)
        self.slide_action.setShortcut(QKeySequence("S"))
        self.slide_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.slide_action.triggered.connect(self.next_slide)
        self.addAction(self.slide_action)

        session.resultsChanged.connect(lambda _r: self._new_results())
        session.comparisonChanged.connect(self.plots.set_comparison)
        session.cursorChanged.connect(self._show_cursor)
        self.diagram.stepClicked.connect(session.jump_to_step)
        self.plots.text.stepClicked.connect(session.jump_to_step)
        self.what_if = install_what_if(session, self.plots.text)
        # Widgets that change the view state themselves: tell its owner.
        for dock in self.docks.values():
            dock.toggleViewAction().toggled.connect(self._docks_toggled)
        self.plots.currentChanged.connect(self._panel_chosen)
        self.plots.clipping.threshold.valueChanged.connect(
            lambda value: self.view_controller.update(clip=value)
        )
        self.view_controller.changed.connect(self._show_view)

        # Create the status bar before the docks are laid out: made later (on the
        # first "computing" message) it makes Qt re-lay the docks and leave a stale
        # tab bar behind.
        self.statusBar()
        self._wide = place_docks(self, self.docks)
        geometry = self.preferences.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        # Tab groups are made once the window is shown (see showEvent).
        self._layout_pending = True
        self._show_view(self.view_controller.state, frozenset(_SHOWN_AT_START))
        self._new_results()
        # What start-up could not use, in one line that the passing "computing"
        # messages cover only for a while; gone once the user changes the settings.
        self.status_note = QLabel("; ".join(say(n) for n in (*notes, *view_notes)))
        self.status_note.setObjectName("statusNote")
        self.statusBar().addWidget(self.status_note, 1)
        self.status_note.setVisible(bool(self.status_note.text()))
        session.resultsChanged.connect(lambda _r: self.status_note.hide())
        session.computingChanged.connect(lambda _c: self._show_status())
        self._show_status()  # a long start is computing already

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_pending:
            return
        self._layout_pending = False
        # Tab groups are made (or restored) once the window is shown: see tabify_docks.
        state = self.preferences.window_state()
        if state is not None and self.restoreState(state):
            return
        tabify_docks(self, self.docks)
        QTimer.singleShot(0, self, self._size_docks)  # never after the window is deleted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.centralWidget():
            self.place_caption()
        return super().eventFilter(watched, event)

    def place_caption(self) -> None:
        """The caption under the diagram when the room is taller than the diagram (the
        band would be empty) or in presentation mode; inside the diagram otherwise.

        Under the diagram (outside presentation mode) its type grows to fill the
        spare band with three lines, from 14 to 22 pixels.
        """
        view, label = self.view, self.caption
        if self.presentation.shown() == "plots":
            return  # the plots' slide: no diagram, no caption
        room = view.height() + (label.height() if label.isVisible() else 0)
        spare = room - view.width() * SCENE_H / SCENE_W
        presenting = self.presentation.on
        if not presenting:
            px = int(np.clip((spare - 12) / (3 * 1.4), 14, 22))
            if label.font().pixelSize() != px:
                f = label.font()
                f.setPixelSize(px)
                label.setFont(f)
        # Under the diagram it reads as the diagram's own text; a slide centres it.
        vertical = Qt.AlignmentFlag.AlignVCenter if presenting else Qt.AlignmentFlag.AlignTop
        label.setAlignment(vertical | Qt.AlignmentFlag.AlignLeft)
        lines = 3 * label.fontMetrics().lineSpacing() + 12
        label.setMinimumHeight(lines)  # captions of one or three lines: the diagram stays
        outside = presenting or spare >= lines
        if outside != label.isVisible():
            label.setVisible(outside)
            self.diagram.set_caption_visible(not outside)
            label.setText(self.diagram.caption_text())
        # The spare band goes to the caption, not above and below the diagram.
        fitted = math.ceil(view.width() * SCENE_H / SCENE_W)
        view.setMaximumHeight(fitted if outside and not presenting else 16777215)

    def _size_docks(self) -> None:
        size_docks(self, self.docks, self._wide)
        if self._wide and self.explain_dock.isVisible() and not self.explain_dock.isFloating():
            # The equations under the diagram take the height a 16:9 diagram (and its
            # caption) leaves: measured once the columns beside it have their widths.
            QApplication.processEvents()
            wanted = round(self.view.width() * SCENE_H / SCENE_W) + self.playback.height()
            spare = self.centralWidget().height() - wanted - CAPTION_ROOM
            self.resizeDocks(
                [self.explain_dock],
                [max(160, self.explain_dock.height() + spare)],
                Qt.Orientation.Vertical,
            )

    def reset_layout(self, room: QSize | None = None) -> None:
        """Lay the window out afresh for ``room`` (its screen's available size when
        ``None``): its size, the docks' places, tabs and sizes, as a first run has them."""
        self._wide = place_docks(self, self.docks, room)
        tabify_docks(self, self.docks)
        QApplication.processEvents()  # the docks' new places, before they are sized
        self._size_docks()

    # -- the view state: the menus and scenarios write it, the widgets show it --------

    def _show_view(self, state: ViewState, changed: frozenset[str]) -> None:
        """Show the fields of ``state`` named in ``changed`` (and remember them)."""
        prefs = self.preferences
        if "language" in changed and state.language != current_language():
            set_language(state.language)  # every widget retranslates on LanguageChange
        if "theme" in changed:
            apply_theme(QApplication.instance(), state.theme)
            paint_icons(self.actions_by_name)
            self.diagram.set_theme(state.theme)
            self.explanation.set_theme(state.theme == "dark")
            self.plots.set_theme(state.theme)
            self.train.set_theme(state.theme)
            self.presentation.apply_type()
            prefs.set_theme(state.theme)
        if "reduced_motion" in changed:
            self.diagram.set_reduced_motion(state.reduced_motion)
            prefs.set_reduced_motion(state.reduced_motion)
        if "unrolled" in changed:
            self.diagram.set_unrolled(state.unrolled)
            prefs.set_unrolled(state.unrolled)
            self.view.fit()
        if "pinned_units" in changed:
            self.diagram.set_pinned_units(state.pinned_units)
            prefs.set_pinned_units(state.pinned_units)
        if "speed" in changed:
            prefs.set_speed(state.speed)
        if "docks" in changed:
            for name, dock in self.docks.items():
                if dock.toggleViewAction().isChecked() != (name in state.docks):
                    dock.setVisible(name in state.docks)
        if "panel" in changed and self.plots.currentIndex() != PANELS.index(state.panel):
            self.plots.setCurrentIndex(PANELS.index(state.panel))
        if "clip" in changed and self.plots.clipping.threshold.value() != state.clip:
            self.plots.clipping.set_threshold(state.clip)
        if "slide" in changed:
            self.presentation.set_slide(state.slide)
        if "presentation" in changed:
            self.presentation.set(state.presentation)
        self._redraw()

    def _docks_toggled(self) -> None:
        # Presentation mode sets the control docks aside for a while and gives them
        # back as they were: the docks the user has open do not change meanwhile.
        if self.presentation.on:
            return
        self.view_controller.update(
            docks=tuple(n for n, d in self.docks.items() if d.toggleViewAction().isChecked())
        )

    def _panel_chosen(self, index: int) -> None:
        if 0 <= index < len(PANELS):
            self.view_controller.update(panel=PANELS[index])

    def set_language(self, code: str, *, remember: bool = True) -> None:
        """Speak ``code`` from now on; ``remember`` it for the next run when the user chose
        it (not a file or a flag)."""
        self.view_controller.update(language=code)
        if remember:
            self.preferences.set_language(code)

    def set_theme(self, theme: str) -> None:
        self.view_controller.update(theme=theme)

    def set_unrolled(self, on: bool) -> None:
        self.view_controller.update(unrolled=on)

    def set_reduced_motion(self, on: bool) -> None:
        self.view_controller.update(reduced_motion=on)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode (see :mod:`.presentation`); Esc or F11 leaves it."""
        self.view_controller.update(presentation=on)

    def next_slide(self) -> None:
        """In presentation mode, show the next slide: diagram → plots → both → diagram."""
        if not self.presentation.on:
            return
        order = ("diagram", "plots", "both")
        now = self.presentation.shown()
        self.view_controller.update(slide=order[(order.index(now) + 1) % len(order)])

    def presenting(self) -> bool:
        return self.view_controller.state.presentation

    def set_locks(self, locks: tuple[str, ...]) -> None:
        """Lock the named settings in the settings panel (a lesson's choice)."""
        self.settings_panel.set_locks(locks)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # Whoever changed the language, the view state says the one spoken.
            self.view_controller.update(language=current_language())
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Say the window's own words again: title, docks, menus, diagram, status."""
        self.setWindowTitle(tr("lstm-viz — inside an LSTM"))
        retitle_docks(self.docks)
        retranslate_actions(self)
        self.scenarios.retranslate()
        self.diagram.retranslate()
        self._redraw()

    # -- views ----------------------------------------------------------------

    def _new_results(self) -> None:
        comparison = self.session.comparison
        if comparison.is_complete:
            self.plots.set_comparison(comparison)
        else:  # the other kinds follow (comparisonChanged)
            self.plots.set_current(comparison)
        self._redraw()

    def _redraw(self) -> None:
        self._show_cursor(self.session.cursor)

    def _show_cursor(self, cursor: Cursor) -> None:
        results = self.session.results
        self.diagram.show(results, cursor)
        if self.caption.isVisibleTo(self):
            self.caption.setText(self.diagram.caption_text())
        # The equations are the forward pass's; during the backward pass, step t's
        # forward values are all known.
        shown = Cursor(cursor.t, len(STAGES[results.kind]) - 1, 1.0) if cursor.backward else cursor
        self.explanation.show_cursor(results, shown)
        self.plots.set_cursor(cursor)

    def _show_busy(self, busy: bool) -> None:
        self._plots_busy = busy
        self._show_status()

    def _show_status(self) -> None:
        """What is being computed: a long change's model first (the window still shows
        the last results), else the gradient plots."""
        computing = self.session.computing
        if computing is not None:
            prepared = computing.prepared
            self.statusBar().showMessage(
                tr(
                    "Computing the {model} on {steps} steps… (what is shown stays until then)"
                ).format(model=prepared.stack.kind.upper(), steps=f"{prepared.sequence.length:,}")
            )
        elif self._plots_busy:
            self.statusBar().showMessage(tr("Computing the gradient plots…"))
        else:
            self.statusBar().clearMessage()

    def show_trained(self, path: str, sequence: str, length: int) -> None:
        """Look inside a model the lab trained, on a fresh sequence of its task."""
        if self.session.apply(weights=path, sequence=sequence, length=length):
            self.plots_dock.raise_()

    # -- dialogs --------------------------------------------------------------

    def _export_defaults(self) -> ExportOptions:
        """What the export dialogs start from: what the window shows now."""
        v = self.view_controller.state
        return ExportOptions(
            theme=v.theme, unrolled=v.unrolled, panel=v.panel, backward=v.backward, lang=v.language
        )

    def export_frame(self) -> None:
        ExportFrameDialog(
            self.session.wait_comparison(), self.session.cursor, self._export_defaults(), self
        ).exec()

    def export_animation(self) -> None:
        self.session.pause()
        ExportAnimationDialog(self.session.wait_comparison(), self._export_defaults(), self).exec()

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
        # Remembered first: a quit that ends the process at once must not lose it.
        self.preferences.save_window(*self.presentation.window_to_remember())
        # What was asked for last, even if its long run has not arrived yet.
        self.preferences.save_settings(self.session.latest.settings)
        self.preferences.sync()
        wait = self.wait_for_jobs_on_close
        others_done = self.session.shutdown(wait=wait)  # the other kinds of a change
        self.jobs_left = not self.plots.shutdown(wait=wait) or not others_done
        self.train.shutdown()
        super().closeEvent(event)
