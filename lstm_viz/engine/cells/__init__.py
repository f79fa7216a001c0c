"""The recurrent cells: RNN, LSTM and GRU with PyTorch's parameters, their traces and init."""

from .gru import GRU
from .lstm import LSTM
from .rnn import RNN

#: The model kinds the engine runs, by the name settings and files use.
MODELS = {"lstm": LSTM, "gru": GRU, "rnn": RNN}

__all__ = ["GRU", "LSTM", "MODELS", "RNN"]
