"""The NumPy engine: recurrent cells, exact BPTT, diagnostics, sequences, weights.

Pure NumPy; never imports Qt.
"""

from .gru import GRU
from .lstm import LSTM
from .rnn import RNN
from .trace import Grads, Trace
from .weights import WeightFile, WeightsError, load_weights, save_weights

MODELS = {"lstm": LSTM, "gru": GRU, "rnn": RNN}

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
