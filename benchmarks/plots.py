"""Timing of the gradient plots: settings change → redrawn panels, and the background jobs.

Prints medians in milliseconds. Run: ``.venv/bin/python benchmarks/plots.py``.
Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from lstm_viz.plots import GradientPlots
from lstm_viz.state.comparison import compare
from lstm_viz.state.plot_data import run_connectivity, run_paths, run_sweeps, sweep_request
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor

BASE = Settings(hidden_size=32, length=200)
REPEATS = 15


def _ms(times: list[float]) -> str:
    return f"{1e3 * statistics.median(times):6.1f} ms (min {1e3 * min(times):.1f})"


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    plots = GradientPlots()
    plots.resize(1000, 600)
    plots.show()
    app.processEvents()
    redraw, total, background = [], [], []
    for i in range(REPEATS):
        settings = BASE.replace(seed=i + 1)  # a new seed: nothing cached
        start = time.perf_counter()
        cmp = compare(settings)
        drawn = time.perf_counter()
        plots.set_comparison(cmp)
        plots.set_cursor(Cursor(t=100))
        plots.currentWidget().repaint()  # synchronous paint of the visible panel
        done = time.perf_counter()
        while plots.busy:
            app.processEvents()
        background.append(time.perf_counter() - done)
        redraw.append(done - drawn)
        total.append(done - start)
    print(f"T = {BASE.length}, H = {BASE.hidden_size}, median of {REPEATS}:")
    print(f"  settings change → compare + every panel redrawn: {_ms(total)}")
    print(f"    of which set_comparison + repaint:            {_ms(redraw)}")
    print(f"  background work until every panel is final:     {_ms(background)}")
    jobs = {"sweep (RNN + LSTM, 40 scales)": [], "connectivity": [], "paths (Jacobians)": []}
    for i in range(REPEATS):
        cmp = compare(BASE.replace(seed=100 + i))
        r = cmp.current_results
        request = sweep_request(r, ("rnn", "lstm"), clip=5.0)
        for name, fn, args in (
            ("sweep (RNN + LSTM, 40 scales)", run_sweeps, (r.sequence.values, request)),
            ("connectivity", run_connectivity, (r,)),
            ("paths (Jacobians)", run_paths, (cmp["lstm"], cmp["rnn"])),
        ):
            start = time.perf_counter()
            fn(*args)
            jobs[name].append(time.perf_counter() - start)
    for name, times in jobs.items():
        print(f"  job {name:<30} {_ms(times)}")
    plots.shutdown()


if __name__ == "__main__":
    main()
