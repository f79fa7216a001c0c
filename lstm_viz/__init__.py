"""lstm-viz: see inside an LSTM, with every number computed exactly.

``lstm_viz.show(model, inputs=x)`` opens the window on a live PyTorch module or a
state_dict; ``lstm_viz.inspect(model, inputs=x)`` returns the same numbers without one
(see :mod:`lstm_viz.api`). Neither is imported until first used, so ``import lstm_viz``
stays light.
"""

import importlib
from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "inspect", "show"]


def __getattr__(name: str) -> Any:
    if name in ("show", "inspect"):
        # Loaded on first use, by name: every command imports this package (for its
        # version), and the windowless ones must not be seen to reach the window's code.
        return getattr(importlib.import_module(f"{__name__}.api"), name)
    raise AttributeError(f"module 'lstm_viz' has no attribute {name!r}")
