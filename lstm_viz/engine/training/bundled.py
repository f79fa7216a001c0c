"""The small models this project's own trainer trained, shipped in ``resources/models``.

Each model is a ``.npz`` (PyTorch's keys ``weight_ih_l0`` …, plus the read-out's
``readout.weight`` and ``readout.bias``) with a JSON sidecar of the same stem that
records the :class:`~lstm_viz.engine.training.tasks.TrainConfig` it was trained
with, the command that made it (``scripts/make_trained_models.py``), the SHA-256
of every array, and what training reached (held-out loss, the trivial loss and
the first iteration whose loss fell below it).

A bundled model is the *trained twin* of the model the settings build from the
same seed: training started from exactly the weights that
``MODELS[kind](D, H, seed=…, forget_bias=…)`` draws (the trainer's own
initialisation), so "before training" and "after training" differ only by the
training run. :func:`find_trained` finds the twin of an initialisation, if one
was shipped.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np

from ..cells import MODELS
from ..cells._base import RecurrentModel
from ..io.weights import WeightFile, load_weights
from .milestones import FRACTION
from .tasks import TrainConfig

__all__ = [
    "BundledModel",
    "bundled_models",
    "find_trained",
    "models_folder",
    "params_digest",
]


def models_folder() -> Path:
    """``resources/models``: where the bundled models and their sidecars live."""
    return Path(str(files("lstm_viz.resources") / "models"))


def params_digest(array: np.ndarray) -> str:
    """The SHA-256 of an array's dtype, shape and bytes (what "bit for bit" compares)."""
    a = np.ascontiguousarray(array)
    h = hashlib.sha256(f"{a.dtype.str}{a.shape}".encode())
    h.update(a.tobytes())
    return h.hexdigest()


@dataclass(frozen=True)
class BundledModel:
    """One shipped model and how it was made.

    Attributes
    ----------
    name
        The file stem, e.g. ``"adding-lstm-H8-T50-seed0"``.
    config
        The training run's configuration (its task, sizes, seed and optimiser).
    iterations
        Iterations trained.
    test_loss, trivial
        The held-out loss reached, and the loss of the best input-blind predictor.
    first_below_trivial
        The first iteration at which training beat the trivial loss
        (:func:`~.milestones.first_beats_trivial`), or ``None`` when it never did.
    command
        The command line that regenerates it.
    path
        The ``.npz`` file.
    digests
        File key → :func:`params_digest` of the array stored under it.
    """

    name: str
    config: TrainConfig
    iterations: int
    test_loss: float
    trivial: float
    first_below_trivial: int | None
    command: str
    path: Path
    digests: dict[str, str]

    @property
    def kind(self) -> str:
        return self.config.model

    @property
    def input_size(self) -> int:
        return self.config.train_task.input_size

    @property
    def learned(self) -> bool:
        """Whether the held-out loss is below :data:`~.milestones.FRACTION` of the trivial loss."""
        return self.test_loss < FRACTION * self.trivial

    def weights(self) -> WeightFile:
        """The file as :func:`~lstm_viz.engine.io.weights.load_weights` reads it."""
        return _load(str(self.path))

    def model(self) -> RecurrentModel:
        """The trained recurrent layer."""
        return MODELS[self.kind].from_params(self.weights().params)

    def untrained(self) -> RecurrentModel:
        """The same model before training: the trainer's initialisation from the seed."""
        c = self.config
        cls = MODELS[c.model]
        return cls(
            self.input_size,
            c.hidden_size,
            seed=c.seed,
            recurrent_scale=c.recurrent_scale,
            forget_bias=c.forget_bias if cls.keep_gate is not None else None,
        )


@functools.lru_cache(maxsize=32)
def _load(path: str) -> WeightFile:
    return load_weights(path)


def _read_sidecar(path: Path) -> BundledModel:
    meta = json.loads(path.read_text(encoding="utf-8"))
    return BundledModel(
        name=path.stem,
        config=TrainConfig(**meta["config"]),
        iterations=int(meta["iterations"]),
        test_loss=float(meta["test_loss"]),
        trivial=float(meta["trivial"]),
        first_below_trivial=meta["first_below_trivial"],
        command=str(meta["command"]),
        path=path.with_suffix(".npz"),
        digests=dict(meta["sha256"]),
    )


@functools.cache
def bundled_models() -> tuple[BundledModel, ...]:
    """Every shipped model, in file-name order."""
    folder = models_folder()
    if not folder.is_dir():
        return ()
    return tuple(
        _read_sidecar(p) for p in sorted(folder.glob("*.json")) if p.with_suffix(".npz").is_file()
    )


def find_trained(
    kind: str,
    input_size: int,
    hidden_size: int,
    seed: int,
    *,
    init: str = "uniform",
    recurrent_scale: float | None = None,
    forget_bias: float | None = None,
) -> BundledModel | None:
    """The shipped trained twin of this initialisation, or ``None`` if none was shipped.

    A model matches when training started from exactly the weights these arguments
    draw: same kind, D, H, seed, PyTorch's uniform init, recurrent scale and (for the
    kinds with a keep gate) forget bias.
    """
    if init != "uniform":
        return None
    keeps = MODELS[kind].keep_gate is not None if kind in MODELS else False
    for m in bundled_models():
        c = m.config
        if (
            c.model == kind
            and m.input_size == input_size
            and c.hidden_size == hidden_size
            and c.seed == seed
            and c.recurrent_scale == recurrent_scale
            and (not keeps or c.forget_bias == forget_bias)
        ):
            return m
    return None
