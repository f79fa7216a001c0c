"""Ctrl+C and SIGTERM during an export: stop at a safe point, never in the middle of a paint.

Python runs a signal handler between two bytecodes of the main thread, and
that may be inside a Qt callback (a pyqtgraph ``paint``): an exception raised
there is printed by PySide and lost, with a QPainter left open on its image
("QPaintDevice: Cannot destroy paint device that is being painted"), and the
teardown that follows can crash. So while an export runs, a stop signal only
sets a flag, which the export reads between frames; only inside
:meth:`StopSignals.raising` — plain NumPy work, no Qt — does it raise at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType

__all__ = ["Interrupted", "StopSignals"]

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(Exception):
    """A stop signal (Ctrl+C, SIGTERM) ended the work."""


class StopSignals:
    """While entered, SIGINT and SIGTERM ask the work to stop instead of killing it.

    The previous handlers come back on exit. Outside the main thread (where
    Python cannot install handlers) it does nothing and never reports a stop.
    """

    def __init__(self) -> None:
        self.signal: int | None = None
        self._raising = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for sig in SIGNALS:
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        err: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)  # type: ignore[arg-type]
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.signal = signum
        if self._raising:
            self._raising = False
            raise Interrupted(signum)

    @property
    def requested(self) -> bool:
        """Whether a stop signal has arrived."""
        return self.signal is not None

    def check(self) -> None:
        """Raise :class:`Interrupted` if a stop signal has arrived."""
        if self.signal is not None:
            raise Interrupted(self.signal)

    @contextmanager
    def raising(self) -> Iterator[None]:
        """Inside, a stop signal raises :class:`Interrupted` at once (Qt-free work only)."""
        self.check()
        self._raising = True
        try:
            yield
        finally:
            self._raising = False
