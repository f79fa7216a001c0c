"""Render the README's screenshots (deterministic: fixed settings and cursor).

Run: ``.venv/bin/python scripts/make_screenshots.py`` → docs/*.png

Presentation mode needs a real (virtual) screen to fill, so its picture comes from Xvfb:
``SHOT_SCREEN=1920x1080x24 SHOT_DELAY=7 bash scripts/screenshot.sh docs/presentation-zh.png
--presentation docs/scenarios/presentation-zh.toml`` (with an empty XDG_CONFIG_HOME).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt

from lstm_viz.app.launch import make_application
from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.session import Session
from lstm_viz.i18n import set_language
from lstm_viz.state.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def window_shot(
    path: Path, settings: Settings, position: float, size=(1280, 800), **view: object
) -> None:
    store = QSettings(os.path.join(tempfile.mkdtemp(), "p.ini"), QSettings.Format.IniFormat)
    set_language(str(view.get("language", "en")))
    session = Session(settings)
    win = MainWindow(session, Preferences(store))
    win.resize(*size)
    if size[0] >= 1600:  # plots beside the diagram, as on a wide screen
        win._wide = True
        for dock in (win.plots_dock, win.train_dock):
            win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if view.get("tab") is not None:
        win.plots.setCurrentIndex(int(view["tab"]))
    if view.get("theme"):
        win.set_theme(str(view["theme"]))
    if view.get("equations"):
        win.explain_dock.raise_()
    win.show()
    session.seek(position)
    app = make_application()
    app.processEvents()
    win.plots.runner.wait()  # background plots finished…
    deadline = time.monotonic() + 5
    while win.plots.busy and time.monotonic() < deadline:  # …and delivered
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    win.grab().save(str(path))
    print(path)
    session.shutdown()
    win.close()
    set_language("en")


def main() -> int:
    make_application()
    DOCS.mkdir(exist_ok=True)
    lstm = Settings(hidden_size=16, length=40, sequence="sine")
    window_shot(DOCS / "window.png", lstm, 12 * 3 + 1.55, size=(1760, 990))
    window_shot(DOCS / "window-dark-gru.png", lstm.replace(model="gru"), 20 * 3 + 2.5, theme="dark")
    rnn = Settings(model="rnn", hidden_size=16, length=60, sequence="impulse", init="orthogonal")
    window_shot(DOCS / "stability.png", rnn, 30 * 1 + 0.5, size=(1760, 990), tab=3)
    window_shot(DOCS / "window-zh.png", lstm, 12 * 3 + 1.55, size=(1760, 990), language="zh_CN")

    return 0


if __name__ == "__main__":
    sys.exit(main())
