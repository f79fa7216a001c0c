"""Render the README's screenshots (deterministic: fixed settings and cursor).

Run: ``.venv/bin/python scripts/make_screenshots.py`` → docs/*.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from lstm_viz.app.launch import make_application
from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.session import Session
from lstm_viz.state.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def window_shot(path: Path, settings: Settings, position: float, **view: object) -> None:
    store = QSettings(os.path.join(tempfile.mkdtemp(), "p.ini"), QSettings.Format.IniFormat)
    session = Session(settings)
    win = MainWindow(session, Preferences(store))
    win.resize(1280, 800)
    if view.get("theme"):
        win.set_theme(str(view["theme"]))
    if view.get("equations"):
        win.explain_dock.raise_()
    win.show()
    session.seek(position)
    make_application().processEvents()
    win.grab().save(str(path))
    print(path)
    session.shutdown()
    win.close()


def main() -> int:
    make_application()
    DOCS.mkdir(exist_ok=True)
    lstm = Settings(hidden_size=16, length=40, sequence="sine")
    window_shot(DOCS / "window.png", lstm, 12 * 3 + 1.55)
    window_shot(DOCS / "window-dark-gru.png", lstm.replace(model="gru"), 20 * 3 + 2.5, theme="dark")
    return 0


if __name__ == "__main__":
    sys.exit(main())
