"""Start the window: the QApplication, the session, remembered preferences."""

from __future__ import annotations

import sys
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from ..i18n import font_families, set_language, system_language, tr
from ..state.scenario import Scenario
from ..state.settings import Settings
from .preferences import APPLICATION, ORGANIZATION, Preferences


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


def run_app(
    settings: Settings | None,
    playing: bool = True,
    quit_after_ms: int = 0,
    scenario: Scenario | None = None,
    presentation: bool = False,
    language: str | None = None,
) -> int:
    """Open the window on ``settings`` (None: the last run's), playing unless asked not to.

    ``quit_after_ms`` closes the window after that long (for tests of the whole
    lifetime: start, play, compute in the background, save preferences, quit).
    ``language`` (``"en"``/``"zh"``) wins over the scenario's and the remembered one.
    """
    from .main_window import MainWindow
    from .session import Session

    app = make_application()
    prefs = Preferences()
    # A flag wins over the file's language and the remembered one, for this run only
    # (chosen before the window is made, so a lesson's intro is in it too).
    if language is not None and scenario is not None:
        scenario = replace(scenario, language=None)
    set_language(
        language or (scenario and scenario.language) or prefs.language() or system_language()
    )
    start = scenario.settings if scenario else settings or prefs.last_settings() or Settings()
    problem = ""
    try:
        session = Session(start)
    except ValueError as err:  # a remembered file that is gone, say
        problem = str(err)
        session = Session(Settings())
    session.set_speed(prefs.speed())
    window = MainWindow(session, prefs)
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
    if playing:
        session.play()
    if quit_after_ms > 0:
        QTimer.singleShot(quit_after_ms, window.close)
    code = app.exec()
    # However the loop ended, stop the timers and background jobs and let Qt
    # delete the widgets now, while Python is still whole: pyqtgraph items
    # destroyed during interpreter shutdown are a known source of crashes.
    window.close()
    window.deleteLater()
    app.processEvents()
    return code
