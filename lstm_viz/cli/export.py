"""``lstm-viz export``: what the window shows, written without a window (Qt offscreen).

One frame (.png, .svg) or an animation (.gif, .apng, .webp, .mp4, a folder of PNG
frames), from command-line settings or a scenario file; ``--lang`` picks the
language of the frames' text and of this command's help and messages.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence as Seq
from typing import TYPE_CHECKING

from ..files import TargetError
from ..i18n_core import error_text, say, tr
from ._errors import BAD_INPUT, FAILED, CommandError, Parser, note, report
from ._options import add_settings_options, option_error, settings_from_args, weights_warning

if TYPE_CHECKING:
    from ..export.options import ExportOptions
    from ..state.scenario import Scenario

PROG = "lstm-viz export"


def export_parser() -> argparse.ArgumentParser:
    from ..export.options import add_export_options

    p = Parser(
        prog=PROG,
        description=tr(
            "Write what the window shows without a window: one frame (.png, .svg) "
            "or an animation (.gif, .apng, .webp, .mp4, or a folder of numbered PNG frames)."
        ),
    )
    add_settings_options(p)
    add_export_options(p)
    p.add_argument(
        "--scenario",
        metavar="FILE",
        help=tr("start from a scenario file (.toml); options given here change it"),
    )
    return p


def export_command(argv: Seq[str]) -> int:
    """``lstm-viz export``: headless, on Qt's offscreen platform."""
    # Set before anything imports Qt: the export needs no display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    prog = PROG
    from ..i18n import requested_language, set_language

    set_language(requested_language(list(argv)))  # so that --help speaks it too
    try:
        args = export_parser().parse_args(argv)
    except CommandError as err:
        return report(prog, err)
    from ..export import ExportError, describe_error, format_for, options_from_args

    try:
        options = options_from_args(args)
        fmt = format_for(args.out, args.format)
        base = None
        if args.scenario:
            from ..state.scenario import read_scenario, unknown_fields_message

            scenario = read_scenario(args.scenario)
            if warning := unknown_fields_message(scenario, args.scenario):
                note(say(warning))
            base = scenario.settings
            options = _scenario_view(options, scenario, argv)
        settings = settings_from_args(args, base)
    except CommandError as err:
        return report(prog, err)
    except ValueError as err:
        return report(prog, CommandError(error_text(err), ""))
    except OSError as err:
        what = tr("cannot read {path}: {why}").format(
            path=err.filename or args.scenario, why=err.strerror or err
        )
        return report(prog, CommandError(what, tr("check the path, then run again")))
    if warning := weights_warning(args):
        note(warning)
    from ..export.headless import run_export

    try:
        return run_export(prog, settings, options, args.out, fmt)
    except (ExportError, OSError) as err:
        what, _, todo = describe_error(err, args.out).partition(" — ")
        status = BAD_INPUT if isinstance(err, ExportError | TargetError) else FAILED
        return report(prog, CommandError(what, todo or tr("choose another path"), status))
    except ValueError as err:  # the settings, found out while computing
        return report(prog, CommandError(option_error(err), ""))


def _scenario_view(options: ExportOptions, scenario: Scenario, argv: Seq[str]) -> ExportOptions:
    """The scenario's look (theme, unrolled, direction, panel) unless the command line set it."""
    given = {a.split("=", 1)[0] for a in argv if a.startswith("--")}
    view = scenario.view_changes()
    changes = {
        name: value
        for name, flag, value in (
            ("theme", "--theme", view.get("theme")),
            ("unrolled", "--unrolled", view.get("unrolled")),
            ("backward", "--backward", view.get("backward")),
            ("panel", "--panel", view.get("panel")),
            ("lang", "--lang", view.get("language")),
        )
        if flag not in given and value is not None
    }
    return options.replace(**changes)
