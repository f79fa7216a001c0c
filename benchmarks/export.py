"""Export speed: 120 frames of the composed window at 960×540, written three ways.

Prints frames per second for PNG frames, GIF and APNG beside the bare cost of
rendering the same frames to memory (QImage → RGB array) without writing;
export/bare is the writer's overhead. Goals: GIF and APNG ≤ 2×, PNG frames
≤ 3×, GIF ≥ 60 frames/s overall.

Run: ``.venv/bin/python benchmarks/export.py``
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from lstm_viz.export import ExportOptions, FrameRenderer, export_animation, frame_cursors, to_rgb
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings

FRAMES = 120
GOALS = {"frames": 3.0, "gif": 2.0, "apng": 2.0}


def main() -> int:
    app = QApplication.instance() or QApplication([])  # noqa: F841 (keeps Qt alive)
    comparison = compare(Settings(hidden_size=16, length=FRAMES, sequence="sine"))
    options = ExportOptions(size=(960, 540), content="window", fps=24, last_step=FRAMES)
    renderer = FrameRenderer(comparison, options)
    renderer.wait_ready()
    cursors = frame_cursors(options, renderer.timeline)
    assert len(cursors) == FRAMES
    for c in cursors[:5]:  # warm-up: fonts, caches
        to_rgb(renderer.render(c))
    renderer._plot_cache.clear()
    t0 = time.perf_counter()
    for c in cursors:
        to_rgb(renderer.render(c))
    bare = time.perf_counter() - t0
    print(f"{'what':<22}{'frames/s':>10}{'× bare':>8}{'goal':>7}")
    print(f"{'bare render (memory)':<22}{FRAMES / bare:>10.1f}{1.0:>8.2f}{'':>7}")
    folder = Path(tempfile.mkdtemp(prefix="lstm-viz-bench-"))
    ok = True
    try:
        for fmt, name in (("frames", "frames"), ("gif", "a.gif"), ("apng", "a.apng")):
            renderer._plot_cache.clear()
            t0 = time.perf_counter()
            export_animation(comparison, options, folder / name, fmt, renderer=renderer)
            took = time.perf_counter() - t0
            ratio = took / bare
            ok &= ratio <= GOALS[fmt]
            print(f"{fmt:<22}{FRAMES / took:>10.1f}{ratio:>8.2f}{GOALS[fmt]:>6.1f}×")
            if fmt == "gif":
                ok &= FRAMES / took >= 60
    finally:
        renderer.close()
        shutil.rmtree(folder, ignore_errors=True)
    print("goals met" if ok else "goals NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
