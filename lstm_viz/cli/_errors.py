"""One error style for every command: ``lstm-viz <command>: error: <what> — <what to do>``.

One line on standard error, the usage only on ``--help``. Exit status 2 for
bad input (options, files to read, where to write), 1 for work that failed
(a write that broke off, a training run that diverged), 130 when interrupted
(Ctrl-C or SIGTERM). No Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import signal
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

from ..i18n_core import tr

__all__ = [
    "BAD_INPUT",
    "FAILED",
    "INTERRUPTED",
    "CommandError",
    "Parser",
    "error_line",
    "interruptible",
    "note",
    "report",
]

BAD_INPUT, FAILED, INTERRUPTED = 2, 1, 130


class CommandError(Exception):
    """What went wrong and what to do about it (``""``: see the command's help), with the
    exit status it ends in.

    A message that already says what to do (``"… at most 64 — read characters instead"``)
    keeps its own advice: ``todo`` is then only the fallback.
    """

    def __init__(self, what: str, todo: str, status: int = BAD_INPUT) -> None:
        what, dash, own = what.partition(" — ")
        super().__init__(what)
        self.what, self.todo, self.status = what, own if dash else todo, status


def error_line(prog: str, what: str, todo: str) -> str:
    """The one line every command prints for an error."""
    what = " ".join(what.split())  # one line, whatever the message held
    return f"{prog}: error: {what} — {todo}" if todo else f"{prog}: error: {what}"


def report(prog: str, err: CommandError) -> int:
    """Print ``err`` as :func:`error_line` on standard error (``--help`` as the hint when it
    has none of its own); its exit status."""
    print(error_line(prog, err.what, err.todo or help_hint(prog)), file=sys.stderr)
    return err.status


def note(text: str) -> None:
    """A remark on standard error that is not an error (a file written, an option ignored)."""
    print(text, file=sys.stderr)


def help_hint(prog: str) -> str:
    return tr("see '{prog} --help'").format(prog=prog)


# argparse words its own errors "argument --x: …"; the option alone is enough.
_ARGUMENT = re.compile(r"^argument ([^:]+): ")


class Parser(argparse.ArgumentParser):
    """argparse, but a bad command line is one :func:`error_line` (no usage block)."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(_ARGUMENT.sub(r"\1: ", message), help_hint(self.prog))


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM raises ``KeyboardInterrupt`` inside the block, as Ctrl-C does, so that a
    stopped run cleans up (no temporary file left) and ends in one line."""

    def stop(signum: int, frame: Any) -> NoReturn:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals stay as they are
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
