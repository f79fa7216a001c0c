"""Saving a trained model: the recurrent layer under PyTorch's keys plus the read-out.

One helper for ``lstm-viz train --out`` and the window's Train dock, so both
write the same file: ``weight_ih_l0`` … (``load_weights`` and PyTorch read them)
and ``readout.weight``/``readout.bias`` as extra keys.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..io.weights import save_weights
from .trainer import TrainConfig, Trainer

__all__ = ["save_trained", "trained_file_name"]


def save_trained(path: str | os.PathLike[str], trainer: Trainer) -> Path:
    """Write ``trainer``'s current model and read-out to ``path`` (.safetensors or .npz).

    The file is replaced atomically; raises :class:`~lstm_viz.engine.io.weights.WeightsError`
    for an unsupported suffix, a missing folder or a failed write.
    """
    w, b = trainer.readout
    return save_weights(
        path,
        trainer.config.model,
        trainer.model.params,
        extra={"readout.weight": w, "readout.bias": b},
    )


def trained_file_name(config: TrainConfig, suffix: str = ".safetensors") -> str:
    """``"{task}-{model}-T{length}.safetensors"``: the name a trained model is kept under."""
    return f"{config.task}-{config.model}-T{config.length}{suffix}"
