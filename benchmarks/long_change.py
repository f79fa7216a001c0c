"""How long a long settings change holds the window's GUI thread (#15).

Run: ``.venv/bin/python benchmarks/long_change.py`` (offscreen; no display needed).
The window opens at (T, H) = (1000, 32), then the length goes to ``--length`` (100,000
by default, the app's limit) and the hidden size to ``--hidden-size``. A 10 ms timer
on the GUI thread records every gap between its ticks until the change is drawn and
its comparison complete: the longest gap is how long the window could not answer.

The change is made twice in one process: as the session makes it (a model that would
take longer than ``BACKGROUND_SECONDS`` runs on a worker thread), and with that
threshold at infinity (the model computed on the GUI thread, as before #15's round 5).
Noisy machine: compare the two rows of one run.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer

from lstm_viz.app import session as session_module
from lstm_viz.app.launch import make_application
from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.session import Session
from lstm_viz.state.settings import Settings


def one_change(app, length: int, hidden: int, threshold: float) -> dict[str, float]:
    """Open a window, make the change, and return its timings (seconds)."""
    session_module.BACKGROUND_SECONDS = threshold
    store = QSettings(os.path.join(tempfile.mkdtemp(), "prefs.ini"), QSettings.Format.IniFormat)
    session = Session(Settings(hidden_size=32, length=1000))
    window = MainWindow(session, Preferences(store))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    while window.plots.busy:
        window.plots.runner.wait()
        app.processEvents()

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    ticks.append(start)
    session.apply(length=length, hidden_size=hidden)
    applied = time.perf_counter()
    while session.results.steps != length:
        app.processEvents()
        time.sleep(0.002)
    window.repaint()
    shown = time.perf_counter()
    while not session.comparison.is_complete:
        app.processEvents()
        time.sleep(0.002)
    window.repaint()
    complete = time.perf_counter()
    ticks.append(complete)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    window.wait_for_jobs_on_close = False
    window.close()
    session.shutdown(wait=True)
    return {
        "apply": applied - start,
        "shown": shown - start,
        "complete": complete - start,
        "longest": max(gaps),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--length", type=int, default=100_000)
    ap.add_argument("--hidden-size", type=int, default=30)
    args = ap.parse_args()
    app = make_application()
    default = session_module.BACKGROUND_SECONDS
    rows = [
        ("on the GUI thread", one_change(app, args.length, args.hidden_size, math.inf)),
        (f"off it (> {default} s)", one_change(app, args.length, args.hidden_size, default)),
    ]
    print(f"LSTM (1000, 32) → ({args.length}, {args.hidden_size}), window 1366x768 offscreen")
    head = ("apply()", "drawn", "complete", "longest gap")
    print(f"{'the model computed':24} " + " ".join(f"{h:>9}" for h in head))
    for label, r in rows:
        print(
            f"{label:24} {r['apply']:8.2f}s {r['shown']:8.2f}s {r['complete']:8.2f}s"
            f" {r['longest']:8.2f}s"
        )
    before, after = rows[0][1]["longest"], rows[1][1]["longest"]
    print(f"longest gap, ratio before/after: {before / after:.1f}x")


if __name__ == "__main__":
    main()
