"""How long the window takes to close while its panels still compute, at the app's limits.

Run: ``.venv/bin/python benchmarks/close_time.py [STEPS]`` (default 100000). Opens
the window offscreen on an LSTM of STEPS steps, closes it after 8 s (while the
panels' background jobs run) and prints the time from the close to the end of
the process. Measured in session 3: 141.5 s before quitting stopped waiting for
the jobs, 0.22 s after.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HOME"] = tempfile.mkdtemp()  # no remembered preferences, none left behind
os.environ["XDG_CONFIG_HOME"] = os.environ["HOME"]

from lstm_viz.app import launch
from lstm_viz.app.main_window import MainWindow
from lstm_viz.state.settings import Settings

closed_at: list[float] = []
_close = MainWindow.closeEvent


def _closing(self: MainWindow, event: object) -> None:
    if not closed_at:
        closed_at.append(time.perf_counter())
        print(f"closing; the plots are {'busy' if self.plots.busy else 'idle'}", flush=True)
    _close(self, event)


def _report(how: str) -> None:
    print(f"closed {time.perf_counter() - closed_at[0]:.2f} s after the close ({how})", flush=True)


MainWindow.closeEvent = _closing  # type: ignore[method-assign]
_exit = os._exit


def _timed_exit(code: int) -> None:
    _report("the process ended at once")
    _exit(code)


os._exit = _timed_exit  # type: ignore[assignment]
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
launch.run_app(Settings(length=steps), quit_after_ms=8000)
_report("after waiting for the jobs")
