"""The wall-clock times the tests used to assert, measured here instead.

    .venv/bin/python benchmarks/timings.py

On a busy machine a timed assertion fails for reasons that have nothing to do with
the code, so the tests check what cannot depend on load (the job ran on a worker
thread, the GUI thread handled events meanwhile, shutdown stopped within one round)
and this script prints the times, each beside the bound the tests used to hold:

- the classic adding problem (LSTM and RNN, 1000 iterations each): goal 60 s;
- the largest gap between GUI timer ticks while the Train dock trains at its
  default sizes: goal 250 ms;
- how long the Train dock's shutdown takes mid-training: goal 1 s;
- how long the stability panel's ``set_comparison`` takes before its background
  sweep: goal 200 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from lstm_viz.app.train_dock import TrainDock
from lstm_viz.engine.training.trainer import TrainConfig, Trainer
from lstm_viz.plots import StabilityPanel
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings

CLASSIC = TrainConfig(task="adding", length=30, hidden_size=16, batch=32, iters=1000, seed=0)
REPEATS = 5


def _report(what: str, seconds: float, goal: float) -> None:
    print(f"{what}: {seconds * 1e3:8.1f} ms (goal {goal * 1e3:.0f} ms, {seconds / goal:.2f}×)")


def classic() -> float:
    start = time.perf_counter()
    for kind in ("lstm", "rnn"):
        list(Trainer(CLASSIC.replace(model=kind)).run())
    return time.perf_counter() - start


def _dock(app: QApplication, iters: int, length: int, hidden: int) -> TrainDock:
    dock = TrainDock(data_dir=Path(tempfile.mkdtemp()))
    dock.form.length.setValue(length)
    dock.form.hidden.setValue(hidden)
    dock.form.iters.setValue(iters)
    dock.resize(520, 760)
    app.processEvents()
    return dock


def largest_gui_gap(app: QApplication) -> tuple[float, int]:
    """The longest wait between 10 ms timer ticks while three models train."""
    dock = _dock(app, iters=200, length=50, hidden=32)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    dock.start_button.click()
    while not dock.lab.started or dock.lab.running:
        app.processEvents()
    timer.stop()
    dock.shutdown(3000)
    dock.close()
    return max(gaps), len(gaps)


def shutdown_time(app: QApplication) -> float:
    dock = _dock(app, iters=1_000_000, length=30, hidden=16)
    dock.start_button.click()
    while not dock.lab.running or dock.lab.iteration("lstm") == 0:
        app.processEvents()
    start = time.perf_counter()
    if not dock.shutdown(3000):
        raise RuntimeError("the training thread did not stop within 3 s")
    took = time.perf_counter() - start
    dock.close()
    return took


def set_comparison_time(app: QApplication) -> float:
    panel = StabilityPanel()
    comparison = compare(Settings(hidden_size=4, length=12, init="orthogonal"))
    start = time.perf_counter()
    panel.set_comparison(comparison)
    took = time.perf_counter() - start
    while panel.busy:
        app.processEvents()
    panel.close()
    return took


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    _report("classic adding problem, LSTM + RNN (one run)", classic(), 60)
    print(f"median of {REPEATS} runs:")
    gaps = [largest_gui_gap(app) for _ in range(REPEATS)]
    ticks = statistics.median(n for _, n in gaps)
    _report(
        f"largest GUI gap while training ({ticks:.0f} ticks)",
        statistics.median(g for g, _ in gaps),
        0.25,
    )
    _report(
        "Train dock shutdown mid-training",
        statistics.median(shutdown_time(app) for _ in range(REPEATS)),
        1.0,
    )
    _report(
        "stability panel set_comparison",
        statistics.median(set_comparison_time(app) for _ in range(REPEATS)),
        0.2,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
