"""Settings → engine numbers, computed once and shared by every view.

Playback never recomputes: it moves a cursor over a :class:`Results`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..engine import MODELS
from ..engine.cells._base import RecurrentModel
from ..engine.cells.trace import Trace
from ..engine.data.sequences import Sequence
from ..engine.gradients.diagnostics import Diagnostics, diagnose
from ..engine.io.weights import WeightFile, load_weights
from .budget import check_run
from .settings import Settings, SettingsError, build_sequence


@dataclass(frozen=True)
class Results:
    """One model run on one sequence: the trace, and (on first use) its gradient diagnostics.

    The diagnostics need full Jacobians, which the cell diagram never shows, so
    they are computed the first time something asks for them, then kept.
    """

    settings: Settings
    model: RecurrentModel
    sequence: Sequence
    trace: Trace
    weights: WeightFile | None = None

    @cached_property
    def diagnostics(self) -> Diagnostics:
        return diagnose(self.model, self.trace)

    @property
    def kind(self) -> str:
        return self.model.kind

    @property
    def steps(self) -> int:
        return self.trace.steps

    @property
    def finite(self) -> bool:
        return self.trace.finite and self.diagnostics.finite


def build_model(settings: Settings, input_size: int, weights: WeightFile | None) -> RecurrentModel:
    """The model the settings describe; a weight file fixes kind and sizes."""
    if weights is not None:
        return MODELS[weights.kind].from_params(weights.params)
    return MODELS[settings.model](
        input_size,
        settings.hidden_size,
        seed=settings.seed,
        init=settings.init,
        recurrent_scale=settings.recurrent_scale,
        forget_bias=settings.forget_bias,
    )


def compute(settings: Settings) -> Results:
    """Run the engine for ``settings``.

    Raises ``SettingsError``, ``SequenceError`` or ``WeightsError`` (all
    ``ValueError``) with a message that names what is wrong — also when the run
    would not fit in the memory budget (:func:`~lstm_viz.state.budget.check_run`).
    """
    settings.validate()
    weights = (
        _load_weights_cached(settings.weights, settings.weights_module)
        if settings.weights
        else None
    )
    sequence = build_sequence(settings, weights.input_size if weights else None)
    d = sequence.values.shape[1]
    if weights is not None and weights.input_size != d:
        raise SettingsError(
            "sequence",
            f"the weights expect {weights.input_size} input feature(s) per step but the "
            f"sequence {sequence.name!r} has {d}",
        )
    # Refused from the sizes alone, before anything is computed.
    check_run(
        weights.kind if weights else settings.model,
        weights.hidden_size if weights else settings.hidden_size,
        d,
        sequence.length,
        length_field="sequence" if settings.sequence in ("custom", "file") else "length",
        hidden_field="weights" if weights else "hidden_size",
    )
    model = build_model(settings, d, weights)
    trace = model.forward(sequence.values)
    return Results(
        settings=settings,
        model=model,
        sequence=sequence,
        trace=trace,
        weights=weights,
    )


@lru_cache(maxsize=8)
def _load_weights_cached_key(path: str, prefix: str | None, mtime_ns: int, size: int) -> WeightFile:
    return load_weights(path, prefix=prefix)


def _load_weights_cached(path: str, prefix: str | None = None) -> WeightFile:
    # Keyed on the file's mtime and size, so an edited file is read again.
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        return load_weights(path, prefix=prefix)  # let the loader say what is wrong
    return _load_weights_cached_key(str(p.resolve()), prefix, st.st_mtime_ns, st.st_size)
