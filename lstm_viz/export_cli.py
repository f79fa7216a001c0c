"""``lstm-viz export``: what the window shows, written without a window (Qt offscreen).

One frame (.png, .svg) or an animation (.gif, .apng, .mp4, a folder of PNG
frames), from command-line settings or a scenario file; ``--lang`` picks the
language of the frames' text and of this command's help and messages.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence as Seq
from typing import TYPE_CHECKING

from .cli import add_settings_options, fail, settings_from_args, weights_warning
from .i18n import error_text

if TYPE_CHECKING:
    from .export.options import ExportOptions
    from .state.scenario import Scenario


def _export_parser() -> argparse.ArgumentParser:
    from .export.options import add_export_options

    p = argparse.ArgumentParser(
        prog="lstm-viz export",
        description="Write what the window shows without a window: one frame (.png, .svg) "
        "or an animation (.gif, .apng, .mp4, or a folder of numbered PNG frames).",
    )
    add_settings_options(p)
    add_export_options(p)
    p.add_argument(
        "--scenario",
        metavar="FILE",
        help="start from a scenario file (.toml); options given here change it",
    )
    return p


def export_command(argv: Seq[str]) -> int:
    """``lstm-viz export``: headless, on Qt's offscreen platform."""
    # Set before anything imports Qt: the export needs no display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    prog = "lstm-viz export"
    from .i18n import requested_language, set_language

    set_language(requested_language(list(argv)))  # so that --help speaks it too
    args = _export_parser().parse_args(argv)
    from .export import format_for, options_from_args

    try:
        options = options_from_args(args)
        fmt = format_for(args.out, args.format)
        base = None
        if args.scenario:
            from .state.scenario import read_scenario

            scenario = read_scenario(args.scenario)
            base = scenario.settings
            options = _scenario_view(options, scenario, argv)
        settings = settings_from_args(args, base)
    except ValueError as err:
        return fail(prog, error_text(err))
    except OSError as err:
        return fail(prog, f"cannot read {err.filename or args.scenario}: {err.strerror or err}")
    if note := weights_warning(args):
        print(note, file=sys.stderr)
    from .export.headless import run_export

    return run_export(prog, settings, options, args.out, fmt)


def _scenario_view(options: ExportOptions, scenario: Scenario, argv: Seq[str]) -> ExportOptions:
    """The scenario's look (theme, unrolled, direction, panel) unless the command line set it."""
    given = {a.split("=", 1)[0] for a in argv if a.startswith("--")}
    changes = {
        name: value
        for name, flag, value in (
            ("theme", "--theme", scenario.theme),
            ("unrolled", "--unrolled", scenario.unrolled),
            ("backward", "--backward", scenario.cursor.backward),
            ("panel", "--panel", scenario.panel),
            ("lang", "--lang", scenario.language),
        )
        if flag not in given and value is not None
    }
    return options.replace(**changes)
