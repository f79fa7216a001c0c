"""Start the window: the QApplication, the session, remembered preferences."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from ..i18n import error_text, font_families, set_language, system_language, tr
from ..state.scenario import Scenario
from ..state.settings import Settings
from .preferences import APPLICATION, ORGANIZATION, Preferences
from .session import Session

if TYPE_CHECKING:
    from .main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the names QSettings uses."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setStyle("Fusion")  # the same look on every platform, light or dark
    # DejaVu Sans covers σ, ⊙, ∂ and subscripts wherever it is installed; the CJK
    # font after it is named explicitly, so Chinese never relies on fallback.
    font = QFont(app.font())
    if "DejaVu Sans" in QFontDatabase.families():
        font = QFont("DejaVu Sans", 10)
    font.setFamilies(font_families(font.family()))
    app.setFont(font)
    return app


def _session(start: Settings) -> tuple[Session, str]:
    """A session on ``start``, or on the defaults with the reason ``start`` failed: its files
    are checked again like new ones (a remembered file may be gone, or changed)."""
    try:
        return Session(start), ""
    except (ValueError, OSError) as err:
        return Session(Settings()), error_text(err)
    except MemoryError:
        return Session(Settings()), tr("the files it names are too large to read")


def run_app(
    settings: Settings | None,
    playing: bool = True,
    quit_after_ms: int = 0,
    scenario: Scenario | None = None,
    presentation: bool = False,
    language: str | None = None,
    reset: bool = False,
) -> int:
    """Open the window on ``settings`` (None: the last run's), playing unless asked not to.

    ``quit_after_ms`` closes the window after that long (for tests of the whole
    lifetime: start, play, compute in the background, save preferences, quit).
    See :func:`open_window` for the others.
    """
    app = make_application()
    window = open_window(
        Preferences(),
        settings,
        scenario=scenario,
        presentation=presentation,
        language=language,
        reset=reset,
    )
    # Quitting must not wait for a panel's job (a long sequence's Jacobians can take
    # minutes, and a Python function in a pool thread cannot be stopped): see below.
    window.wait_for_jobs_on_close = False
    if playing:
        window.session.play()
    if quit_after_ms > 0:
        QTimer.singleShot(quit_after_ms, window.close)
    code = app.exec()
    # However the loop ended, stop the timers and background jobs and let Qt
    # delete the widgets now, while Python is still whole: pyqtgraph items
    # destroyed during interpreter shutdown are a known source of crashes.
    window.close()
    if window.jobs_left:
        # Everything worth keeping was saved on closing; a job still computes for a
        # panel nobody will see. Ending the process now is the only way not to wait
        # for it (and never to tear Python down under a running thread).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    window.deleteLater()
    app.processEvents()
    return code


def open_window(
    prefs: Preferences,
    settings: Settings | None = None,
    *,
    scenario: Scenario | None = None,
    presentation: bool = False,
    language: str | None = None,
    reset: bool = False,
) -> MainWindow:
    """The window, shown, on ``settings`` (None: the last run's) or ``scenario``.

    Nothing remembered can stop it from opening: an invalid remembered value is
    dropped for its default and named in the status bar; remembered settings
    whose files no longer read are replaced by the defaults, with the reason.

    Parameters
    ----------
    prefs
        What was remembered (and is remembered again on quitting).
    language
        ``"en"``/``"zh"``: wins over the scenario's and the remembered one.
    reset
        Forget everything remembered first (``lstm-viz --reset``).
    """
    from .main_window import MainWindow

    if reset:
        prefs.clear()
    # A flag wins over the file's language and the remembered one, for this run only
    # (chosen before the window is made, so a lesson's intro is in it too).
    if language is not None and scenario is not None:
        scenario = replace(scenario, decides=scenario.decides - {"language"})
    remembered_language, notes = prefs.remembered_language()
    from_file = scenario.view.language if scenario and "language" in scenario.decides else None
    set_language(language or from_file or remembered_language or system_language())
    start = scenario.settings if scenario else settings
    if start is None:
        remembered, settings_notes = prefs.remembered_settings()
        start, notes = remembered or Settings(), [*notes, *settings_notes]
    session, problem = _session(start)
    window = MainWindow(session, prefs, notes)
    window.show()
    if scenario is not None:
        window.scenarios.show(scenario)
    if presentation:  # after the scenario: leaving gives back the docks it chose
        window.set_presentation(True)
    if problem:
        QMessageBox.warning(
            window,
            tr("Could not restore the last settings"),
            tr("Started with the defaults instead.\n\n{why}").format(why=problem),
        )
    return window
