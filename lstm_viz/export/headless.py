"""``lstm-viz export`` without a window: compute, render, write — visibly, and stoppably.

:func:`run_export` is the whole command once its arguments are parsed. Long
work says what it does (a line before a big computation, a progress bar over
the frames, on stderr); Ctrl+C or SIGTERM stops it with one line and exit
status 130, leaving no file and no temporary behind; the Qt objects are freed
before the interpreter exits (see :meth:`FrameRenderer.close`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from PySide6.QtWidgets import QApplication

from ..state.comparison import Comparison, compare
from ..state.settings import Settings, build_sequence
from .frames import FrameRenderer
from .options import ExportOptions, tr
from .pipeline import export_animation
from .still import export_still
from .stopping import Interrupted, StopSignals
from .writers import check_target, check_target_folder

__all__ = ["INTERRUPTED", "LARGE_WORK", "is_large", "prepare", "run_export"]

#: Exit status after a stop signal (128 + SIGINT, as shells report Ctrl+C).
INTERRUPTED = 130
#: Steps × units from which computing the numbers takes about a second or more.
LARGE_WORK = 50_000


def _steps(settings: Settings) -> int:
    if settings.sequence not in ("custom", "file"):
        return settings.length
    try:
        return len(build_sequence(settings).values)
    except ValueError:
        return 0  # compare() reports it


def is_large(settings: Settings) -> bool:
    """Whether the work for ``settings`` is large enough to say what is being computed."""
    return _steps(settings) * settings.hidden_size >= LARGE_WORK


def prepare(
    settings: Settings, options: ExportOptions, stop: StopSignals, *, announce: bool = False
) -> Comparison:
    """The engine's numbers for ``settings``, and what the frames read besides the trace.

    Computed here, Qt-free, where a stop signal ends it at once (rather than
    later inside the plots' Qt code); ``announce`` says so on stderr first.
    """
    if announce:
        steps = _steps(settings)
        line = tr(
            "computing the LSTM, GRU and RNN on {t} steps with hidden size {h} (Ctrl+C stops)…"
        ).format(t=steps, h=settings.hidden_size)
        print(line, file=sys.stderr, flush=True)
    with stop.raising():
        comparison = compare(settings)
        if options.backward:
            _ = comparison.current_results.diagnostics.grads
        if options.content != "diagram" and options.panel == "gradient":
            for kind in comparison:
                _ = comparison[kind].diagnostics.loss_grad
    return comparison


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None]]:
    from tqdm import tqdm

    bar: tqdm | None = None  # shown from the first frame: an early error stays one line

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total, unit=tr("frame"), desc=tr("export"), file=sys.stderr, leave=False
            )
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()


def run_export(
    prog: str, settings: Settings, options: ExportOptions, out: str | Path, fmt: str
) -> int:
    """Export ``settings`` as ``options`` say into ``out``; the exit status.

    Prints ``wrote …`` on stdout, or the stop on stderr (130). Bad options, files
    or settings found out here (``ExportError``, ``OSError``, ``ValueError``) are
    raised for the command to report in its own style, once nothing is left behind.
    """
    with StopSignals() as stop:
        try:
            # The target's folder is checked before the work, not after it.
            (check_target_folder if fmt == "frames" else check_target)(Path(out))
            large = is_large(settings)
            comparison = prepare(settings, options, stop, announce=large)
            app = QApplication.instance() or QApplication([prog])  # noqa: F841 - kept alive
            renderer = FrameRenderer(comparison, options)
            if large and renderer.plots is not None and renderer.panel.busy:
                # The plot's own slow part, in its own words ("sweeping 16 scales…").
                print(renderer.panel.status.text(), file=sys.stderr, flush=True)
            try:
                path, frames = _write(renderer, out, fmt, stop)
            finally:
                if not renderer.close(wait=not stop.requested):
                    _stop_now(prog)  # a plot job still runs, and waiting is what was refused
            if path is None:
                raise Interrupted(stop.signal)
        except Interrupted:
            print(_stopped(prog), file=sys.stderr)
            return INTERRUPTED
    print(f"wrote {path} ({frames} frame{'s' if frames != 1 else ''})")
    return 0


def _write(
    renderer: FrameRenderer, out: str | Path, fmt: str, stop: StopSignals
) -> tuple[Path | None, int]:
    """The file written and its frame count; (None, 0) when a stop signal came first."""
    comparison, options = renderer.comparison, renderer.options

    def stopped() -> bool:
        return stop.requested

    if fmt in ("png", "svg"):
        path = export_still(comparison, options, out, fmt, renderer=renderer, cancelled=stopped)
        return path, 1
    with _progress_bar() as progress:
        result = export_animation(
            comparison, options, out, fmt, progress=progress, cancelled=stopped, renderer=renderer
        )
    return (None, 0) if result is None else (result.path, result.frames)


def _stopped(prog: str) -> str:
    return tr("{prog}: stopped; nothing was written").format(prog=prog)


def _stop_now(prog: str) -> NoReturn:
    """End the process at once: a plot job is still running in a pool thread.

    Nothing of the export is left on disk by now (the writers' temporaries go
    when the export stops); only the job's thread remains, and a normal exit
    would wait for it, or tear Python down under it.
    """
    print(_stopped(prog), file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(INTERRUPTED)
