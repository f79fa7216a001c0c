"""The NumPy engine: recurrent cells, exact BPTT, diagnostics, sequences, weights.

Pure NumPy; never imports Qt.
"""

from .cells import GRU, LSTM, MODELS, RNN
from .cells.trace import Grads, Trace
from .io.weights import WeightFile, WeightsError, load_weights, save_weights

__all__ = [
    "GRU",
    "LSTM",
    "MODELS",
    "RNN",
    "Grads",
    "Trace",
    "WeightFile",
    "WeightsError",
    "load_weights",
    "save_weights",
]
