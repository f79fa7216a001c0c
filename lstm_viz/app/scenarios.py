"""Scenario files in the window: save what is on screen, open it again, bundled lessons.

The file format and its checks live in :mod:`lstm_viz.state.scenario` (no Qt).
A scenario is settings + playback + view state, so this module only reads the
session and the :class:`.ViewController` into a :class:`Scenario`, and puts a
scenario's values back into them: no widget is read or written here.
"""

from __future__ import annotations

import html
from importlib.abc import Traversable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

import lstm_viz

from ..i18n import current_language, error_text, say, tr
from ..i18n_marks import Sentence, tr_noop
from ..state.lessons import lessons_folder, list_lessons
from ..state.scenario import Scenario, read_scenario, unknown_fields_message, write_scenario
from ..state.scenario_value import SCENARIO_VIEW_FIELDS
from ..state.view_state import ViewState
from .actions import plain_action, set_source_text
from .session import Session
from .view_controller import ViewController


class ScenarioHost(Protocol):
    """What a scenario is read from and put into (the main window is one)."""

    @property
    def session(self) -> Session: ...

    @property
    def view_controller(self) -> ViewController: ...

    def set_locks(self, locks: tuple[str, ...]) -> None:
        """Lock the named settings in the settings panel (a lesson's choice)."""


def current_scenario(host: ScenarioHost, previous: Scenario | None = None) -> Scenario:
    """What ``host`` shows now, as a scenario.

    Title, intro and locks are kept from ``previous`` (the scenario last opened)
    only while the settings are still the ones it set.
    """
    s = host.session
    view = host.view_controller.state
    settings = s.latest.settings  # a long change still computing: what it will show
    unchanged = previous is not None and previous.settings == settings
    return Scenario(
        settings=settings,
        cursor=s.cursor,
        loop=s.loop,
        # Only what a file holds: reduced motion and presentation are the viewer's.
        view=ViewState(**{name: getattr(view, name) for name in SCENARIO_VIEW_FIELDS}),
        decides=frozenset(SCENARIO_VIEW_FIELDS),
        # A lesson's title, intro and locks describe its settings: once those are
        # changed, the words would be wrong, so they are not saved with them.
        title=previous.title if unchanged else "",
        intro=previous.intro if unchanged else "",
        translations=previous.translations if unchanged else (),
        locks=previous.locks if unchanged else (),
    )


def apply_scenario(host: ScenarioHost, scenario: Scenario) -> bool:
    """Put ``scenario`` into ``host``; False (and nothing changed) if its settings are refused."""
    s = host.session
    if not s.apply(**scenario.settings.as_dict()):
        return False
    s.pause()
    host.set_locks(scenario.locks)

    def show() -> None:
        # A change of direction resets the cursor, so the seek comes after the view.
        host.view_controller.update(**scenario.view_changes())
        s.seek(s.timeline.position(scenario.cursor))
        s.set_loop(scenario.loop)

    s.when_shown(show)  # at once, or once a long run's results are shown (its timeline)
    return True


def plain_text(text: str) -> str:
    """``text`` from a file as a message box shows it: its characters, never its markup
    (a file's ``<img src=...>`` is shown as those characters, not fetched)."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def _bundled(path: Path) -> bool:
    """Whether ``path`` is one of the app's own files (a lesson, the installed package)."""
    resolved = path.resolve()
    roots = (Path(str(lessons_folder())), Path(lstm_viz.__file__).parent)
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class ScenarioMenu:
    """File → Open scenario…, Save scenario…, and Examples (the bundled lessons)."""

    def __init__(self, window: QMainWindow, host: ScenarioHost) -> None:
        self.window = window
        self.host = host
        self.last: Scenario | None = None
        #: Where Save scenario… proposes to write: never a file of the app's own.
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
        """Read and show a scenario; a bad file is explained (every problem at once) and
        nothing changes."""
        try:
            scenario = read_scenario(source)
        except ValueError as err:
            problems = getattr(err, "problems", (err,))
            QMessageBox.warning(
                self.window,
                tr("Could not open the scenario"),
                "\n".join(error_text(p) for p in problems),
            )
            return False
        except OSError as err:
            QMessageBox.warning(self.window, tr("Could not open the scenario"), error_text(err))
            return False
        if not self.show(scenario, unknown_fields_message(scenario, name)):
            return False
        if isinstance(source, Path) and not _bundled(source):
            self.last_path = source
        else:  # a lesson of the app's own is saved as a copy in the user's documents
            self.last_path = _documents() / name
        return True

    def show(self, scenario: Scenario, warning: Sentence | None = None) -> bool:
        """Put an already read scenario on screen, with its intro (and ``warning``, about
        the fields the app ignored, in the same message)."""
        if not apply_scenario(self.host, scenario):
            return False
        self.last = scenario
        title, intro = scenario.text_in(current_language())
        parts = [part for part in (intro, warning and say(warning)) if part]
        if parts:
            ask = QMessageBox.warning if warning else QMessageBox.information
            ask(self.window, title or tr("Lesson"), plain_text("\n\n".join(parts)))
        return True

    def proposed_path(self) -> Path:
        """Where Save scenario… starts: the file last opened or saved, unless it is one of
        the app's own (however it got there), which is saved as a copy in the documents."""
        last = self.last_path
        if last is None:
            return _documents() / "lesson.toml"
        return _documents() / last.name if _bundled(last) else last

    def save_file(self) -> None:
        start = self.proposed_path()
        path, _ = QFileDialog.getSaveFileName(
            self.window, tr("Save the scenario"), str(start), tr("Scenarios (*.toml)")
        )
        if not path:
            return
        if not path.endswith(".toml"):
            path += ".toml"
        scenario = current_scenario(self.host, self.last)
        try:
            write_scenario(path, scenario)
        except (ValueError, OSError) as err:
            QMessageBox.warning(self.window, tr("Could not save the scenario"), str(err))
            return
        self.last, self.last_path = scenario, Path(path)
        self.window.statusBar().showMessage(tr("Saved {path}").format(path=path), 4000)
