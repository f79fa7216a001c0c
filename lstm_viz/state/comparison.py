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
    from_file
        The weight file's name (no folder) when the current model comes from
        one, else ``None``. The other kinds are then not what the settings
        alone describe: they are initialised from the seed at the file's H and
        D, or left out when those sizes are outside the settings' limits.
    others_seeded
        With a weight file, the other kinds initialised from the seed at the
        file's sizes (in ``MODEL_KINDS`` order); empty otherwise.
    others_missing_reason
        With a weight file whose sizes the settings refuse, why the other
        kinds are left out (the ``SettingsError`` message); else ``None``.

    Views format these fields into sentences of their own (translatable);
    :attr:`note` is the English sentence for the CLI and reports.
    """

    settings: Settings
    results: Mapping[str, Results]
    current: str
    from_file: str | None = None
    others_seeded: tuple[str, ...] = ()
    others_missing_reason: str | None = None

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

    @property
    def missing_kinds(self) -> tuple[str, ...]:
        """The kinds left out (in ``MODEL_KINDS`` order): some only with a weight file."""
        return tuple(k for k in MODEL_KINDS if k not in self.results)

    @property
    def note(self) -> str | None:
        """In English: where the models come from when a weight file is loaded, else ``None``."""
        if self.from_file is None:
            return None
        current = self.current.upper()
        if self.others_missing_reason is not None:
            names = " and the ".join(k.upper() for k in self.missing_kinds)
            return (
                f"Only the {current} from {self.from_file} is shown: the {names} cannot be "
                f"built at its sizes ({self.others_missing_reason})."
            )
        m = self.current_results.model
        names = " and the ".join(k.upper() for k in self.others_seeded)
        return (
            f"The {current} comes from {self.from_file}; the {names} are initialised "
            f"from seed {self.settings.seed} with the same sizes "
            f"(H = {m.hidden_size}, D = {m.input_size})."
        )


def compare(settings: Settings) -> Comparison:
    """Run the engine for ``settings`` and for the same settings with each other kind.

    The current model is built exactly as :func:`~lstm_viz.state.results.compute`
    builds it, weight file included. Without a weight file each other kind is
    ``compute(settings.replace(model=kind))``: same sequence, H, seed and
    initialisation knobs. With one, the others cannot come from the file (it
    holds one model), so they are initialised from the seed with the file's
    H and D, on the same sequence; :attr:`Comparison.from_file`,
    :attr:`~Comparison.others_seeded` and :attr:`~Comparison.others_missing_reason`
    say so.

    Raises what ``compute`` raises (``SettingsError``, ``SequenceError``,
    ``WeightsError``, all ``ValueError``) for the current model.
    """
    current = compute(settings)
    kind = current.kind
    others = [k for k in MODEL_KINDS if k != kind]
    computed = {kind: current}
    from_file = None if settings.weights is None else Path(settings.weights).name
    seeded: tuple[str, ...] = ()
    reason = None
    if settings.weights is None:
        for k in others:
            computed[k] = compute(settings.replace(model=k))
    else:
        h, d = current.model.hidden_size, current.model.input_size
        if current.stack is not None:  # the file's first layer reads the sequence
            h, d = current.stack.hidden_size, current.stack.input_size
        try:
            # Initialised from the seed, as the views label them: never a shipped trained twin.
            base = settings.replace(
                weights=None,
                hidden_size=h,
                input_size=d,
                trained=False,
                layer=0,
                direction="forward",
            )
        except SettingsError as e:
            reason = str(e)
        else:
            for k in others:
                computed[k] = compute(base.replace(model=k))
            seeded = tuple(others)
    ordered = {k: computed[k] for k in MODEL_KINDS if k in computed}
    return Comparison(
        settings=settings,
        results=MappingProxyType(ordered),
        current=kind,
        from_file=from_file,
        others_seeded=seeded,
        others_missing_reason=reason,
    )
