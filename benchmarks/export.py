"""Export speed and memory: N frames of the composed window at 1920×1080, every format.

The bare render (the N frames rendered to memory, QImage → RGB array, nothing
written) and each format's export run in fresh processes, as ``lstm-viz export``
does, so each peak resident memory (``ru_maxrss``) is that run's own; it prints
frames per second, the ratio export / bare render, the peak memory and the file size.
Goals: every format ≤ 2× the bare render; peak memory ≤ 300 MB for 1000 frames.
Memory is bounded by a few frames (the writers stream), so a shorter run's peak is
what a longer one reaches; run ``--frames 1000`` to see it directly.

Run: ``.venv/bin/python benchmarks/export.py [--frames N] [--size 1920x1080]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FORMATS = {"frames": "frames", "gif": "a.gif", "apng": "a.apng", "webp": "a.webp"}
RUNS = ("bare", *FORMATS)
GOAL_RATIO = 2.0
GOAL_MB = 300


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def one(fmt: str, frames: int, size: tuple[int, int]) -> dict[str, float]:
    """The bare render (``fmt="bare"``) or the export of ``frames`` frames in ``fmt``."""
    from PySide6.QtWidgets import QApplication

    from lstm_viz.export import (
        ExportOptions,
        FrameRenderer,
        export_animation,
        frame_cursors,
        to_rgb,
    )
    from lstm_viz.state.comparison import compare
    from lstm_viz.state.settings import Settings

    app = QApplication.instance() or QApplication([])  # noqa: F841 (keeps Qt alive)
    comparison = compare(Settings(hidden_size=16, length=frames, sequence="sine"))
    options = ExportOptions(size=size, scale=1.0, content="window", fps=24, last_step=frames)
    renderer = FrameRenderer(comparison, options)
    renderer.wait_ready()
    cursors = frame_cursors(options, renderer.timeline)
    for c in cursors[:5]:  # warm-up: fonts, caches
        to_rgb(renderer.render(c))
    renderer._plot_cache.clear()
    if fmt == "bare":
        t0 = time.perf_counter()
        for c in cursors:
            to_rgb(renderer.render(c))
        took = time.perf_counter() - t0
        renderer.close()
        return {"took": took, "peak_mb": _peak_mb(), "file_mb": 0.0}
    folder = Path(tempfile.mkdtemp(prefix="lstm-viz-bench-"))
    try:
        renderer._plot_cache.clear()
        t0 = time.perf_counter()
        export_animation(comparison, options, folder / FORMATS[fmt], fmt, renderer=renderer)
        took = time.perf_counter() - t0
        out = folder / FORMATS[fmt]
        size_mb = (
            sum(p.stat().st_size for p in out.iterdir()) if out.is_dir() else out.stat().st_size
        ) / 1e6
    finally:
        renderer.close()
        shutil.rmtree(folder, ignore_errors=True)
    return {"took": took, "peak_mb": _peak_mb(), "file_mb": size_mb}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=120)
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--one", choices=RUNS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    if args.one:
        print(json.dumps(one(args.one, args.frames, size)))  # type: ignore[arg-type]
        return 0
    n = args.frames
    print(f"{n} frames at {args.size}, composed window (diagram + gradient plot + caption)")
    print(f"{'run':<8}{'frames/s':>9}{'× bare':>8}{'peak MB':>9}{'file MB':>9}")
    ok, bare = True, 0.0
    for fmt in RUNS:
        run = subprocess.run(
            [sys.executable, __file__, "--one", fmt, "--frames", str(n), "--size", args.size],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        r = json.loads(run.stdout.strip().splitlines()[-1])
        bare = bare or r["took"]
        ratio = r["took"] / bare
        ok &= ratio <= GOAL_RATIO and r["peak_mb"] <= GOAL_MB
        print(f"{fmt:<8}{n / r['took']:>9.1f}{ratio:>8.2f}{r['peak_mb']:>9.0f}{r['file_mb']:>9.1f}")
    print(f"goals (≤ {GOAL_RATIO:g}× bare, ≤ {GOAL_MB} MB): " + ("met" if ok else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
