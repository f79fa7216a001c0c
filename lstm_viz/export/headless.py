"""``lstm-viz export`` without a window: compute, render, write — visibly, and stoppably.

:func:`run_export` is the whole command once its arguments are parsed. Long
work says what it does (a line before a big computation, a progress bar over
the frames, on stderr); Ctrl+C or SIGTERM stops it with one line and exit
status 130, leaving no file and no temporary behind; the Qt objects are freed
before the interpreter exits (see :meth:`FrameRenderer.close`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ..i18n import error_text
from ..state.comparison import Comparison, compare
from ..state.settings import Settings, build_sequence
from .options import ExportError, ExportOptions, tr
from .pipeline import describe_error, export_animation
from .still import export_still
from .stopping import Interrupted, StopSignals
from .writers import check_target, check_target_folder

__all__ = ["INTERRUPTED", "LARGE_WORK", "prepare", "run_export"]

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


def prepare(settings: Settings, options: ExportOptions, stop: StopSignals) -> Comparison:
    """The engine's numbers for ``settings``, and what the frames read besides the trace.

    Computed here, Qt-free, where a stop signal ends it at once (rather than
    later inside the plots' Qt code); announced on stderr when it is large.
    """
    steps = _steps(settings)
    if steps * settings.hidden_size >= LARGE_WORK:
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

    Prints ``wrote …`` on stdout, or one line on stderr: an error (2) or the
    stop (130).
    """
    with StopSignals() as stop:
        stopped = lambda: stop.requested  # noqa: E731 - read between frames
        try:
            # The target's folder is checked before the work, not after it.
            (check_target_folder if fmt == "frames" else check_target)(Path(out))
            comparison = prepare(settings, options, stop)
            app = QApplication.instance() or QApplication([prog])  # noqa: F841 - kept alive
            if fmt in ("png", "svg"):
                path = export_still(comparison, options, out, fmt, cancelled=stopped)
                frames = 1
            else:
                with _progress_bar() as progress:
                    result = export_animation(
                        comparison, options, out, fmt, progress=progress, cancelled=stopped
                    )
                path, frames = (None, 0) if result is None else (result.path, result.frames)
            if path is None:
                raise Interrupted(stop.signal)
        except Interrupted:
            print(tr("{prog}: stopped; nothing was written").format(prog=prog), file=sys.stderr)
            return INTERRUPTED
        except (ExportError, OSError) as err:
            return _fail(prog, describe_error(err, out))
        except ValueError as err:  # the settings, found out while computing
            return _fail(prog, error_text(err))
    print(f"wrote {path} ({frames} frame{'s' if frames != 1 else ''})")
    return 0


def _fail(prog: str, message: str) -> int:
    print(f"{prog}: error: {message}", file=sys.stderr)
    return 2
