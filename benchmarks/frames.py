"""Time one frame of the main window, and a settings change to a redrawn window.

Run: ``.venv/bin/python benchmarks/frames.py`` (offscreen; no display needed).
A frame = moving the cursor (every view updates) + a synchronous repaint of the
whole 1280×800 window, once the panels' background jobs are done. Goals from the
issue: frame ≤ 8 ms median, settings change → redrawn window ≤ 30 ms median, at
T=200, H=32; at the sizes real models have (``--length 1000 --hidden-size 256``,
#15) frame ≤ 8 ms and settings change ≤ 150 ms (the slow panels' background jobs
are started, not waited for: they report their own progress). The change is timed
twice: while the previous change's jobs still run on the pool's two threads (what
a user dragging a setting meets), and with no job running (the GUI thread's own
work).

"Redrawn" is the window repainted with the model it shows (the diagram, its
panels and its gradient curve): the other two kinds, which the gradient plots
compare it with, are computed on a worker thread. How long until they have
arrived and the window is repainted with them is printed beside ("complete"; no
goal of its own).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from lstm_viz.app.launch import make_application
from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.session import Session
from lstm_viz.state.settings import Settings


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1e3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--changes", type=int, default=40)
    ap.add_argument("--model", default="lstm")
    ap.add_argument("--length", type=int, default=200)
    ap.add_argument("--hidden-size", type=int, default=32)
    args = ap.parse_args()
    large = (args.length, args.hidden_size) != (200, 32)

    app = make_application()
    store = QSettings(os.path.join(tempfile.mkdtemp(), "prefs.ini"), QSettings.Format.IniFormat)
    session = Session(Settings(model=args.model, hidden_size=args.hidden_size, length=args.length))
    window = MainWindow(session, Preferences(store))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    # Frames while playing once the panels are final (their jobs done and drawn).
    while window.plots.busy:
        window.plots.runner.wait()
        app.processEvents()

    end = session.timeline.end
    frame_times = []
    for k in range(args.frames):
        start = time.perf_counter()
        session.seek((k * 0.37) % end)
        window.repaint()
        frame_times.append(time.perf_counter() - start)

    def change(k: int) -> tuple[float, float]:
        """One settings change: seconds until redrawn, and until complete and redrawn."""
        start = time.perf_counter()
        session.apply(forget_bias=0.5 + (k % 7) * 0.25)
        window.repaint()
        redrawn = time.perf_counter() - start
        while not session.comparison.is_complete:  # the other kinds, from the worker
            app.processEvents()
            time.sleep(0.001)
        window.repaint()
        return redrawn, time.perf_counter() - start

    change_times, change_complete = [], []
    for k in range(args.changes):
        redrawn, complete = change(k)
        change_times.append(redrawn)
        change_complete.append(complete)
        # The jobs start once settings rest (JOB_DELAY_MS): the next change meets them.
        rest = time.perf_counter() + 0.2
        while time.perf_counter() < rest:
            app.processEvents()
            time.sleep(0.01)

    # The same changes with no background job running: the GUI thread's own part.
    alone_times, alone_complete = [], []
    for k in range(args.changes):
        window.plots.shutdown(wait=True)
        redrawn, complete = change(k)
        alone_times.append(redrawn)
        alone_complete.append(complete)

    f, c, a = median_ms(frame_times), median_ms(change_times), median_ms(alone_times)
    print(f"{args.model.upper()} T={args.length} H={args.hidden_size}, window 1280x800 offscreen")
    change_goal = 150 if large else 30
    for label, value, goal, complete in (
        ("frame (cursor move + repaint)", f, 8, None),
        ("settings change → redrawn", c, change_goal, median_ms(change_complete)),
        ("  the same, no job running", a, change_goal, median_ms(alone_complete)),
    ):
        verdict = "ok" if value <= goal else "MISS"
        line = f"{label:30} median {value:6.2f} ms  (goal ≤ {goal}) {verdict}"
        if complete is not None:
            line += f"; complete {complete:6.2f} ms"
        print(line)
    session.shutdown()
    window.close()


if __name__ == "__main__":
    main()
