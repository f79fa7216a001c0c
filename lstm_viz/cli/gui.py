"""``lstm-viz [options] [scenario.toml]``: open the window.

Everything that can fail is checked before Qt is imported (the options, the
scenario, the settings' files, whether a display exists), so a mistake is one
line, not a window that never opens.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence as Seq

from .. import __version__
from ..i18n_core import say, tr
from ._errors import BAD_INPUT, FAILED, CommandError, Parser, note, report
from ._options import (
    add_lang_option,
    add_settings_options,
    given_options,
    option_error,
    settings_from_args,
    weights_warning,
)

PROG = "lstm-viz"
COMMANDS = ("simulate", "export", "train")


def gui_parser() -> Parser:
    p = Parser(
        prog=PROG,
        description=tr(
            "See inside an LSTM: an animated cell diagram and live gradient plots. "
            "Commands without a window: {commands} (lstm-viz COMMAND --help)."
        ).format(commands=", ".join(COMMANDS)),
    )
    p.add_argument("--version", action="version", version=f"lstm-viz {__version__}")
    add_settings_options(p)
    p.add_argument("--paused", action="store_true", help=tr("open paused instead of playing"))
    p.add_argument(
        "--presentation",
        action="store_true",
        help=tr("open in presentation mode (full screen, large type; Esc or F11 leaves it)"),
    )
    add_lang_option(
        p,
        tr(
            "the language of the window for this run (default: as chosen last time in "
            "View → Language, else the system's)"
        ),
    )
    p.add_argument(
        "--reset",
        action="store_true",
        help=tr("forget what was remembered; start from the defaults"),
    )
    p.add_argument("scenario", nargs="?", help=tr("a scenario file (.toml) to open"))
    return p


def gui_command(argv: Seq[str]) -> int:
    """Open the window (``lstm-viz`` with no command); the exit status when it closes."""
    try:
        from ..i18n import requested_language, set_language
    except ImportError as err:  # Qt's libraries (or PySide6 itself) are missing here
        return report(
            PROG,
            CommandError(
                tr("the window needs Qt (PySide6), which cannot be loaded here: {why}").format(
                    why=err
                ),
                tr("install Qt's libraries, or use lstm-viz simulate or lstm-viz train (no Qt)"),
                FAILED,
            ),
        )
    set_language(requested_language(list(argv)))  # the help, and errors before the window
    try:
        return _gui(argv)
    except CommandError as err:
        return report(PROG, err)


def _gui(argv: Seq[str]) -> int:
    from ..app.display import display_problem
    from ..state.results import compute

    args = gui_parser().parse_args(argv)
    explicit = bool(given_options(args))
    scenario = None
    try:
        if args.scenario:
            from ..state.scenario import read_scenario, unknown_fields_message

            scenario = read_scenario(args.scenario)
            if warning := unknown_fields_message(scenario, args.scenario):
                note(say(warning))
        settings = settings_from_args(args, scenario.settings if scenario else None)
        if explicit or scenario:
            compute(settings)  # a bad file or value fails here, before any window
    except ValueError as err:
        raise CommandError(option_error(err), tr("check the file and the options")) from None
    except OSError as err:
        what = tr("cannot read {path}: {why}").format(
            path=err.filename or args.scenario, why=err.strerror or err
        )
        raise CommandError(what, tr("check the path, then run again")) from None
    if warning := weights_warning(args):
        note(warning)
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return BAD_INPUT
    from ..app.launch import run_app

    # Without options the window reopens on the last session's settings.
    if scenario is not None:
        from dataclasses import replace

        scenario = replace(scenario, settings=settings)
    return run_app(
        settings if explicit and scenario is None else None,
        playing=not args.paused and scenario is None,
        scenario=scenario,
        presentation=args.presentation,
        language=args.lang,
        reset=args.reset,
    )
