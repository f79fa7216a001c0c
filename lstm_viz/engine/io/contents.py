"""What a format's reader hands the loader: the arrays, and how the file stored them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ...i18n_marks import Sentence

__all__ = ["Contents"]


@dataclass
class Contents:
    """What a reader found: the arrays under their keys, and how they were stored.

    Readers of formats that are not PyTorch state_dicts (Keras, ONNX) return the
    recurrent tensors already under PyTorch's names and gate order, and say in
    ``recorded`` what the file records per module prefix (its nonlinearity).
    """

    arrays: dict[str, np.ndarray]
    read: str  # a marked format name: "a PyTorch state_dict"
    entry: str | None = None
    recorded: dict[str, str] = field(default_factory=dict)  # prefix -> nonlinearity
    filled: list[Sentence] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    notes: list[Sentence] = field(default_factory=list)
    #: A layer prefix → the recurrent module prefix whose output it reads, where the
    #: file records the order (a Keras Sequential); ``""``: it reads something else.
    reads: dict[str, str] = field(default_factory=dict)
