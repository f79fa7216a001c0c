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

import numpy as np

from ..engine.data.sequences import (
    MAX_STEPS,
    PRESETS,
    Sequence,
    input_size_for,
    load_sequence_csv,
    make_sequence,
    parse_sequence_text,
)
from ..i18n_marks import Explained, tr_noop
from .vocabulary import MODEL_KINDS

MAX_HIDDEN = 256  # beyond this the diagram's unit strips stop being readable
INIT_SCHEMES = ("uniform", "orthogonal")
#: How the window and the plots name them (marked for translation).
INIT_TITLES = {"uniform": tr_noop("uniform (PyTorch)"), "orthogonal": tr_noop("orthogonal")}


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
    """

    model: str = "lstm"
    hidden_size: int = 8
    input_size: int | None = None
    sequence: str = "sine"
    length: int = 40
    seed: int = 0
    recurrent_scale: float | None = None
    forget_bias: float | None = 1.0
    init: str = "uniform"
    custom_text: str = ""
    sequence_file: str | None = None
    weights: str | None = None

    def replace(self, **changes: Any) -> Settings:
        """A validated copy with some fields changed."""
        new = replace(self, **changes)
        new.validate()
        return new

    def validate(self) -> None:
        """Raise :class:`SettingsError` naming the first bad field."""
        if self.model not in MODEL_KINDS:
            raise SettingsError(
                "model",
                tr_noop("must be one of {allowed}, not {value!r}"),
                allowed=", ".join(MODEL_KINDS),
                value=self.model,
            )
        _int_in("hidden_size", self.hidden_size, 1, MAX_HIDDEN)
        if self.input_size is not None:
            _int_in("input_size", self.input_size, 1, 64)
        _int_in("length", self.length, 1, MAX_STEPS)
        _int_in("seed", self.seed, 0, 2**32 - 1)
        if self.sequence not in PRESETS and self.sequence not in ("custom", "file"):
            names = ", ".join([*PRESETS, "custom", "file"])
            raise SettingsError(
                "sequence",
                tr_noop("unknown sequence {value!r}; use one of {allowed}"),
                value=self.sequence,
                allowed=names,
            )
        if self.sequence == "file" and not self.sequence_file:
            raise SettingsError("sequence_file", tr_noop("no file chosen"))
        if self.recurrent_scale is not None:
            _float_in("recurrent_scale", self.recurrent_scale, 0.0, 1e6)
        if self.forget_bias is not None:
            _float_in("forget_bias", self.forget_bias, -1e6, 1e6)
        if self.init not in INIT_SCHEMES:
            raise SettingsError(
                "init", tr_noop("must be one of {allowed}"), allowed=", ".join(INIT_SCHEMES)
            )

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _int_in(name: str, value: Any, low: int, high: int) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | np.integer)
        or not low <= value <= high
    ):
        raise SettingsError(
            name,
            tr_noop("must be a whole number from {low} to {high}, got {value!r}"),
            low=low,
            high=high,
            value=value,
        )


def _float_in(name: str, value: Any, low: float, high: float) -> None:
    ok = isinstance(value, int | float | np.floating) and not isinstance(value, bool)
    if not ok or not np.isfinite(value) or not low <= value <= high:
        raise SettingsError(
            name,
            tr_noop("must be a number from {low:g} to {high:g}, got {value!r}"),
            low=low,
            high=high,
            value=value,
        )


def build_sequence(settings: Settings, input_size: int | None = None) -> Sequence:
    """The input sequence the settings describe (raises ``SequenceError``).

    ``input_size`` overrides ``settings.input_size`` (a loaded weight file fixes D).
    """
    if settings.sequence == "custom":
        return parse_sequence_text(settings.custom_text)
    if settings.sequence == "file":
        assert settings.sequence_file is not None
        return load_sequence_csv(Path(settings.sequence_file))
    size = input_size or settings.input_size
    if size is not None and not input_size_for(settings.sequence).flexible:
        size = None if size == input_size_for(settings.sequence).default else size
    return make_sequence(settings.sequence, settings.length, settings.seed, size)
