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
from .i18n import error_text, say

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
    from .export import ExportError, describe_error, format_for, options_from_args
    from .state.comparison import compare

    try:
        options = options_from_args(args)
        fmt = format_for(args.out, args.format)
        base = None
        if args.scenario:
            from .state.scenario import read_scenario, unknown_fields_message

            scenario = read_scenario(args.scenario)
            if warning := unknown_fields_message(scenario, args.scenario):
                print(say(warning), file=sys.stderr)
            base = scenario.settings
            options = _scenario_view(options, scenario, argv)
        comparison = compare(settings_from_args(args, base))
    except ValueError as err:
        return fail(prog, error_text(err))
    except OSError as err:
        return fail(prog, f"cannot read {err.filename or args.scenario}: {err.strerror or err}")
    if note := weights_warning(args):
        print(note, file=sys.stderr)
    from PySide6.QtWidgets import QApplication

    from .export import export_animation, export_still

    _app = QApplication.instance() or QApplication([prog])
    try:
        if fmt in ("png", "svg"):
            path, frames = export_still(comparison, options, args.out, fmt), 1
        else:
            bar = None
            if sys.stderr.isatty():
                from tqdm import tqdm

                bar = tqdm(unit="frame", desc="export", file=sys.stderr, leave=False)

            def progress(done: int, total: int) -> None:
                if bar is not None:
                    bar.total = total
                    bar.update(done - bar.n)

            try:
                result = export_animation(comparison, options, args.out, fmt, progress=progress)
            finally:
                if bar is not None:
                    bar.close()
            assert result is not None
            path, frames = result.path, result.frames
    except (ExportError, OSError) as err:
        return fail(prog, describe_error(err, args.out))
    print(f"wrote {path} ({frames} frame{'s' if frames != 1 else ''})")
    return 0


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
