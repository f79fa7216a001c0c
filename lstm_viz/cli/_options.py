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

from ..engine.cells.rnn import NONLINEARITIES
from ..engine.cells.stack import DIRECTIONS
from ..engine.data.sequences import PRESETS
from ..engine.data.tokens import TOKENIZERS, read_text_file
from ..i18n_core import error_text, tr
from ..languages import ALIASES
from ..state.settings import INIT_SCHEMES, MODEL_KINDS, Settings, own_weights_sequence
from ._errors import CommandError

__all__ = [
    "DECIDED_BY_WEIGHTS",
    "SETTINGS_OPTIONS",
    "add_cell_options",
    "add_lang_option",
    "add_model_option",
    "add_scale_options",
    "add_seed_option",
    "add_settings_options",
    "check_shared_values",
    "given_options",
    "number",
    "option_error",
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
            "per step and one column per feature (default: adding)"
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
        "--length", type=whole, metavar="T", help=tr("steps of a built-in sequence (default: 80)")
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
    when = g.add_mutually_exclusive_group()
    when.add_argument(
        "--trained",
        dest="trained",
        action="store_const",
        const=True,
        help=tr(
            "show the model after training, where lstm-viz ships its trained twin "
            "(the default; see resources/models)"
        ),
    )
    when.add_argument(
        "--untrained",
        dest="trained",
        action="store_const",
        const=False,
        help=tr("show the model before training: as initialised from the seed"),
    )
    add_cell_options(g)
    add_text_options(parser)


def add_cell_options(g: argparse._ActionsContainer) -> None:
    """``--layer``, ``--direction``, ``--nonlinearity``: which cell of a stack is shown,
    and what a plain RNN's file cannot tell."""
    g.add_argument(
        "--layer",
        type=int,
        metavar="N",
        help=tr("the layer of a stacked model to show (0 reads the input; default 0)"),
    )
    g.add_argument(
        "--direction",
        choices=DIRECTIONS,
        help=tr("the direction of a bidirectional model to show (default forward)"),
    )
    g.add_argument(
        "--nonlinearity",
        choices=NONLINEARITIES,
        help=tr(
            "the RNN's nonlinearity (default tanh); a PyTorch nn.RNN state_dict does not "
            "record it, so say relu for nn.RNN(nonlinearity='relu')"
        ),
    )


def add_text_options(parser: argparse.ArgumentParser) -> None:
    """``--text``/``--text-file`` and how tokens become inputs and classes get names."""
    g = parser.add_argument_group(tr("text"))
    source = g.add_mutually_exclusive_group()
    source.add_argument(
        "--text", metavar="TEXT", help=tr("a text as the sequence, one step per token")
    )
    source.add_argument("--text-file", metavar="FILE", help=tr("a UTF-8 text file as the sequence"))
    g.add_argument(
        "--tokens",
        choices=TOKENIZERS,
        help=tr("one step per character or per word/punctuation mark (default: chars)"),
    )
    g.add_argument(
        "--vocab",
        metavar="FILE",
        help=tr(
            "the tokens in id order, one per line (or JSON token → id); default: the "
            "weights file's own"
        ),
    )
    g.add_argument(
        "--labels",
        metavar="FILE",
        help=tr("the read-out's class names, one per line; default: the weights file's own"),
    )


def _text_changes(args: argparse.Namespace) -> dict[str, object]:
    """The settings given by --text, --text-file, --tokens, --vocab and --labels."""
    changes: dict[str, object] = {}
    if getattr(args, "text_file", None) is not None:
        try:
            changes["text"] = read_text_file(args.text_file)
        except ValueError as err:
            raise CommandError(
                tr("--text-file: {reason}").format(reason=error_text(err)),
                tr("give a UTF-8 text file"),
            ) from None
    elif getattr(args, "text", None) is not None:
        changes["text"] = args.text
    if "text" in changes:
        changes["sequence"] = "text"
    for option, name in (
        ("tokens", "tokenizer"),
        ("vocab", "vocab_file"),
        ("labels", "labels_file"),
    ):
        if getattr(args, option, None) is not None:
            changes[name] = getattr(args, option)
    return changes


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
    "trained",
    "weights_module",
    "sequence_columns",
    "layer",
    "direction",
    "nonlinearity",
)
# What a weight file decides by itself: these options cannot change it.
DECIDED_BY_WEIGHTS = (
    "model",
    "hidden_size",
    "input_size",
    "recurrent_scale",
    "forget_bias",
    "init",
    "trained",
)


def flag(name: str) -> str:
    """``hidden_size`` → ``--hidden-size`` (``weights_module`` → ``--module`` …)."""
    renamed = {"weights_module": "--module", "sequence_columns": "--columns"}
    return renamed.get(name, "--" + name.replace("_", "-"))


def given_options(args: argparse.Namespace) -> list[str]:
    """The settings options the user actually typed."""
    names = (*SETTINGS_OPTIONS, "sequence", "text", "text_file", "tokens", "vocab", "labels")
    return [n for n in names if getattr(args, n, None) is not None]


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
    if seq is None and getattr(args, "weights", None) is not None:
        fallback = own_weights_sequence(base)
        changes = {**fallback, **changes}  # a typed --length still wins
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
    changes.update(_text_changes(args))
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


def option_error(err: BaseException) -> str:
    """An error's message in the current language, naming the option the user typed
    (``--layer: the model has 2 layer(s) …``) when it is about a setting."""
    return _as_option(error_text(err))


def _as_option(message: str) -> str:
    """``"recurrent_scale: …"`` → ``"--recurrent-scale: …"``: name what the user typed."""
    field, sep, rest = message.partition(": ")
    if sep and field in _TEXT_FLAGS:
        return f"{_TEXT_FLAGS[field]}: {rest}"
    if sep and field in (*SETTINGS_OPTIONS, "sequence"):
        return f"{flag(field)}: {rest}"
    return message


_TEXT_FLAGS = {
    "text": "--text",
    "tokenizer": "--tokens",
    "vocab_file": "--vocab",
    "labels_file": "--labels",
}
