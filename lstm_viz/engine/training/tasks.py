"""What a training run is: the tasks (batches, loss, chance level) and :class:`TrainConfig`.

adding
    Hochreiter & Schmidhuber (1997): numbers in channel 0, two of them marked in
    channel 1; regress their sum on the last step (MSE). Predicting the mean
    (1.0) whatever the input gives MSE = Var(u₁ + u₂) = 2/12 ≈ 0.167.
copy
    Remember S = 3 symbols (of A = 4) shown at the start and reproduce them after
    the delimiter. The loss is the cross-entropy on the S target steps only —
    the blanks elsewhere are free, so the loss measures exactly the memory part
    and does not drown in easy "output nothing" steps. Guessing gives ln 4 ≈ 1.386.
sine
    Next-value prediction on sines of random period and phase, MSE on every step.
    Predicting 0 gives E[sin²] = 0.5.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from ..budget import MEMORY_BUDGET, estimate, format_bytes
from ..cells import MODELS
from ..data.tasks import (
    COPY_ALPHABET,
    COPY_SYMBOLS,
    adding_batch,
    copy_batch,
    sine_prediction_batch,
)
from ..data.value import MAX_STEPS
from .errors import TrainConfigError
from .optim import make_optimizer

__all__ = ["TRAIN_LIMITS", "TRAIN_TASKS", "TrainConfig", "TrainConfigError", "TrainTask"]

Batch = Callable[[np.random.Generator, int, int], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class TrainTask:
    """A task as the trainer needs it.

    Attributes
    ----------
    name
        ``"adding"``, ``"copy"`` or ``"sine"``.
    input_size, output_size
        D of the input and O of the read-out.
    loss
        A key of :data:`lstm_viz.engine.training.readout.LOSSES`.
    min_length
        The shortest sequence the task allows.
    trivial
        The loss of the best predictor that ignores the input.
    batch
        ``batch(rng, B, T) -> (x (T, B, D), y)``.
    """

    name: str
    input_size: int
    output_size: int
    loss: str
    min_length: int
    trivial: float
    batch: Batch

    def check_length(self, length: int) -> int:
        if isinstance(length, bool) or not isinstance(length, int | np.integer):
            raise TrainConfigError(
                tr_noop("length must be a whole number of steps, got {value!r}"), value=length
            )
        if not self.min_length <= length <= MAX_STEPS:
            raise TrainConfigError(
                tr_noop("the {task} task needs a length from {low} to {high}, got {value}"),
                task=self.name,
                low=self.min_length,
                high=MAX_STEPS,
                value=length,
            )
        return int(length)


TRAIN_TASKS: dict[str, TrainTask] = {
    "adding": TrainTask("adding", 2, 1, "mse_last", 2, 1.0 / 6.0, adding_batch),
    "copy": TrainTask(
        "copy",
        COPY_ALPHABET + 1,
        COPY_ALPHABET,
        "cross_entropy",
        2 * COPY_SYMBOLS + 1,
        math.log(COPY_ALPHABET),
        copy_batch,
    ),
    "sine": TrainTask("sine", 1, 1, "mse_all", 1, 0.5, sine_prediction_batch),
}


#: The closed range ``(low, high)`` of each number :class:`TrainConfig` checks — the
#: train lab's boxes read theirs from here. ``length`` is the widest any task allows
#: (each task also has its own ``min_length``); ``lr`` must moreover be above 0.
TRAIN_LIMITS: dict[str, tuple[int, int] | tuple[float, float]] = {
    "length": (min(task.min_length for task in TRAIN_TASKS.values()), MAX_STEPS),
    "hidden_size": (1, 2048),
    "batch": (1, 100_000),
    "iters": (1, 10_000_000),
    "seed": (0, 2**63 - 1),
    "every": (1, 10_000_000),
    "max_nonfinite": (1, 10**9),
    "lr": (0.0, 10.0),
    "clip": (0.0, 1e6),
}
_WHOLE = ("hidden_size", "batch", "iters", "seed", "every", "max_nonfinite")


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run. Defaults: the adding problem, T = 50.

    ``clip = 0`` turns clipping off. ``forget_bias`` sets the LSTM's forget-gate
    (GRU: update-gate) effective bias and is ignored by the RNN. ``every`` is how
    often :meth:`Trainer.run` reports.
    """

    task: str = "adding"
    length: int = 50
    model: str = "lstm"
    hidden_size: int = 32
    batch: int = 32
    iters: int = 2000
    lr: float = 0.01
    optimizer: str = "adam"
    momentum: float = 0.0
    clip: float = 1.0
    seed: int = 0
    forget_bias: float = 1.0
    recurrent_scale: float | None = None
    every: int = 100
    max_nonfinite: int = 50
    dtype: str = "float64"

    def __post_init__(self) -> None:
        if self.task not in TRAIN_TASKS:
            raise TrainConfigError(
                tr_noop("unknown task {value!r}; use one of {allowed}"),
                value=self.task,
                allowed=", ".join(TRAIN_TASKS),
            )
        if self.model not in MODELS:
            raise TrainConfigError(
                tr_noop("unknown model {value!r}; use one of {allowed}"),
                value=self.model,
                allowed=", ".join(MODELS),
            )
        TRAIN_TASKS[self.task].check_length(self.length)
        for name in _WHOLE:
            v, (low, high) = getattr(self, name), TRAIN_LIMITS[name]
            if isinstance(v, bool) or not isinstance(v, int | np.integer) or not low <= v <= high:
                raise TrainConfigError(
                    tr_noop("{name} must be an integer from {low} to {high}, got {value!r}"),
                    name=name,
                    low=low,
                    high=high,
                    value=v,
                )
        for name in ("lr", "clip"):
            v, (low, high) = getattr(self, name), TRAIN_LIMITS[name]
            if not (math.isfinite(v) and low <= v <= high):
                raise TrainConfigError(
                    tr_noop("{name} must be a number from {low:g} to {high:g}, got {value!r}"),
                    name=name,
                    low=low,
                    high=high,
                    value=v,
                )
        if not math.isfinite(self.forget_bias):
            raise TrainConfigError(
                tr_noop("forget_bias must be a finite number, got {value!r}"),
                value=self.forget_bias,
            )
        if self.dtype not in ("float64", "float32"):
            raise TrainConfigError(
                tr_noop("dtype must be 'float64' or 'float32', got {value!r}"), value=self.dtype
            )
        make_optimizer(self.optimizer, self.lr, self.momentum)  # validates lr and momentum
        _check_memory(self)

    def replace(self, **changes: Any) -> TrainConfig:
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def train_task(self) -> TrainTask:
        return TRAIN_TASKS[self.task]


def step_bytes(model: str, hidden: int, input_size: int, length: int, batch: int) -> int:
    """Peak bytes of one training step: a batch's forward trace and its backward pass."""
    e = estimate(model, hidden, input_size, length, batch)
    return e.trace + e.backward


def _check_memory(config: TrainConfig) -> None:
    """Refuse sizes whose training step would not fit in the memory budget."""
    d = config.train_task.input_size
    need = step_bytes(config.model, config.hidden_size, d, config.length, config.batch)
    if need <= MEMORY_BUDGET:
        return

    def largest(name: str, high: int) -> int:
        low = 0  # the largest value of ``name`` that fits, by bisection (0: none)
        while low < high:
            mid = (low + high + 1) // 2
            sizes = {"hidden": config.hidden_size, "length": config.length, "batch": config.batch}
            sizes[name] = mid
            fits = step_bytes(config.model, sizes["hidden"], d, sizes["length"], sizes["batch"])
            low, high = (mid, high) if fits <= MEMORY_BUDGET else (low, mid - 1)
        return low

    hints = [
        Sentence(tr_noop("{option} to at most {value}"), option=option, value=value)
        for option, value in (
            ("batch", largest("batch", config.batch)),
            ("length", largest("length", config.length)),
            ("hidden_size", largest("hidden", config.hidden_size)),
        )
        if value >= 1
    ]
    lower: str = tr_noop("all three together")
    for k, hint in enumerate(hints):
        lower = hint if k == 0 else Sentence(tr_noop("{a} or {b}"), a=lower, b=hint)
    raise TrainConfigError(
        tr_noop(
            "batch {batch} × length {length} × hidden_size {hidden} needs about {need} of "
            "memory per training step, more than the budget of {budget}; lower {lower}"
        ),
        batch=config.batch,
        length=config.length,
        hidden=config.hidden_size,
        need=format_bytes(need),
        budget=format_bytes(MEMORY_BUDGET),
        lower=lower,
    )
