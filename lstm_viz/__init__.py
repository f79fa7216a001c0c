"""lstm-viz: see inside an LSTM, with every number computed exactly."""

__version__ = "0.1.0"
