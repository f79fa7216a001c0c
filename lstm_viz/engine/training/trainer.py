"""Training an RNN, LSTM or GRU with a linear read-out, in NumPy, one value-state at a time.

One iteration::

    x, y   = task batch (T, B, D)            from the training rng stream
    trace  = model.forward(x)
    L, dh  = loss of the read-out W h + b    (readout.py: last step, every step or targets)
    grads  = model.backward(trace, dh).params  ∪  {readout.weight, readout.bias}
    ‖g‖    = global 2-norm over all of them   (clip_grad_norm_(model.parameters()))
    g      ← g · min(1, clip / (‖g‖ + 1e-6))   if clipping is on
    θ, s   ← optimiser.step(θ, g, s)          (optim.py: SGD with momentum, Adam)

The :class:`Trainer` keeps its whole state — parameters, optimiser state, the
rng's state, the iteration and the history — in one frozen :class:`TrainState`
that :attr:`Trainer.state` returns and :meth:`Trainer.restore` takes back, so a
run that is paused (by simply no longer iterating :meth:`Trainer.run`) and
resumed gives bit-identical numbers to one run straight through.

Non-finite steps: when the loss or the gradient norm is inf/nan, or the update
would make a parameter non-finite, the update is *skipped* (the parameters and
optimiser state stay as they were), the step is recorded with ``finite=False``
and training goes on with the next batch. After ``max_nonfinite`` such steps in
a row the run stops with status ``"diverged"``. So an explosion with clipping
off shows as spikes in the gradient norm and the loss, never as a crash, and
the current model is always finite (and can always be saved).

Randomness: the recurrent weights come from the model's own ``seed`` (as
everywhere in the engine); the read-out, the training batches and the held-out
test set each have their own stream, ``np.random.default_rng([seed, k])`` for
k = 1, 2, 3, so evaluating never disturbs training and the test sequences are
never trained on.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..budget import MEMORY_BUDGET, estimate
from ..cells import MODELS
from ..cells._base import RecurrentModel
from ..gradients._threads import one_blas_thread
from ..gradients.diagnostics import CLIP_EPS, stable_norms
from .optim import OptimizerState, make_optimizer
from .readout import LOSSES, init_readout
from .tasks import TrainConfig, TrainTask

__all__ = [
    "STATUSES",
    "Evaluation",
    "Progress",
    "TrainConfig",
    "TrainState",
    "TrainTask",
    "Trainer",
]

STATUSES = ("running", "done", "diverged")
_READOUT_KEYS = ("readout.weight", "readout.bias")
_STREAM_READOUT, _STREAM_TRAIN, _STREAM_TEST = 1, 2, 3


@dataclass(frozen=True)
class TrainState:
    """A complete, immutable snapshot of a run: restore it and training continues exactly.

    Attributes
    ----------
    iteration
        Iterations done (including skipped non-finite ones).
    params
        Recurrent parameters (PyTorch names) plus ``readout.weight``/``readout.bias``;
        read-only arrays, never modified after creation.
    optimizer
        The optimiser's :class:`~lstm_viz.engine.training.optim.OptimizerState`.
    rng
        The training stream's bit-generator state.
    history
        Per iteration: ``loss``, ``grad_norm`` (before clipping), ``grad_norm_clipped``
        (after), ``clipped`` (bool) and ``finite`` (bool), as tuples.
    nonfinite_streak
        Non-finite steps in a row at the end of the history.
    status
        ``"running"``, ``"done"`` (all ``iters`` done) or ``"diverged"``.
    """

    iteration: int
    params: dict[str, np.ndarray]
    optimizer: OptimizerState
    rng: dict[str, Any]
    history: dict[str, tuple]
    nonfinite_streak: int = 0
    status: str = "running"


@dataclass(frozen=True)
class Progress:
    """What :meth:`Trainer.run` yields every ``every`` iterations (and at the end).

    ``loss``, ``grad_norm``, ``grad_norm_clipped``, ``clipped`` and ``finite`` are
    those of the last iteration; ``mean_loss`` averages the finite losses since the
    previous report. ``model`` is the current (immutable) model and ``readout``
    the read-out's ``(W, b)``, read-only arrays that no later step modifies.
    """

    iteration: int
    iters: int
    loss: float
    mean_loss: float
    grad_norm: float
    grad_norm_clipped: float
    clipped: bool
    finite: bool
    nonfinite_steps: int
    status: str
    model: RecurrentModel
    readout: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Evaluation:
    """The model's error on held-out sequences.

    ``loss`` is the task's training loss; ``mse`` the mean squared error (for the
    copy task: of the softmax probabilities against the one-hot targets on the
    target steps); ``accuracy`` the fraction of target steps whose most likely
    symbol is right (copy task only, else ``None``); ``trivial`` the loss of the
    best input-blind predictor, for comparison.
    """

    loss: float
    mse: float
    accuracy: float | None
    trivial: float
    sequences: int


class Trainer:
    """Trains one model on one task; every number reproducible from the config's seed."""

    def __init__(self, config: TrainConfig | None = None, state: TrainState | None = None):
        self.config = config = config or TrainConfig()
        self.task = config.train_task
        self._cls = MODELS[config.model]
        self._dtype = np.dtype(config.dtype)
        self._optimizer = make_optimizer(config.optimizer, config.lr, config.momentum)
        self._loss = LOSSES[self.task.loss]
        self.restore(state if state is not None else self._initial_state())

    # -- state ----------------------------------------------------------------

    def _initial_state(self) -> TrainState:
        c = self.config
        model = self._cls(
            self.task.input_size,
            c.hidden_size,
            seed=c.seed,
            dtype=self._dtype,
            recurrent_scale=c.recurrent_scale,
            forget_bias=c.forget_bias if self._cls.keep_gate is not None else None,
        )
        w, b = init_readout(
            np.random.default_rng([c.seed, _STREAM_READOUT]),
            c.hidden_size,
            self.task.output_size,
            self._dtype,
        )
        params = {**model.params, "readout.weight": w, "readout.bias": b}
        for a in params.values():
            a.flags.writeable = False
        rng = np.random.default_rng([c.seed, _STREAM_TRAIN])
        return TrainState(
            iteration=0,
            params=params,
            optimizer=self._optimizer.init(params),
            rng=rng.bit_generator.state,
            history={k: () for k in _HISTORY_KEYS},
        )

    @property
    def state(self) -> TrainState:
        """The full state now, as a value (arrays are shared, never modified; the history
        is copied, so snapshot on pause or save, not on every report)."""
        return TrainState(
            iteration=self._iteration,
            params=dict(self._params),
            optimizer=self._opt_state,
            rng=self._rng.bit_generator.state,
            history={k: tuple(v) for k, v in self._history.items()},
            nonfinite_streak=self._streak,
            status=self._status,
        )

    def restore(self, state: TrainState) -> None:
        """Continue from ``state`` (from :attr:`state` of a trainer with the same config)."""
        if set(state.params) != set(self._keys()):
            raise ValueError("the state's parameters do not belong to this configuration")
        self._iteration = state.iteration
        self._params = dict(state.params)
        self._opt_state = state.optimizer
        self._rng = np.random.default_rng()
        self._rng.bit_generator.state = state.rng
        self._history = {k: list(state.history[k]) for k in _HISTORY_KEYS}
        self._streak = state.nonfinite_streak
        self._status = state.status
        self._model_cache: RecurrentModel | None = None

    def _keys(self) -> tuple[str, ...]:
        return ("weight_ih", "weight_hh", "bias_ih", "bias_hh", *_READOUT_KEYS)

    # -- facts ----------------------------------------------------------------

    @property
    def iteration(self) -> int:
        return self._iteration

    @property
    def status(self) -> str:
        return self._status

    @property
    def done(self) -> bool:
        return self._status != "running"

    @property
    def model(self) -> RecurrentModel:
        """The recurrent model with the current parameters (immutable)."""
        if self._model_cache is None:
            rec = {k: v for k, v in self._params.items() if not k.startswith("readout.")}
            self._model_cache = self._cls.from_params(rec, self._dtype)
        return self._model_cache

    @property
    def readout(self) -> tuple[np.ndarray, np.ndarray]:
        """The read-out's ``(W (O, H), b (O,))``, read-only."""
        return self._params["readout.weight"], self._params["readout.bias"]

    @property
    def history(self) -> dict[str, np.ndarray]:
        """Per-iteration ``loss``, ``grad_norm``, ``grad_norm_clipped``, ``clipped``, ``finite``."""
        return {k: np.array(v) for k, v in self._history.items()}

    def history_since(self, start: int) -> dict[str, np.ndarray]:
        """The history of iterations ``start + 1 …`` now: what a live plot appends per report."""
        return {k: np.array(v[start:]) for k, v in self._history.items()}

    # -- training -------------------------------------------------------------

    def step(self) -> None:
        """One iteration (does nothing once the run is done or diverged)."""
        if self.done:
            return
        with _one_blas_thread():
            self._step()

    def _step(self) -> None:
        c = self.config
        x, y = self.task.batch(self._rng, c.batch, c.length)
        model = self.model
        w, b = self.readout
        trace = model.forward(x)
        out = self._loss(trace.h, w, b, y.astype(self._dtype, copy=False))
        grads = dict(model.backward(trace, out.dh).params)
        grads["readout.weight"], grads["readout.bias"] = out.weight, out.bias
        norm = _global_norm(grads)
        finite = math.isfinite(out.loss) and math.isfinite(norm)
        coef = 1.0
        if finite and c.clip > 0:
            coef = min(1.0, c.clip / (norm + CLIP_EPS))
            if coef < 1.0:
                grads = {k: g * g.dtype.type(coef) for k, g in grads.items()}
        if finite:
            params, opt_state = self._optimizer.step(self._params, grads, self._opt_state)
            finite = all(bool(np.isfinite(p).all()) for p in params.values())
            if finite:
                self._params, self._opt_state, self._model_cache = params, opt_state, None
        self._streak = 0 if finite else self._streak + 1
        self._record(out.loss, norm, norm * coef if finite else math.nan, coef < 1.0, finite)
        self._iteration += 1
        if self._streak >= c.max_nonfinite:
            self._status = "diverged"
        elif self._iteration >= c.iters:
            self._status = "done"

    def _record(self, loss: float, norm: float, after: float, clipped: bool, finite: bool):
        h = self._history
        h["loss"].append(loss)
        h["grad_norm"].append(norm)
        h["grad_norm_clipped"].append(after)
        h["clipped"].append(clipped)
        h["finite"].append(finite)

    def run(self, iters: int | None = None, every: int | None = None) -> Iterator[Progress]:
        """Train, yielding a :class:`Progress` every ``every`` iterations and at the end.

        Runs until ``config.iters`` (or ``iters`` more iterations, if given) or
        divergence. Stopping the iteration early is pausing: the trainer's
        state is always that of a whole number of steps, and calling :meth:`run`
        again resumes exactly where it stopped.
        """
        every = every or self.config.every
        stop = (
            self.config.iters if iters is None else min(self.config.iters, self._iteration + iters)
        )
        since = self._iteration
        while not self.done and self._iteration < stop:
            self.step()
            if self._iteration % every == 0 or self.done or self._iteration >= stop:
                yield self.progress(since)
                since = self._iteration

    def progress(self, since: int | None = None) -> Progress:
        """The :class:`Progress` now; ``mean_loss`` over iterations ``since`` … now."""
        h = self._history
        i = self._iteration
        window = np.array(h["loss"][since if since is not None and since < i else max(0, i - 1) :])
        ok = window[np.isfinite(window)]
        last = lambda k, d: h[k][-1] if i else d  # noqa: E731
        return Progress(
            iteration=i,
            iters=self.config.iters,
            loss=last("loss", math.nan),
            mean_loss=float(ok.mean()) if ok.size else math.nan,
            grad_norm=last("grad_norm", math.nan),
            grad_norm_clipped=last("grad_norm_clipped", math.nan),
            clipped=last("clipped", False),
            finite=last("finite", True),
            nonfinite_steps=len(h["finite"]) - sum(h["finite"]),
            status=self._status,
            model=self.model,
            readout=self.readout,
        )

    # -- evaluation -----------------------------------------------------------

    def evaluate(self, sequences: int = 1000) -> Evaluation:
        """Error on ``sequences`` held-out sequences (the test stream; the same every call).

        Fewer when that many would not fit in the memory budget (long sequences, many
        units): as many as fit, and :attr:`Evaluation.sequences` says how many.
        """
        sequences = min(sequences, self.affordable_sequences(sequences))
        rng = np.random.default_rng([self.config.seed, _STREAM_TEST])
        x, y = self.task.batch(rng, sequences, self.config.length)
        y = y.astype(self._dtype, copy=False)
        w, b = self.readout
        with _one_blas_thread():
            h = self.model.forward(x).h
            out = self._loss(h, w, b, y)
        with np.errstate(all="ignore"):
            if self.task.loss == "cross_entropy":
                target = y[y.any(axis=-1)]
                logits = out.outputs
                p = np.exp(logits - logits.max(axis=-1, keepdims=True))
                p /= p.sum(axis=-1, keepdims=True)
                mse = float(np.mean((p - target) ** 2))
                acc = float(np.mean(logits.argmax(-1) == target.argmax(-1)))
            else:
                mse, acc = out.loss, None
        return Evaluation(out.loss, mse, acc, self.task.trivial, sequences)

    def affordable_sequences(self, wanted: int) -> int:
        """How many of ``wanted`` held-out sequences one forward pass can hold (≥ 1)."""
        c = self.config
        per_sequence = estimate(c.model, c.hidden_size, self.task.input_size, c.length).trace
        return max(1, min(wanted, MEMORY_BUDGET // max(1, 2 * per_sequence)))


_HISTORY_KEYS = ("loss", "grad_norm", "grad_norm_clipped", "clipped", "finite")


def _global_norm(grads: dict[str, np.ndarray]) -> float:
    """The 2-norm of all gradients together, computed as :func:`clip_grad_norm` does."""
    with np.errstate(all="ignore"):
        norms = np.array([stable_norms(g.ravel(), axis=0) for g in grads.values()])
        return float(stable_norms(norms, axis=0))


def _one_blas_thread() -> contextlib.AbstractContextManager[None]:
    """Run BLAS on one thread during a training step.

    The products of a training step are small (H ≈ 32, B ≈ 32): one thread is as
    fast as two on an idle machine, while a multi-threaded OpenBLAS whose second
    core is busy (the GUI thread, another process) spins and waits — measured
    ×4–5 slower per iteration. The limit is the counted one the gradient jobs use,
    so a training step never restores two threads under a job still running.
    """
    return one_blas_thread()
