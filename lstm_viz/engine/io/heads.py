"""The layers around the recurrent one: the input embedding and the read-out head.

A tutorial's model is rarely the recurrent layer alone. The POS tagger is
``word_embeddings → lstm → hidden2tag``, the char-RNN classifier ``rnn → h2o`` (its
inputs one-hot), the seq2seq encoder ``embedding → gru``. Their weights sit among a
:class:`~lstm_viz.engine.io.weights.WeightFile`'s ``extra`` arrays; this module finds
them by shape, using the module's name only to decide between candidates:

* the **embedding** ``E`` (``nn.Embedding``: V × D, no bias) has D = the layer's input
  size, and ``x_t = E[id_t]``;
* the **read-out** ``y = W h + b`` (``nn.Linear``: O × H, optional bias) reads the hidden
  state. An embedding is never a read-out, even when its width happens to equal H
  (the seq2seq encoder, whose embedding is V × H).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from .weights import WeightFile

__all__ = [
    "READOUT_NAMES",
    "Embedding",
    "Readout",
    "find_embedding",
    "find_readout",
    "output_width",
]

#: Module names commonly used for a linear read-out after the recurrent layer, in the
#: order we prefer them when a file has several candidate matrices.
READOUT_NAMES = (
    "readout",
    "fc",
    "linear",
    "out",
    "output",
    "head",
    "classifier",
    "decoder",
    "hidden2tag",
    "h2o",
    "proj",
)


class Readout(NamedTuple):
    """A linear read-out ``y = weight @ h + bias`` found among a file's extra keys."""

    weight: np.ndarray
    bias: np.ndarray | None
    prefix: str


class Embedding(NamedTuple):
    """An input embedding: ``x_t = weight[id_t]``, ``weight`` of shape (V, D)."""

    weight: np.ndarray
    key: str

    @property
    def vocabulary_size(self) -> int:
        return int(self.weight.shape[0])


def _module(prefix: str) -> str:
    """``"model.fc."`` → ``"fc"``."""
    return prefix.rstrip(".").rpartition(".")[2]


def _matrices(extra: dict[str, np.ndarray]):
    """(prefix, weight) for every 2-D floating ``<prefix>weight`` array."""
    for key, weight in extra.items():
        named = key == "weight" or key.endswith(".weight")
        if named and weight.ndim == 2 and weight.dtype.kind == "f":
            yield key[: -len("weight")], weight


def _is_embedding_name(prefix: str) -> bool:
    return "embed" in _module(prefix).lower()


def find_embedding(wf: WeightFile) -> Embedding | None:
    """The file's input embedding, or ``None``.

    A candidate is a bias-less (V, D) matrix whose D is the recurrent layer's input size
    and whose module is not a read-out by name. When several qualify, one whose module
    name says ``embed`` wins; if that does not decide, there is no unambiguous embedding.
    """
    candidates = []
    for prefix, weight in _matrices(wf.extra):
        if weight.shape[1] != wf.input_size or prefix + "bias" in wf.extra:
            continue
        if _module(prefix) in READOUT_NAMES and not _is_embedding_name(prefix):
            continue
        candidates.append(Embedding(weight, prefix + "weight"))
    if len(candidates) > 1:
        named = [c for c in candidates if _is_embedding_name(c.key[: -len("weight")])]
        candidates = named
    return candidates[0] if len(candidates) == 1 else None


def output_width(wf: WeightFile) -> int:
    """How wide the recurrent module's output is at each step (what a read-out reads)."""
    return (2 if wf.bidirectional else 1) * (wf.proj_size or wf.hidden_size)


def find_readout(wf: WeightFile) -> Readout | None:
    """Find a linear read-out of the hidden state among the file's extra arrays.

    A read-out is a 2-D ``<prefix>weight`` with as many columns as the module's
    output is wide (:func:`output_width`: H, or P with a projection, twice that for a
    bidirectional module — PyTorch's output is the top layer's directions side by side), with an
    optional ``<prefix>bias`` of matching length, that is not the input embedding
    (by its name, or because it is the one :func:`find_embedding` chose). When several
    qualify, the one whose module is named ``readout``, ``fc``, ``linear``, ``out`` …
    (in :data:`READOUT_NAMES` order) wins; if that does not decide, there is no
    unambiguous read-out.
    """
    embedding = find_embedding(wf)
    candidates: list[Readout] = []
    for prefix, weight in _matrices(wf.extra):
        if weight.shape[1] != output_width(wf) or _is_embedding_name(prefix):
            continue
        if embedding is not None and embedding.key == prefix + "weight":
            continue
        bias = wf.extra.get(prefix + "bias")
        if bias is not None and bias.shape != (weight.shape[0],):
            bias = None
        candidates.append(Readout(weight, bias, prefix))
    if len(candidates) <= 1:
        return candidates[0] if candidates else None

    def rank(candidate: Readout) -> int:
        module = _module(candidate.prefix)
        return READOUT_NAMES.index(module) if module in READOUT_NAMES else len(READOUT_NAMES)

    candidates.sort(key=rank)
    if rank(candidates[0]) < rank(candidates[1]):
        return candidates[0]
    return None
