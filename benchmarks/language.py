"""How long the window takes to speak another language (View → Language).

    .venv/bin/python benchmarks/language.py

Builds the main window offscreen, then switches English ↔ 简体中文 repeatedly and
prints the median time from the switch to every widget retranslated (the
LanguageChange events processed), the diagram remade and redrawn.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from lstm_viz import i18n
from lstm_viz.app.launch import make_application
from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.session import Session
from lstm_viz.state.settings import Settings

GOAL_MS = 300.0  # feels immediate for a menu choice


def main() -> int:
    app = make_application()
    store = QSettings(os.path.join(tempfile.mkdtemp(), "p.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(Settings(hidden_size=16, length=40)), Preferences(store))
    window.resize(1760, 990)
    window.show()
    app.processEvents()
    window.plots.runner.wait()
    app.processEvents()
    times = []
    for k in range(12):
        start = time.perf_counter()
        i18n.set_language("zh_CN" if k % 2 == 0 else "en")
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(
        f"language switch, whole window retranslated: median {median:.0f} ms "
        f"(goal {GOAL_MS:.0f} ms, {median / GOAL_MS:.2f}× the goal)"
    )
    window.session.shutdown()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
