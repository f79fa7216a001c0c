"""Settings → engine numbers, computed once and shared by every view.

Playback never recomputes: it moves a cursor over a :class:`Results`. Every model
runs as a :class:`~lstm_viz.engine.cells.stack.RecurrentStack` (a plain cell is a
stack of one); ``model`` and ``trace`` are the cell the settings' ``layer`` and
``direction`` choose, and :meth:`Results.select` picks another without
recomputing anything.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from ..engine import MODELS
from ..engine.budget import MEMORY_BUDGET, format_bytes, run_seconds
from ..engine.cells._base import RecurrentModel
from ..engine.cells.rnn import rnn_class
from ..engine.cells.stack import DIRECTIONS, RecurrentStack, StackTrace
from ..engine.cells.trace import Trace
from ..engine.data.sequences import Sequence
from ..engine.data.tokens import TextInput
from ..engine.gradients._threads import one_blas_thread
from ..engine.gradients.diagnostics import Diagnostics, diagnose
from ..engine.io.weights import WeightFile, WeightsError, load_weights, unsupported_reason
from ..engine.stack import StackDiagnostics
from ..engine.training.bundled import BundledModel, find_trained
from ..i18n_marks import tr_noop
from .budget import check_run, run_bytes
from .prediction import Predictions, predict, text_input
from .settings import Settings, SettingsError, build_sequence


@dataclass(frozen=True)
class Results:
    """One model run on one sequence: the trace, and (on first use) its gradient diagnostics.

    The diagnostics need full Jacobians, which the cell diagram never shows, so
    they are computed the first time something asks for them, then kept.

    Attributes
    ----------
    model, trace
        The chosen cell (``layer``, ``direction``) and its trace, in the order that
        cell read the input (the reverse direction's step 1 is x_T).
    stack_run
        The whole stack, its forward pass and its per-layer diagnostics, shared by
        every selection (``None`` only for results built by hand around one cell).
    layer, direction
        Which cell ``model`` is: layer 0 reads the input; direction 0 is forward.
    """

    settings: Settings
    model: RecurrentModel
    sequence: Sequence
    trace: Trace
    weights: WeightFile | None = None
    trained: BundledModel | None = None
    """The shipped training run the model comes from (``settings.trained`` and a
    trained twin exists), else ``None``: the model is as initialised."""
    stack_run: StackDiagnostics | None = None
    layer: int = 0
    direction: int = 0
    text: TextInput | None = None

    @cached_property
    def predictions(self) -> Predictions | None:
        """The weight file's read-out head at every step; ``None`` without one."""
        if self.weights is None:
            return None
        return predict(self.output, self.weights, self.text, self.settings.labels_file)

    @property
    def output(self) -> np.ndarray:
        """What the recurrent module returns at each step, in written order: the top
        layer's h_t with both directions side by side (a single cell: its h_t)."""
        stack_trace = self.stack_trace
        return self.trace.h if stack_trace is None else stack_trace.output

    @cached_property
    def diagnostics(self) -> Diagnostics:
        with one_blas_thread():  # the window's own work: see compute()
            if self.stack_run is not None:
                return self.stack_run.cell(self.layer, self.direction)
            return diagnose(self.model, self.trace)

    @property
    def stack(self) -> RecurrentStack | None:
        return None if self.stack_run is None else self.stack_run.stack

    @property
    def stack_trace(self) -> StackTrace | None:
        return None if self.stack_run is None else self.stack_run.trace

    def select(self, layer: int, direction: int | str = 0) -> Results:
        """The same run showing another layer and direction (nothing is recomputed).

        Raises ``SettingsError`` naming ``layer`` or ``direction`` when the stack has
        no such cell.
        """
        if self.stack_run is None:
            raise SettingsError("layer", tr_noop("these results hold one cell only"))
        d = DIRECTIONS.index(direction) if isinstance(direction, str) else int(direction)
        _check_choice(self.stack_run.stack, layer, d)
        return replace(
            self,
            settings=replace(self.settings, layer=layer, direction=DIRECTIONS[d]),
            model=self.stack_run.stack.cell(layer, d),
            trace=self.stack_run.trace.layers[layer][d],
            layer=layer,
            direction=d,
        )

    @property
    def kind(self) -> str:
        return self.model.kind

    @property
    def steps(self) -> int:
        return self.trace.steps

    @property
    def finite(self) -> bool:
        with one_blas_thread():  # the first call computes the loss gradients
            return self.trace.finite and self.diagnostics.finite


def build_model(settings: Settings, input_size: int, weights: WeightFile | None) -> RecurrentModel:
    """The (first) cell the settings describe; a weight file fixes kind and sizes."""
    if weights is not None:
        return build_stack(settings, input_size, weights).cell(0)
    make = rnn_class(settings.nonlinearity) if settings.model == "rnn" else MODELS[settings.model]
    return make(
        input_size,
        settings.hidden_size,
        seed=settings.seed,
        init=settings.init,
        recurrent_scale=settings.recurrent_scale,
        forget_bias=settings.forget_bias,
    )


def build_stack(settings: Settings, input_size: int, weights: WeightFile | None) -> RecurrentStack:
    """The whole stack: every layer and direction of a weight file, or the settings' cell."""
    if weights is None:
        return RecurrentStack.from_cells([[build_model(settings, input_size, None)]])
    if (reason := unsupported_reason(weights)) is not None:
        raise WeightsError(reason.template, source=weights.source.name, **reason.slots)
    # A loader that knows stacks fills ``stack`` with every tensor; one that does not
    # gives layer 0's ``params`` alone.
    tensors = getattr(weights, "stack", None) or {
        f"{key}_l0": value for key, value in weights.params.items()
    }
    try:
        return RecurrentStack.from_state_dict(
            weights.kind, tensors, nonlinearity=nonlinearity_of(settings, weights)
        )
    except ValueError as err:
        raise WeightsError(f"{weights.source.name}: {err}") from None


def nonlinearity_of(settings: Settings, weights: WeightFile | None) -> str:
    """The RNN's nonlinearity: the file's when it records one, else the settings'."""
    kind = weights.kind if weights is not None else settings.model
    if kind != "rnn":
        return "tanh"
    if weights is not None and not getattr(weights, "nonlinearity_assumed", True):
        return str(getattr(weights, "nonlinearity", "tanh"))
    return settings.nonlinearity


def _check_choice(stack: RecurrentStack, layer: int, direction: int) -> None:
    if not 0 <= layer < stack.num_layers:
        raise SettingsError(
            "layer",
            tr_noop("the model has {layers} layer(s), numbered 0 to {last}; got {value!r}"),
            layers=stack.num_layers,
            last=stack.num_layers - 1,
            value=layer,
        )
    if direction >= stack.directions:
        raise SettingsError(
            "direction", tr_noop("the model is not bidirectional: it has no reverse direction")
        )


def _check_stack_budget(stack: RecurrentStack, steps: int, length_field: str) -> None:
    """The whole stack's traces and diagnostics must fit, not only its first cell's."""
    cells = [c for row in stack.cells for c in row]
    if len(cells) == 1:
        return
    need = sum(run_bytes(c.kind, c.hidden_size, c.input_size, steps) for c in cells)
    if need > MEMORY_BUDGET:
        raise SettingsError(
            length_field,
            tr_noop(
                "{steps} steps of the {layers}-layer {model} ({cells} cells) need about "
                "{need} of memory, more than the budget of {budget}; use a shorter sequence"
            ),
            steps=steps,
            layers=stack.num_layers,
            model=stack.kind.upper(),
            cells=len(cells),
            need=format_bytes(need),
            budget=format_bytes(MEMORY_BUDGET),
        )


@dataclass(frozen=True)
class Prepared:
    """Everything :func:`compute` reads and checks for ``settings`` before the engine
    runs: the weight file, the sequence, the stack, and every refusal already raised.

    :func:`run` finishes it. The window reads a long run's :attr:`seconds` to run it
    off the GUI thread (nothing of it can be refused any more).
    """

    settings: Settings
    weights: WeightFile | None
    sequence: Sequence
    stack: RecurrentStack
    trained: BundledModel | None
    direction: int
    text: TextInput | None

    # What runs, named as Results names it: the settings form shows a change still
    # running (its model, sizes and steps) before there are results to read them from.
    @property
    def model(self) -> RecurrentModel:
        return self.stack.cell(self.settings.layer, self.direction)

    @property
    def kind(self) -> str:
        return self.model.kind

    @property
    def layer(self) -> int:
        return self.settings.layer

    @property
    def steps(self) -> int:
        return self.sequence.length

    @property
    def seconds(self) -> float:
        """About how long :func:`run` takes on one core: every cell's run on the
        sequence and the loss gradients the plots draw first."""
        steps = self.sequence.length
        return sum(
            run_seconds(c.kind, c.hidden_size, c.input_size, steps)
            for row in self.stack.cells
            for c in row
        )


def compute(settings: Settings) -> Results:
    """Run the engine for ``settings``: ``run(prepare(settings))``.

    Raises ``SettingsError``, ``SequenceError`` or ``WeightsError`` (all
    ``ValueError``) with a message that names what is wrong — also when the run
    would not fit in the memory budget (:func:`~lstm_viz.state.budget.check_run`).
    """
    return run(prepare(settings))


def prepare(settings: Settings) -> Prepared:
    """Read and check what ``settings`` describe, running nothing; raises what
    :func:`compute` raises."""
    settings.validate()
    weights = None
    if settings.weights:
        weights = _HELD.get(settings.weights) or _load_weights_cached(
            settings.weights, settings.weights_module
        )
    text = text_input(settings, weights) if settings.sequence == "text" else None
    sequence = text.sequence if text else build_sequence(settings, weights and weights.input_size)
    d = sequence.values.shape[1]
    if weights is not None and weights.input_size != d:
        raise SettingsError(
            "sequence",
            tr_noop(
                "the weights expect {want} input feature(s) per step but the sequence "
                "{name!r} has {d}"
            ),
            want=weights.input_size,
            name=sequence.name,
            d=d,
        )
    # Refused from the sizes alone, before anything is computed.
    check_run(
        weights.kind if weights else settings.model,
        weights.hidden_size if weights else settings.hidden_size,
        d,
        sequence.length,
        length_field="sequence" if settings.sequence in ("custom", "file", "text") else "length",
        hidden_field="weights" if weights else "hidden_size",
    )
    trained = trained_twin(settings, d) if weights is None else None
    if trained is not None:
        stack = RecurrentStack.from_cells([[trained.model()]])
    else:
        stack = build_stack(settings, d, weights)
    length_field = "sequence" if settings.sequence in ("custom", "file", "text") else "length"
    _check_stack_budget(stack, sequence.length, length_field)
    direction = DIRECTIONS.index(settings.direction)
    _check_choice(stack, settings.layer, direction)
    return Prepared(settings, weights, sequence, stack, trained, direction, text)


def run(prepared: Prepared) -> Results:
    """Run the engine on what :func:`prepare` checked. Pure: safe on a worker thread."""
    settings = prepared.settings
    stack_run = _reuse_or_run(settings, prepared.weights, prepared.sequence, prepared.stack)
    return Results(
        settings=settings,
        model=stack_run.stack.cell(settings.layer, prepared.direction),
        sequence=prepared.sequence,
        trace=stack_run.trace.layers[settings.layer][prepared.direction],
        weights=prepared.weights,
        trained=prepared.trained,
        stack_run=stack_run,
        layer=settings.layer,
        direction=prepared.direction,
        text=prepared.text,
    )


def trained_twin(settings: Settings, input_size: int) -> BundledModel | None:
    """The shipped trained model the settings ask for (``trained``), if there is one."""
    # The shipped RNN was trained as tanh; a relu RNN has no trained twin.
    if not settings.trained or (settings.model == "rnn" and settings.nonlinearity != "tanh"):
        return None
    return find_trained(
        settings.model,
        input_size,
        settings.hidden_size,
        settings.seed,
        init=settings.init,
        recurrent_scale=settings.recurrent_scale,
        forget_bias=settings.forget_bias,
    )


#: The last few stacks run, keyed on everything but the cell the views show: choosing
#: another layer or direction (a new Settings) then finds its run here. Three, one per
#: model kind, because a comparison computes every kind after the current one.
_RUNS: OrderedDict[Settings, tuple[WeightFile | None, Sequence, StackDiagnostics]] = OrderedDict()
_RUNS_KEPT = 3
_RUNS_LOCK = threading.Lock()


def _reuse_or_run(
    settings: Settings, weights: WeightFile | None, sequence: Sequence, stack: RecurrentStack
) -> StackDiagnostics:
    """The stack's run on ``sequence``: the one kept for the same model, weight file
    (the same object: a changed file is read again) and values, or a new one."""
    key = replace(settings, layer=0, direction="forward")
    with _RUNS_LOCK:
        kept = _RUNS.get(key)
    if kept is not None:
        kept_weights, kept_sequence, run = kept
        same_values = kept_sequence.values.shape == sequence.values.shape and bool(
            np.array_equal(kept_sequence.values, sequence.values)
        )
        if kept_weights is weights and same_values:
            with _RUNS_LOCK:
                _RUNS.move_to_end(key)
            return run
    # Matrix–vector products at batch 1: a second BLAS thread never helps them and,
    # with a core busy, slows them ×1.7 (engine/gradients/_threads.py); holding the
    # counted limit also keeps a background job from taking two threads meanwhile.
    with one_blas_thread():
        run = StackDiagnostics(stack, stack.forward(sequence.values))
    with _RUNS_LOCK:
        _RUNS[key] = (weights, sequence, run)
        _RUNS.move_to_end(key)
        while len(_RUNS) > _RUNS_KEPT:
            _RUNS.popitem(last=False)
    return run


#: Weight files kept in memory under the name ``settings.weights`` gives them: a live
#: module's weights (:mod:`lstm_viz.api`), which are never written to disk.
_HELD: dict[str, WeightFile] = {}


def hold_weights(name: str, weights: WeightFile) -> None:
    """Make ``settings.weights == name`` mean ``weights``, without any file."""
    _HELD[name] = weights


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
