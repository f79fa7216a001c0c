"""All three models on the same settings: what the gradient plots compare.

The plots put the RNN, the LSTM and the GRU side by side on the same sequence,
hidden size and seed. A settings change computes all three once, here; views
only read the :class:`Comparison`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .results import Results, compute
from .settings import MODEL_KINDS, Settings, SettingsError


@dataclass(frozen=True)
class Comparison:
    """The engine's results for every model kind at one settings value.

    Attributes
    ----------
    settings
        The settings as given.
    results
        Kind → :class:`~lstm_viz.state.results.Results`, in the order of
        ``MODEL_KINDS`` (read-only). The current kind's entry is exactly what
        ``compute(settings)`` returns; every other kind's is
        ``compute(settings.replace(model=kind))``.
    current
        The kind the rest of the app shows (a weight file decides it).
    note
        Set when the other kinds are not what the settings alone describe: with
        a weight file they are initialised from the seed at the file's H and D
        (or left out when those sizes are outside the settings' limits).
    """

    settings: Settings
    results: Mapping[str, Results]
    current: str
    note: str | None = None

    def __getitem__(self, kind: str) -> Results:
        return self.results[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self.results)

    @property
    def current_results(self) -> Results:
        return self.results[self.current]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.results)


def compare(settings: Settings) -> Comparison:
    """Run the engine for ``settings`` and for the same settings with each other kind.

    The current model is built exactly as :func:`~lstm_viz.state.results.compute`
    builds it, weight file included. Without a weight file each other kind is
    ``compute(settings.replace(model=kind))``: same sequence, H, seed and
    initialisation knobs. With one, the others cannot come from the file (it
    holds one model), so they are initialised from the seed with the file's
    H and D, on the same sequence, and :attr:`Comparison.note` says so.

    Raises what ``compute`` raises (``SettingsError``, ``SequenceError``,
    ``WeightsError``, all ``ValueError``) for the current model.
    """
    current = compute(settings)
    kind = current.kind
    others = [k for k in MODEL_KINDS if k != kind]
    computed = {kind: current}
    note = None
    if settings.weights is None:
        for k in others:
            computed[k] = compute(settings.replace(model=k))
    else:
        h, d = current.model.hidden_size, current.model.input_size
        names = " and the ".join(k.upper() for k in others)
        source = Path(settings.weights).name
        try:
            base = settings.replace(weights=None, hidden_size=h, input_size=d)
        except SettingsError as e:
            note = (
                f"Only the {kind.upper()} from {source} is shown: the {names} cannot be "
                f"built at its sizes ({e})."
            )
        else:
            for k in others:
                computed[k] = compute(base.replace(model=k))
            note = (
                f"The {kind.upper()} comes from {source}; the {names} are initialised "
                f"from seed {settings.seed} with the same sizes (H = {h}, D = {d})."
            )
    ordered = {k: computed[k] for k in MODEL_KINDS if k in computed}
    return Comparison(settings=settings, results=MappingProxyType(ordered), current=kind, note=note)
