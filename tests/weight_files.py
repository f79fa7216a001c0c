"""Real weight files for tests that name them by a path the loader never sees."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import numpy as np

from lstm_viz.engine.io.weights import WeightFile, load_weights


def read_as(tensors: dict[str, np.ndarray], name: str) -> WeightFile:
    """``tensors`` written to a real ``.npz`` and read by the loader, as if from ``name``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.npz"
        np.savez(path, **tensors)
        wf = load_weights(path)
    return dataclasses.replace(wf, source=Path(name))
