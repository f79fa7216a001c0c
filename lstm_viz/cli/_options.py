"""The options every command shares, defined and checked once. No Qt.

The options that choose the model and the sequence mean the same, and are
checked the same way, in ``lstm-viz``, ``simulate`` and ``export``; ``train``
takes the ones it shares with them (``--model``, ``--seed``, ``--recurrent-scale``,
``--forget-bias``, ``--lang``, ``--json``) from here too.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from ..engine.data.sequences import PRESETS
from ..i18n_core import error_text, tr
from ..languages import ALIASES
from ..state.settings import INIT_SCHEMES, MODEL_KINDS, Settings
from ._errors import CommandError

__all__ = [
    "DECIDED_BY_WEIGHTS",
    "SETTINGS_OPTIONS",
    "add_lang_option",
    "add_model_option",
    "add_scale_options",
    "add_seed_option",
    "add_settings_options",
    "check_shared_values",
    "given_options",
    "number",
    "settings_from_args",
    "weights_warning",
    "whole",
]


def number(text: str) -> float:
    """An option's value as a finite number (``nan`` and ``inf`` are refused here)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("expected a number, not {value!r}").format(value=text)
        ) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(
            tr("expected a finite number, not {value!r}").format(value=text)
        )
    return value


def whole(text: str) -> int:
    """An option's value as a whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("expected a whole number, not {value!r}").format(value=text)
        ) from None


def add_model_option(g: argparse._ActionsContainer, default: str | None = None) -> None:
    g.add_argument(
        "--model",
        choices=MODEL_KINDS,
        default=default,
        help=tr("recurrent model (default: {default})").format(default=default or "lstm"),
    )


def add_seed_option(g: argparse._ActionsContainer, default: int | None = None) -> None:
    g.add_argument(
        "--seed",
        type=whole,
        default=default,
        help=tr("seeds the weights and random sequences (default: {default})").format(
            default=default or 0
        ),
    )


def add_scale_options(g: argparse._ActionsContainer, forget_bias: float | None = None) -> None:
    """``--recurrent-scale`` and ``--forget-bias``: how W_hh and the gate biases start."""
    g.add_argument(
        "--recurrent-scale",
        type=number,
        metavar="S",
        help=tr("largest singular value of each block of W_hh (default: PyTorch's init)"),
    )
    g.add_argument(
        "--forget-bias",
        type=number,
        default=forget_bias,
        metavar="B",
        help=tr("effective forget-gate bias b_if + b_hf (GRU: update gate) (default: 1.0)"),
    )


def add_lang_option(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """``--lang``: the language of this run's help and messages (read before parsing too)."""
    parser.add_argument(
        "--lang",
        choices=sorted(ALIASES),
        metavar="LANG",
        help=help_text
        or tr("language of the messages: en (English) or zh (简体中文) (default: the system's)"),
    )


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """The options that decide what the engine computes (shared by every command)."""
    g = parser.add_argument_group(tr("model and sequence"))
    add_model_option(g)
    g.add_argument(
        "--hidden-size", type=whole, metavar="H", help=tr("number of units (default: 8)")
    )
    g.add_argument(
        "--input-size",
        type=whole,
        metavar="D",
        help=tr("input features, where the sequence allows"),
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
        "--columns",
        dest="sequence_columns",
        metavar="NAMES|NUMBERS",
        help=tr(
            "which columns of the --sequence file are the features: header names or "
            "numbers from 1, separated by commas (e.g. Passengers or 2,3); a non-numeric "
            "column left out labels the steps"
        ),
    )
    g.add_argument(
        "--length", type=whole, metavar="T", help=tr("steps of a built-in sequence (default: 40)")
    )
    add_seed_option(g)
    add_scale_options(g)
    g.add_argument(
        "--init", choices=INIT_SCHEMES, help=tr("initialisation of W_hh (default: uniform)")
    )
    g.add_argument(
        "--weights",
        metavar="FILE",
        help=tr(
            "weights of a recurrent model: a PyTorch state_dict or checkpoint (.pt/.pth/"
            ".ckpt … with torch), .npz, .safetensors, Keras 3 .keras/.weights.h5, or .onnx"
        ),
    )
    g.add_argument(
        "--module",
        dest="weights_module",
        metavar="PREFIX",
        help=tr(
            "which recurrent module of the weights file to read, by its key prefix "
            "(e.g. encoder.rnn.); the load report lists them"
        ),
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
    "weights_module",
    "sequence_columns",
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


def flag(name: str) -> str:
    """``hidden_size`` → ``--hidden-size`` (``weights_module`` → ``--module`` …)."""
    renamed = {"weights_module": "--module", "sequence_columns": "--columns"}
    return renamed.get(name, "--" + name.replace("_", "-"))


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
    return tr("note: the weights file decides the model and its sizes; ignoring {names}").format(
        names=", ".join(map(flag, ignored))
    )


def settings_from_args(args: argparse.Namespace, base: Settings | None = None) -> Settings:
    """Settings from parsed options; options left out keep ``base``'s values.

    Raises :class:`CommandError` naming the option when a value is out of range.
    """
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
            raise CommandError(
                tr(
                    "--sequence: {value!r} is neither a built-in sequence ({names}) nor a file"
                ).format(value=seq, names=", ".join(PRESETS)),
                tr("give one of the names, or the path of a CSV/text file"),
            )
    try:
        return base.replace(**changes)
    except ValueError as err:
        raise CommandError(_as_option(error_text(err)), "") from None


def check_shared_values(args: argparse.Namespace) -> None:
    """Check the values a command shares with the settings (``--recurrent-scale``,
    ``--forget-bias``) exactly as :class:`Settings` checks them for ``simulate``."""
    changes = {
        n: getattr(args, n)
        for n in ("recurrent_scale", "forget_bias")
        if getattr(args, n, None) is not None
    }
    try:
        Settings().replace(**changes)
    except ValueError as err:
        raise CommandError(_as_option(error_text(err)), "") from None


def _as_option(message: str) -> str:
    """``"recurrent_scale: …"`` → ``"--recurrent-scale: …"``: name what the user typed."""
    field, sep, rest = message.partition(": ")
    if sep and field in (*SETTINGS_OPTIONS, "sequence"):
        return f"{flag(field)}: {rest}"
    return message
