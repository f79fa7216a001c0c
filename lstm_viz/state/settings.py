"""Settings: everything that decides what the engine computes, as one frozen value.

The window, the command line and (later) scenario files all produce a
:class:`Settings`; the results layer turns it into engine numbers. A change is
a new value (``dataclasses.replace``), never a mutation, so a bad change can
be rejected while the last good settings stay in force.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..engine.data.sequences import (
    Sequence,
    input_size_for,
    load_sequence_csv,
    make_sequence,
    parse_sequence_text,
)
from ..engine.data.text import parse_columns
from ..i18n_marks import Explained, tr_noop
from .limits import CHOICES, INIT_SCHEMES, INIT_TITLES, MAX_HIDDEN, RANGES
from .vocabulary import MODEL_KINDS

# Names other modules have always imported from here.
__all__ = [
    "INIT_SCHEMES",
    "INIT_TITLES",
    "MAX_HIDDEN",
    "MODEL_KINDS",
    "Settings",
    "SettingsError",
    "build_sequence",
    "own_weights_sequence",
]


class SettingsError(Explained, ValueError):
    """A setting that cannot be applied; the message names the setting."""

    def __init__(self, field: str, message: str, **slots: object) -> None:
        super().__init__(f"{field}: {self._explain(message, slots)}")
        self.field = field


@dataclass(frozen=True)
class Settings:
    """What to compute.

    Attributes
    ----------
    model
        ``"lstm"``, ``"gru"`` or ``"rnn"``.
    hidden_size
        H, the number of units.
    input_size
        D; ``None`` takes the sequence's natural size.
    sequence
        A preset name (see ``engine.sequences.PRESETS``), ``"custom"`` for
        ``custom_text``, or ``"file"`` for ``sequence_file``.
    length
        T for presets (custom sequences have their own length).
    seed
        Seeds the weights and the random presets.
    recurrent_scale
        Largest singular value of each block of W_hh; ``None`` keeps
        PyTorch's default initialisation.
    forget_bias
        The effective forget-gate bias b_if + b_hf (GRU: the update gate's);
        ``None`` keeps the default initialisation.
    weights
        A weight file; when set it decides the model kind and sizes.
    trained
        Show the model *after training* when this project ships its trained twin
        (:func:`~lstm_viz.engine.training.bundled.find_trained`: training started
        from exactly the weights these settings draw); ``False`` shows the model
        before training. Ignored with a weight file.
    nonlinearity
        The RNN's ``"tanh"`` or ``"relu"``; a weight file that records it decides
        (an ``nn.RNN`` state_dict does not, so this is asked).
    layer, direction
        Which cell of a stacked or bidirectional model the views show (layer 0 is
        the one that reads the input, as in PyTorch's ``_l0``); the whole stack is
        computed once whichever is chosen.
    text
        The text of the ``"text"`` sequence: one step per token.
    tokenizer
        ``"chars"`` or ``"words"`` (see ``engine.data.tokens.TOKENIZERS``).
    vocab_file
        Token per line in id order, or JSON token → id; ``None`` takes the weight
        file's own vocabulary (or, without weights, the text's distinct tokens).
    labels_file
        The read-out's class names, one per line; ``None`` takes the weight file's.
    weights_module
        Which recurrent module of the weight file to read (its key prefix, e.g.
        ``"encoder."``); ``None`` lets the loader choose and say so.
    sequence_columns
        Which columns of ``sequence_file`` are the features: header names or 1-based
        numbers separated by commas (``"Passengers"``, ``"2,3"``); ``None`` reads all.

    The defaults are the first screen: the LSTM trained on the adding problem
    (H = 8, T = 80, seed 0), shown on a fresh adding sequence, where the notes'
    claim holds with real numbers — its cell-state highway stays open over all
    80 steps while the RNN's gradient vanishes.
    """

    model: str = "lstm"
    hidden_size: int = 8
    input_size: int | None = None
    sequence: str = "adding"
    length: int = 80
    seed: int = 0
    recurrent_scale: float | None = None
    forget_bias: float | None = 1.0
    init: str = "uniform"
    custom_text: str = ""
    sequence_file: str | None = None
    weights: str | None = None
    trained: bool = True
    nonlinearity: str = "tanh"
    layer: int = 0
    direction: str = "forward"
    text: str = ""
    tokenizer: str = "chars"
    vocab_file: str | None = None
    labels_file: str | None = None
    weights_module: str | None = None
    sequence_columns: str | None = None

    def replace(self, **changes: Any) -> Settings:
        """A validated copy with some fields changed.

        Another weight file (or sequence file) forgets the module (or columns) chosen
        in the previous one, unless the change names them too.
        """
        for file, choice in (("weights", "weights_module"), ("sequence_file", "sequence_columns")):
            if file in changes and changes[file] != getattr(self, file):
                changes.setdefault(choice, None)
        new = replace(self, **changes)
        new.validate()
        return new

    def validate(self) -> None:
        """Raise :class:`SettingsError` naming the first bad field.

        The ranges and choices are those of :mod:`lstm_viz.state.limits`, the
        table the widgets are built from.
        """
        for name, allowed in CHOICES.items():
            value = getattr(self, name)
            if value not in allowed:
                raise SettingsError(
                    name,
                    tr_noop("must be one of {allowed}, not {value!r}"),
                    allowed=", ".join(allowed),
                    value=value,
                )
        if not isinstance(self.trained, bool):
            raise SettingsError(
                "trained", tr_noop("must be true or false, got {value!r}"), value=self.trained
            )
        if self.sequence == "file" and not self.sequence_file:
            raise SettingsError("sequence_file", tr_noop("no file chosen"))
        if self.sequence == "text" and not self.text:
            raise SettingsError("text", tr_noop("no text given"))
        for name, limits in RANGES.items():
            value = getattr(self, name)
            if value is None and name in _OPTIONAL:
                continue
            problem = limits.problem(value)
            if problem is not None:
                raise SettingsError(name, problem.template, **problem.slots)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: The numeric fields where ``None`` means "as the model's own initialisation decides".
_OPTIONAL = ("input_size", "recurrent_scale", "forget_bias")


def build_sequence(settings: Settings, input_size: int | None = None) -> Sequence:
    """The input sequence the settings describe (raises ``SequenceError``).

    ``input_size`` overrides ``settings.input_size`` (a loaded weight file fixes D).
    """
    if settings.sequence == "custom":
        return parse_sequence_text(settings.custom_text)
    if settings.sequence == "file":
        assert settings.sequence_file is not None
        columns = parse_columns(settings.sequence_columns) if settings.sequence_columns else None
        return load_sequence_csv(Path(settings.sequence_file), columns)
    size = input_size or settings.input_size
    if size is not None and not input_size_for(settings.sequence).flexible:
        size = None if size == input_size_for(settings.sequence).default else size
    return make_sequence(settings.sequence, settings.length, settings.seed, size)


def own_weights_sequence(settings: Settings) -> dict[str, Any]:
    """The changes to make with a weight file of one's own when no sequence was chosen.

    The first screen's adding sequence takes exactly two inputs; a user's model may
    take any number, so loading one over a preset whose size is fixed runs it on
    the sine wave of 40 steps instead (sine takes the file's D) — as before the
    trained models shipped. Over any other sequence nothing changes.
    """
    if settings.sequence in ("custom", "file") or input_size_for(settings.sequence).flexible:
        return {}
    return {"sequence": "sine", "length": 40}
