"""``lstm-viz``: the window, and the commands that need no window.

    lstm-viz [options]              open the window (an LSTM playing a built-in sequence)
    lstm-viz simulate [options]     run the engine and print or save its numbers
    lstm-viz export [options]       write what the window shows to image and animation files
    lstm-viz train [options]        train a model on a task and save its weights
    lstm-viz export --out FILE      write frames, GIF/APNG/MP4 or SVG with no window

The options that choose the model and the sequence are defined once, here,
and mean the same in every command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence as Seq
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from . import __version__
from .engine.data.sequences import PRESETS
from .files import atomic_write_text
from .i18n import error_text, say, tr
from .state.settings import INIT_SCHEMES, MODEL_KINDS, Settings

if TYPE_CHECKING:
    from .engine.gradients.diagnostics import PascanuCondition
    from .state.results import Results

COMMANDS = ("simulate", "export", "train")


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """The options that decide what the engine computes (shared by every command)."""
    g = parser.add_argument_group(tr("model and sequence"))
    g.add_argument("--model", choices=MODEL_KINDS, help=tr("recurrent model (default: lstm)"))
    g.add_argument("--hidden-size", type=int, metavar="H", help=tr("number of units (default: 8)"))
    g.add_argument(
        "--input-size", type=int, metavar="D", help=tr("input features, where the sequence allows")
    )
    g.add_argument(
        "--sequence",
        metavar="NAME|FILE",
        help=tr(
            "a built-in sequence ({names}) or a CSV/text file with one row "
            "per step and one column per feature (default: sine)"
        ).format(names=", ".join(PRESETS)),
    )
    g.add_argument(
        "--length", type=int, metavar="T", help=tr("steps of a built-in sequence (default: 40)")
    )
    g.add_argument(
        "--seed", type=int, help=tr("seeds the weights and random sequences (default: 0)")
    )
    g.add_argument(
        "--recurrent-scale",
        type=float,
        metavar="S",
        help=tr("largest singular value of each block of W_hh (default: PyTorch's init)"),
    )
    g.add_argument(
        "--forget-bias",
        type=float,
        metavar="B",
        help=tr("effective forget-gate bias b_if + b_hf (GRU: update gate) (default: 1.0)"),
    )
    g.add_argument(
        "--init", choices=INIT_SCHEMES, help=tr("initialisation of W_hh (default: uniform)")
    )
    g.add_argument(
        "--weights",
        metavar="FILE",
        help=tr("weights of a PyTorch nn.LSTM/GRU/RNN (.npz, .safetensors, or .pt with torch)"),
    )


SETTINGS_OPTIONS = (
    "model",
    "hidden_size",
    "input_size",
    "length",
    "seed",
    "recurrent_scale",
    "forget_bias",
    "init",
    "weights",
)
# What a weight file decides by itself: these options cannot change it.
DECIDED_BY_WEIGHTS = (
    "model",
    "hidden_size",
    "input_size",
    "recurrent_scale",
    "forget_bias",
    "init",
)


def given_options(args: argparse.Namespace) -> list[str]:
    """The settings options the user actually typed."""
    return [n for n in (*SETTINGS_OPTIONS, "sequence") if getattr(args, n, None) is not None]


def weights_warning(args: argparse.Namespace) -> str | None:
    """A note when options are given that a weight file overrides, else None."""
    if getattr(args, "weights", None) is None:
        return None
    ignored = [n for n in DECIDED_BY_WEIGHTS if getattr(args, n, None) is not None]
    if not ignored:
        return None
    names = ", ".join("--" + n.replace("_", "-") for n in ignored)
    return f"note: the weights file decides the model and its sizes; ignoring {names}"


def settings_from_args(args: argparse.Namespace, base: Settings | None = None) -> Settings:
    """Settings from parsed options; options left out keep ``base``'s values."""
    base = base or Settings()
    changes = {
        name: getattr(args, name)
        for name in SETTINGS_OPTIONS
        if getattr(args, name, None) is not None
    }
    seq = getattr(args, "sequence", None)
    if seq is not None:
        if seq in PRESETS:
            changes["sequence"] = seq
        elif Path(seq).suffix or Path(seq).exists():
            changes.update(sequence="file", sequence_file=seq)
        else:
            raise ValueError(
                f"--sequence: {seq!r} is neither a built-in sequence ({', '.join(PRESETS)}) "
                "nor a file"
            )
    return base.replace(**changes)


def _simulate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lstm-viz simulate",
        description="Run the engine on a sequence and report every activation and the "
        "gradient diagnostics (no window needed).",
    )
    add_settings_options(p)
    p.add_argument(
        "--json", metavar="FILE", help="write the full results as JSON ('-' for standard output)"
    )
    return p


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lstm-viz",
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
    p.add_argument(
        "--lang",
        choices=("en", "zh", "zh_CN"),
        help=tr(
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


def fail(prog: str, message: str) -> int:
    """Print ``prog: error: message`` on stderr, as argparse does; the exit status 2."""
    print(f"{prog}: error: {message}", file=sys.stderr)
    return 2


def simulate(argv: Seq[str]) -> int:
    from .state.report import simulation_report
    from .state.results import compute

    args = _simulate_parser().parse_args(argv)
    try:
        results = compute(settings_from_args(args))
    except ValueError as err:
        return fail("lstm-viz simulate", str(err))
    if note := weights_warning(args):
        print(note, file=sys.stderr)
    if args.json:
        text = json.dumps(simulation_report(results), indent=1, allow_nan=False) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            try:
                atomic_write_text(args.json, text)
            except OSError as err:
                return fail("lstm-viz simulate", f"cannot write {args.json}: {err.strerror or err}")
            print(f"wrote {args.json}", file=sys.stderr)
        return 0
    print(_summary(results))
    return 0


def _summary(results: Results) -> str:
    m, d = results.model, results.diagnostics
    steps = results.steps
    lines = [
        f"{m.kind.upper()}  input_size={m.input_size}  hidden_size={m.hidden_size}  "
        f"parameters={m.n_params}",
        f"sequence {results.sequence.name!r}: {steps} steps",
        _pascanu_line(d.pascanu),
    ]
    if not results.finite:
        lines.append("warning: some values overflowed (inf/nan); see --json for which steps")
    header = f"{'t':>5} {'‖∂h_T/∂h_t‖':>13} {'‖∂L/∂h_t‖':>12}"
    if d.highway is not None:
        header += f" {'highway ∏f':>12} {'‖∂c_T/∂c_t‖':>13}"
    lines += ["", header]
    shown = sorted(set(np.linspace(0, steps - 1, min(steps, 11)).round().astype(int)))
    for i in shown:
        row = f"{i + 1:>5} {d.jacobian_spectral[i]:>13.4g} {d.loss_grad[i]:>12.4g}"
        if d.highway is not None:
            row += f" {d.highway[i]:>12.4g} {d.cell_total[i]:>13.4g}"
        lines.append(row)
    lines += [
        "",
        "L = Σ_k h_T[k]/√H, a loss on the last step whose gradient at T has norm 1;",
        "highway ∏f: the cell-state path alone; ‖∂c_T/∂c_t‖: all paths together.",
    ]
    return "\n".join(lines)


def _pascanu_line(p: PascanuCondition) -> str:
    if p.applies:
        verdict = "vanishing guaranteed" if p.vanishing_guaranteed else "vanishing not guaranteed"
        return (
            f"σ_max(W_hh) = {p.sigma_max:.4g}: {verdict} (Pascanu et al. 2013: below "
            f"1/γ = {p.threshold:g} for a tanh RNN)"
        )
    blocks = "  ".join(f"{k} {v:.3g}" for k, v in p.blocks.items())
    return f"σ_max of each block of W_hh: {blocks}  (Pascanu's bound is for the plain RNN)"


def gui(argv: Seq[str]) -> int:
    from .app.display import display_problem
    from .i18n import requested_language, set_language
    from .state.results import compute

    set_language(requested_language(list(argv)))  # the help, and errors before the window
    args = _gui_parser().parse_args(argv)
    explicit = bool(given_options(args))
    scenario = None
    try:
        if args.scenario:
            from .state.scenario import read_scenario, unknown_fields_message

            scenario = read_scenario(args.scenario)
            if warning := unknown_fields_message(scenario, args.scenario):
                print(say(warning), file=sys.stderr)
        settings = settings_from_args(args, scenario.settings if scenario else None)
        if explicit or scenario:
            compute(settings)  # a bad file or value fails here, before any window
    except ValueError as err:
        return fail("lstm-viz", error_text(err))
    except OSError as err:
        return fail(
            "lstm-viz", f"cannot read {err.filename or args.scenario}: {err.strerror or err}"
        )
    if note := weights_warning(args):
        print(note, file=sys.stderr)
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from .app.launch import run_app

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


def main(argv: Seq[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "simulate":
            return simulate(argv[1:])
        if argv and argv[0] == "export":
            from .export_cli import export_command

            return export_command(argv[1:])
        if argv and argv[0] == "train":
            from .train_cli import train_command

            return train_command(argv[1:])
        return gui(argv)
    except BrokenPipeError:
        # `lstm-viz simulate | head`: the reader left; stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
