"""Scenario files in the window: save what is on screen, open it again, bundled lessons.

The file format and its checks live in :mod:`lstm_viz.state.scenario` (no Qt);
this module only reads the window's state into a :class:`Scenario` and puts a
scenario's state back into the session and the views.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ..i18n import current_language, error_text, say, tr
from ..i18n_marks import tr_noop
from ..state.lessons import list_lessons
from ..state.scenario import (
    Scenario,
    read_scenario,
    unknown_fields_message,
    write_scenario,
)
from ..state.vocabulary import PANELS
from .actions import plain_action, set_source_text

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from .main_window import MainWindow


def current_scenario(window: MainWindow, previous: Scenario | None = None) -> Scenario:
    """What the window shows now, as a scenario.

    Title, intro and locks are kept from ``previous`` (the scenario last opened)
    only while the settings are still the ones it set.
    """
    s = window.session
    docks = (window.settings_dock, window.explain_dock, window.plots_dock, window.train_dock)
    current = window.plots.currentWidget()
    panel = next((n for n in PANELS if getattr(window.plots, n) is current), None)
    unchanged = previous is not None and previous.settings == s.settings
    return Scenario(
        settings=s.settings,
        cursor=s.cursor,
        speed=s.speed,
        loop=s.loop,
        theme=window.preferences.theme(),
        language=current_language(),
        unrolled=window.diagram.unrolled(),
        docks=tuple(d.objectName() for d in docks if d.isVisible()),
        panel=panel,
        clip=window.plots.clipping.threshold.value(),
        # A lesson's title, intro and locks describe its settings: once those are
        # changed, the words would be wrong, so they are not saved with them.
        title=previous.title if unchanged else "",
        intro=previous.intro if unchanged else "",
        translations=previous.translations if unchanged else (),
        locks=previous.locks if unchanged else (),
    )


def apply_scenario(window: MainWindow, scenario: Scenario) -> bool:
    """Put ``scenario`` on screen; False (and nothing changed) if its settings are refused."""
    s = window.session
    if not s.apply(**scenario.settings.as_dict()):
        return False
    s.pause()
    # Both moves below reset the cursor, so the seek comes last.
    s.set_backward(scenario.cursor.backward)
    s.seek(s.timeline.position(scenario.cursor))
    s.set_speed(scenario.speed)
    s.set_loop(scenario.loop)
    window.set_theme(scenario.theme)
    if scenario.language is not None:
        window.set_language(scenario.language, remember=False)
    window.set_unrolled(scenario.unrolled)
    if scenario.docks is not None:
        for dock in (
            window.settings_dock,
            window.explain_dock,
            window.plots_dock,
            window.train_dock,
        ):
            dock.setVisible(dock.objectName() in scenario.docks)
    if scenario.panel in PANELS:
        window.plots.setCurrentWidget(getattr(window.plots, scenario.panel))
    if scenario.clip is not None:
        window.plots.clipping.threshold.setValue(scenario.clip)
    window.settings_panel.set_locks(scenario.locks)
    return True


class ScenarioMenu:
    """File → Open scenario…, Save scenario…, and Examples (the bundled lessons)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last: Scenario | None = None
        self.last_path: Path | None = None

    def add_to(self, menu: QMenu) -> None:
        w = self.window
        menu.addAction(plain_action(w, tr_noop("Open scenario…"), self.open_file, "Ctrl+Shift+O"))
        menu.addAction(plain_action(w, tr_noop("Save scenario…"), self.save_file, "Ctrl+S"))
        self.examples = menu.addMenu("")
        set_source_text(self.examples.menuAction(), tr_noop("Examples"))
        self.retranslate()

    def retranslate(self) -> None:
        """List the lessons under their titles in the current language."""
        self.examples.clear()
        for title, item in list_lessons(current_language()):
            action = self.examples.addAction(title)
            action.triggered.connect(lambda _c=False, it=item: self.open(it, it.name))

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("Open a scenario"), "", tr("Scenarios (*.toml);;All files (*)")
        )
        if path:
            self.open(Path(path), Path(path).name)

    def open(self, source: Path | Traversable, name: str) -> bool:
        """Read and show a scenario; a bad file is explained and nothing changes."""
        try:
            scenario = read_scenario(source)
        except (ValueError, OSError) as err:
            QMessageBox.warning(self.window, tr("Could not open the scenario"), error_text(err))
            return False
        if not self.show(scenario):
            return False
        self.last_path = source if isinstance(source, Path) else None
        warning = unknown_fields_message(scenario, name)
        if warning:
            QMessageBox.warning(
                self.window, tr("Parts of the scenario were not used"), say(warning)
            )
        return True

    def show(self, scenario: Scenario) -> bool:
        """Put an already read scenario on screen, with its intro."""
        if not apply_scenario(self.window, scenario):
            return False
        self.last = scenario
        title, intro = scenario.text_in(current_language())
        if intro:
            QMessageBox.information(self.window, title or tr("Lesson"), intro)
        return True

    def save_file(self) -> None:
        start = str(self.last_path) if self.last_path else "lesson.toml"
        path, _ = QFileDialog.getSaveFileName(
            self.window, tr("Save the scenario"), start, tr("Scenarios (*.toml)")
        )
        if not path:
            return
        if not path.endswith(".toml"):
            path += ".toml"
        scenario = current_scenario(self.window, self.last)
        try:
            write_scenario(path, scenario)
        except (ValueError, OSError) as err:
            QMessageBox.warning(self.window, tr("Could not save the scenario"), str(err))
            return
        self.last, self.last_path = scenario, Path(path)
        self.window.statusBar().showMessage(tr("Saved {path}").format(path=path), 4000)
