"""Frames → file: render on the GUI thread, encode on worker threads, write atomically.

:class:`Pipeline` takes rendered frames (RGB arrays) and hands them to a
writer: the per-frame work runs on a thread pool, the in-order part on one
sink thread. :func:`export_animation` drives it in a plain loop (the command
line and tests); :class:`~lstm_viz.export.job.ExportJob` drives the same
pieces from a QTimer so the window stays responsive.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..state.comparison import Comparison
from ._heap import return_big_buffers
from .frames import FrameRenderer, to_rgb
from .options import ANIMATED, ExportError, ExportOptions, format_for, frame_cursors, tr
from .writers import FrameWriter, make_writer

__all__ = [
    "BACKLOG",
    "ExportResult",
    "Pipeline",
    "describe_error",
    "export_animation",
    "start_writer",
]

WORKERS = max(1, min(4, os.cpu_count() or 1))
#: Frames handed to the encoders and not yet written, at most: memory stays at a few
#: frames (a 1080p frame is 6 MB) while every worker has one to encode.
BACKLOG = 2 * WORKERS


@dataclass(frozen=True)
class ExportResult:
    path: Path
    frames: int
    format: str


def describe_error(err: BaseException, path: str | Path) -> str:
    """One line for the user: what failed, in words."""
    if isinstance(err, ExportError):
        return str(err)
    if isinstance(err, OSError):
        if err.errno == errno.ENOSPC:
            return tr("cannot write {p}: the disk is full").format(p=path)
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return tr("cannot write {p}: permission denied").format(p=path)
        return tr("cannot write {p}: {why}").format(p=path, why=err.strerror or err)
    return tr("export failed: {why}").format(why=err)


class Pipeline:
    """Runs a writer's per-frame work in parallel and its in-order work on one thread."""

    def __init__(self, writer: FrameWriter, workers: int = WORKERS) -> None:
        return_big_buffers()
        self.writer = writer
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="export-encode")
        self._sink = ThreadPoolExecutor(1, thread_name_prefix="export-write")
        self._pending: list[Future[None]] = []
        self._index = 0
        self._previous: np.ndarray | None = None

    @property
    def backlog(self) -> int:
        """Frames handed in but not yet taken by the writer."""
        self._reap()
        return len(self._pending)

    def put(self, rgb: np.ndarray) -> None:
        """Queue one frame; raises the first error a worker has met so far."""
        self._reap()
        index = self._index
        self._index += 1
        prepared = self._pool.submit(self.writer.prepare, rgb, index, self._previous)
        self._previous = rgb
        self._pending.append(
            self._sink.submit(lambda: self.writer.append(prepared.result(), index))
        )

    def wait_below(self, n: int) -> None:
        """Block until fewer than ``n`` frames are waiting (bounds memory)."""
        while self.backlog >= n:
            self._pending[0].result()

    def finish(self) -> Future[Path]:
        """Write the file once every frame is in (on the sink thread)."""
        return self._sink.submit(self.writer.finish)

    def _reap(self) -> None:
        while self._pending and self._pending[0].done():
            self._pending.pop(0).result()  # re-raises a worker's error here

    def abort(self) -> None:
        """Stop: drop queued frames, wait for running ones, remove temporary output."""
        for f in self._pending:
            f.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._sink.shutdown(wait=True, cancel_futures=True)
        self.writer.discard()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._sink.shutdown(wait=True)


def start_writer(renderer: FrameRenderer, fmt: str, out: Path, n: int) -> FrameWriter:
    """The writer for ``fmt`` and an animation of ``n`` frames of ``renderer``'s options."""
    o = renderer.options
    return make_writer(fmt, out, o.fps, o.pixel_size, o.theme, n)


def export_animation(
    comparison: Comparison,
    options: ExportOptions,
    out: str | Path,
    fmt: str | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    renderer: FrameRenderer | None = None,
) -> ExportResult | None:
    """Render every frame of ``options`` and write ``out``; None when cancelled.

    Blocking (the command line and tests; the window uses ``ExportJob``).
    Raises :class:`ExportError` or ``OSError``; on any failure or a cancel
    nothing is left under ``out`` beyond what was there before.
    """
    out = Path(out)
    fmt = format_for(out, fmt)
    if fmt not in ANIMATED:
        raise ExportError(tr("{f} holds a single frame; use export_still").format(f=fmt))
    own = renderer is None
    renderer = renderer or FrameRenderer(comparison, options)
    try:
        if not renderer.wait_ready(cancelled=cancelled):
            return None
        cursors = frame_cursors(options, renderer.timeline)
        writer = start_writer(renderer, fmt, out, len(cursors))
        pipe = Pipeline(writer)
        try:
            for k, cursor in enumerate(cursors):
                if cancelled is not None and cancelled():
                    pipe.abort()
                    return None
                pipe.put(to_rgb(renderer.render(cursor)))
                pipe.wait_below(BACKLOG)
                if progress is not None:
                    progress(k + 1, len(cursors))
            pipe.wait_below(1)
            path = pipe.finish().result()
        except BaseException:
            pipe.abort()
            raise
        pipe.close()
        return ExportResult(path, len(cursors), fmt)
    finally:
        if own:
            renderer.close()
