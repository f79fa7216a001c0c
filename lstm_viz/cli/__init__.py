"""``lstm-viz``: the window, and the commands that need no window.

    lstm-viz [options] [scenario.toml]   open the window (an LSTM playing a built-in sequence)
    lstm-viz simulate [options]          run the engine and print or save its numbers
    lstm-viz train [options]             train a model on a task and save its weights
    lstm-viz export --out FILE           write frames, GIF/APNG/MP4 or SVG with no window

This module only dispatches and imports no Qt, nor do ``simulate``, ``train``
and the shared ``_options``, ``_errors``, ``_output`` (an import-linter
contract checks it): they run on a server without Qt's libraries. The
options that choose the model and the sequence are defined once, in
:mod:`lstm_viz.cli._options`, and mean the same in every command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from collections.abc import Sequence as Seq

__all__ = ["COMMANDS", "main"]

COMMANDS = ("simulate", "export", "train")


def _command(name: str | None) -> Callable[[Seq[str]], int]:
    """The function that runs a command; imported only when asked for."""
    if name == "simulate":
        from .simulate import simulate_command

        return simulate_command
    if name == "train":
        from .train import train_command

        return train_command
    if name == "export":
        from .export import export_command

        return export_command
    from .gui import gui_command

    return gui_command


def main(argv: Seq[str] | None = None) -> int:
    """``lstm-viz …``: run the command named first (the window when none is); exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    name = argv[0] if argv and argv[0] in COMMANDS else None
    run = _command(name)
    try:
        return run(argv[1:] if name else argv)
    except BrokenPipeError:
        # `lstm-viz simulate | head`: the reader left; stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
