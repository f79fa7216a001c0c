"""An animation export that runs while the window stays responsive.

Rendering must stay on the GUI thread (QGraphicsScene and widgets are
GUI-only), so :class:`ExportJob` renders a few frames per QTimer tick and
lets the event loop turn between batches; encoding and writing run on the
:class:`~lstm_viz.export.pipeline.Pipeline`'s threads.
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ..state.comparison import Comparison
from .frames import FrameRenderer, close_when_idle, to_rgb
from .options import ExportOptions, format_for, frame_cursors
from .pipeline import BACKLOG, ExportResult, Pipeline, describe_error, start_writer

__all__ = ["ExportJob"]

# Render for at most this long per tick, so input and repaints wait ≤ ~1 frame.
TICK_BUDGET_S = 0.025


class ExportJob(QObject):
    """Exports one animation in the background of the event loop.

    Signals
    -------
    progress(done, total)
        Frames rendered so far, and the frame count.
    succeeded(result)
        The file is written (an :class:`ExportResult`).
    failed(message)
        One line saying what went wrong; nothing was left behind.
    cancelled()
        :meth:`cancel` took effect; nothing was left behind.
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        comparison: Comparison,
        options: ExportOptions,
        out: str | Path,
        fmt: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.comparison, self.options, self.out = comparison, options, Path(out)
        self.fmt = fmt
        self._renderer: FrameRenderer | None = None
        self._pipe: Pipeline | None = None
        self._done_future: Future[Path] | None = None
        self._cursors: list = []
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self.running = False

    @property
    def total(self) -> int:
        return len(self._cursors)

    def start(self) -> None:
        """Begin (returns at once; the signals report the outcome)."""
        try:
            self.fmt = format_for(self.out, self.fmt)
            self._renderer = FrameRenderer(self.comparison, self.options)
            self._cursors = frame_cursors(self.options, self._renderer.timeline)
        except Exception as err:
            self._fail(err)
            return
        self.running = True
        self._timer.start()

    def cancel(self) -> None:
        """Stop and remove everything written so far (the previous file stays)."""
        if not self.running or self._done_future is not None:
            return  # the file is already being renamed into place: let it finish
        self._stop()
        self.cancelled.emit()

    def _tick(self) -> None:
        try:
            self._step()
        except Exception as err:
            self._fail(err)

    def _step(self) -> None:
        r = self._renderer
        assert r is not None
        if self._pipe is None:
            if r.plots is not None and r.plots.busy:
                return  # the plots' slow parts are not final yet: wait for them
            r.wait_ready()
            self._pipe = Pipeline(start_writer(r, str(self.fmt), self.out, self.total))
        if self._done_future is not None:
            if self._done_future.done():
                path = self._done_future.result()
                self._cleanup()
                self.succeeded.emit(ExportResult(path, self.total, str(self.fmt)))
            return
        deadline = time.perf_counter() + TICK_BUDGET_S
        while self._next < self.total and time.perf_counter() < deadline:
            if self._pipe.backlog >= BACKLOG:
                break  # the encoders are behind: let them catch up (bounds memory)
            self._pipe.put(to_rgb(r.render(self._cursors[self._next])))
            self._next += 1
        self.progress.emit(self._next, self.total)
        if self._next >= self.total and self._pipe.backlog == 0:
            self._done_future = self._pipe.finish()

    def _fail(self, err: BaseException) -> None:
        self._stop()
        self.failed.emit(describe_error(err, self.out))

    def _stop(self) -> None:
        self._timer.stop()
        if self._pipe is not None:
            self._pipe.abort()
        self._cleanup()

    def _cleanup(self) -> None:
        self._timer.stop()
        self.running = False
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._renderer is not None:
            close_when_idle(self._renderer)
            self._renderer = None
