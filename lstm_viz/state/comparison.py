"""All three models on the same settings: what the gradient plots compare.

The plots put the RNN, the LSTM and the GRU side by side on the same sequence,
hidden size and seed. A settings change computes all three once, here; views
only read the :class:`Comparison`.

:func:`compare` computes everything at once. The window splits it in two: the
model it draws first (:func:`compare_current`, a comparison whose other kinds are
*pending*), then the other kinds in the background (:func:`compare_others`), with
the same numbers as :func:`compare`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from ..engine.cells.stack import RecurrentStack
from ..engine.data.sequences import Sequence
from .budget import check_run
from .results import Prepared, Results, compute, prepare, run
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
        Why the other kinds are left out, else ``None``: with a weight file
        whose sizes the settings refuse, the ``SettingsError`` message; in the
        window, why computing them failed (:meth:`without_others`).
    others_missing_error
        The error behind :attr:`others_missing_reason` when there is one, so that a
        view can say it in its own language (the reason is its English text).
    pending
        The other kinds still to be computed (in ``MODEL_KINDS`` order), in a
        comparison from :func:`compare_current`; :func:`compare_others` computes
        them. Pending kinds are not in :attr:`results` and not *missing*: they
        are coming. Empty in a complete comparison.

    Views format these fields into sentences of their own (translatable);
    :attr:`note` is the English sentence for the CLI and reports.
    """

    settings: Settings
    results: Mapping[str, Results]
    current: str
    from_file: str | None = None
    others_seeded: tuple[str, ...] = ()
    others_missing_reason: str | None = None
    pending: tuple[str, ...] = ()
    others_missing_error: Exception | None = field(default=None, compare=False, repr=False)

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
        """The kinds left out (in ``MODEL_KINDS`` order), never those still pending."""
        return tuple(k for k in MODEL_KINDS if k not in self.results and k not in self.pending)

    @property
    def is_complete(self) -> bool:
        """Whether no kind is pending (every kind computed, or left out with a reason)."""
        return not self.pending

    def without_others(self, error: Exception) -> Comparison:
        """This comparison, complete, with the kinds it lacks left out because of
        ``error`` (what the window shows when computing the pending kinds failed)."""
        return replace(
            self,
            pending=(),
            others_seeded=(),
            others_missing_reason=str(error)
            if isinstance(error, ValueError)  # a refusal in its own words
            else f"{type(error).__name__}: {error}",  # a bug: named
            others_missing_error=error,
        )

    @property
    def note(self) -> str | None:
        """In English: where the models come from when a weight file is loaded, else ``None``."""
        current = self.current.upper()
        if self.others_missing_reason is not None and self.missing_kinds:
            names = " and the ".join(k.upper() for k in self.missing_kinds)
            if self.from_file is None:
                return (
                    f"Only the {current} is shown: the {names} could not be computed "
                    f"({self.others_missing_reason})."
                )
            return (
                f"Only the {current} from {self.from_file} is shown: the {names} cannot be "
                f"built at its sizes ({self.others_missing_reason})."
            )
        if self.from_file is None:
            return None
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

    The same as ``compare_others(compare_current(settings))``.

    Raises what ``compute`` raises (``SettingsError``, ``SequenceError``,
    ``WeightsError``, all ``ValueError``) for the current model, and for the
    others.
    """
    return compare_others(compare_current(settings))


@dataclass(frozen=True)
class PreparedComparison:
    """The current model read and checked (:func:`~lstm_viz.state.results.prepare`), and
    what the comparison around it will hold: :func:`compare_prepared` runs it. Every
    refusal :func:`compare_current` can make has been made.

    Attributes
    ----------
    prepared
        The current model, not run yet.
    from_file, others_missing_reason, others_missing_error, pending
        As in :class:`Comparison`.
    """

    prepared: Prepared
    from_file: str | None
    others_missing_reason: str | None
    others_missing_error: Exception | None
    pending: tuple[str, ...]

    @property
    def settings(self) -> Settings:
        return self.prepared.settings

    @property
    def seconds(self) -> float:
        """About how long :func:`compare_prepared` takes on one core."""
        return self.prepared.seconds


def compare_current(settings: Settings) -> Comparison:
    """The current model alone, the other kinds :attr:`~Comparison.pending`.

    What a settings change must show at once; :func:`compare_others` adds the
    rest. With a weight file whose sizes the settings refuse for the seeded
    others, nothing is pending: the comparison is complete, the others missing
    with :attr:`~Comparison.others_missing_reason`, as :func:`compare` says.

    ``compare_prepared(prepare_current(settings))``: the window splits the two when
    the run is long, to check the settings at once and run them off its thread.

    Raises what ``compute`` raises for the current model, and the memory budget's
    ``SettingsError`` for an other kind that could not be run at these sizes.
    """
    return compare_prepared(prepare_current(settings))


def prepare_current(settings: Settings) -> PreparedComparison:
    """Everything :func:`compare_current` checks, running nothing; raises what it raises."""
    current = prepare(settings)
    kind = current.stack.kind
    others = tuple(k for k in MODEL_KINDS if k != kind)
    from_file = None if settings.weights is None else Path(settings.weights).name
    reason = error = None
    base = settings
    if settings.weights is not None:
        try:
            base = _others_base(settings, current.stack)
        except SettingsError as e:
            reason, error = str(e), e
    if reason is None:
        _check_others_fit(base, others, current.sequence)
    return PreparedComparison(
        prepared=current,
        from_file=from_file,
        others_missing_reason=reason,
        others_missing_error=error,
        pending=() if reason is not None else others,
    )


def compare_prepared(prepared: PreparedComparison) -> Comparison:
    """Run the current model of ``prepared``: what :func:`compare_current` returns.
    Pure: safe on a worker thread."""
    current = run(prepared.prepared)
    return Comparison(
        settings=prepared.settings,
        results=MappingProxyType({current.kind: current}),
        current=current.kind,
        from_file=prepared.from_file,
        others_missing_reason=prepared.others_missing_reason,
        pending=prepared.pending,
        others_missing_error=prepared.others_missing_error,
    )


def compare_others(comparison: Comparison) -> Comparison:
    """``comparison`` with its pending kinds computed: the complete comparison.

    Equal to ``compare(comparison.settings)`` in every number (the current
    model's results are ``comparison``'s own object). A complete comparison is
    returned as it is. Pure: safe to call on a worker thread.

    Raises what ``compute`` raises for an other kind (say, a run over the memory
    budget for the LSTM's four blocks while the RNN fits).
    """
    if comparison.is_complete:
        return comparison
    settings, current = comparison.settings, comparison.current_results
    base = settings if settings.weights is None else _others_base(settings, current.stack)
    computed = {current.kind: current}
    for k in comparison.pending:
        computed[k] = compute(base.replace(model=k))
    return replace(
        comparison,
        results=MappingProxyType({k: computed[k] for k in MODEL_KINDS if k in computed}),
        others_seeded=comparison.pending if settings.weights is not None else (),
        pending=(),
    )


def _check_others_fit(base: Settings, kinds: tuple[str, ...], sequence: Sequence) -> None:
    """Refuse now what ``compute`` would refuse for an other kind from its sizes alone
    (its memory budget: the LSTM's four blocks may not fit where the RNN does), so a
    change the whole comparison cannot make is refused at once, as :func:`compare`
    refuses it, not later on a worker thread."""
    steps, d = sequence.values.shape[0], sequence.values.shape[1]
    length_field = "sequence" if base.sequence in ("custom", "file", "text") else "length"
    for k in kinds:
        check_run(
            k, base.hidden_size, d, steps, length_field=length_field, hidden_field="hidden_size"
        )


def _others_base(settings: Settings, stack: RecurrentStack) -> Settings:
    """The settings the other kinds run with beside a weight file's model: initialised
    from the seed at the file's sizes. Raises ``SettingsError`` if the settings
    refuse those sizes."""
    h, d = stack.hidden_size, stack.input_size  # the file's first layer reads the sequence
    # Initialised from the seed, as the views label them: never a shipped trained twin.
    return settings.replace(
        weights=None,
        hidden_size=h,
        input_size=d,
        trained=False,
        layer=0,
        direction="forward",
    )
