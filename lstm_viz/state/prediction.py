"""What the model says: its read-out at every step, the top classes, and attribution. No Qt.

With a read-out head ``z_t = W y_t + b`` found in the weight file (y_t is what the
recurrent module returns at step t: the top layer's h_t, both directions side by side)
(:func:`lstm_viz.engine.io.heads.find_readout`), a model with several outputs is a
classifier or language model: ``p_t = softmax(z_t)``, shown as its top k classes,
named by a labels file, the checkpoint's own labels, or — for a next-token model
whose outputs match its vocabulary — the vocabulary's tokens. A model with one output
is a regressor: its value is ``z_t`` itself.

Attribution asks which inputs the prediction at step t' depends on. With ŷ_t' the
probability of the class predicted at t' (a regressor: its value), it is
‖∂ŷ_t'/∂x_t‖ for t = 1 … t' (every t for a bidirectional model) — computed exactly by
the backward pass through the whole stack from ``∂ŷ_t'/∂y_t' = Wᵀ ∂ŷ/∂z``, with
``∂p_k/∂z = p_k (e_k − p)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from ..engine.data.tokens import (
    TextInput,
    Vocabulary,
    encode_text,
    labels_from_arrays,
    load_labels,
    load_vocabulary,
    tokenize,
    vocabulary_from_arrays,
)
from ..engine.data.value import MAX_FEATURES
from ..engine.io.heads import Readout, find_embedding
from ..engine.io.weights import WeightFile
from ..i18n_marks import tr_noop
from .settings import Settings, SettingsError

if TYPE_CHECKING:
    from .results import Results

__all__ = [
    "MAX_ATTRIBUTION_STEPS",
    "Predictions",
    "attribution",
    "attribution_rows",
    "predict",
    "prediction_report",
    "text_input",
]

#: Beyond this many steps the full attribution (T²/2 norms, T² for a bidirectional
#: model; one backward pass per step) is not computed; one step's row always can be.
MAX_ATTRIBUTION_STEPS = 1000


@dataclass(frozen=True, eq=False)
class Predictions:
    """The read-out at every step.

    Attributes
    ----------
    outputs
        ``z_t = W y_t + b``, shape (T, O), in written order (t = 1 … T), where y_t is
        what the recurrent module returns at step t: the top layer's h_t, both
        directions side by side — whichever layer and direction the diagram shows.
    labels
        The O class names; ``None`` for a regressor (O = 1).
    readout
        The head they come from.
    """

    outputs: np.ndarray
    labels: tuple[str, ...] | None
    readout: Readout

    @property
    def regressor(self) -> bool:
        return self.labels is None

    @cached_property
    def probabilities(self) -> np.ndarray | None:
        """``softmax(z_t)`` per step, (T, O); ``None`` for a regressor."""
        if self.regressor:
            return None
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.outputs - self.outputs.max(axis=-1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=-1, keepdims=True)

    @cached_property
    def scale(self) -> float:
        """The largest finite |output| over every step (1 when there is none)."""
        finite = np.abs(self.outputs[np.isfinite(self.outputs)])
        return float(finite.max()) if finite.size and finite.max() > 0 else 1.0

    def top(self, t: int, k: int = 3) -> list[tuple[str | None, float]]:
        """The top ``k`` classes at step ``t`` (0-based) as (label, probability), best
        first; a regressor's ``[(None, value)]``."""
        if self.probabilities is None:
            return [(None, float(self.outputs[t, 0]))]
        p = self.probabilities[t]
        best = np.argsort(-p, kind="stable")[:k]
        assert self.labels is not None
        return [(self.labels[i], float(p[i])) for i in best]

    def best(self) -> np.ndarray:
        """The predicted class at each step (regressor: zeros), shape (T,)."""
        return self._best

    @cached_property
    def _best(self) -> np.ndarray:
        # Kept: the diagram's strip asks for it at every frame.
        if self.probabilities is None:
            best = np.zeros(len(self.outputs), dtype=np.int64)
        else:
            best = np.argmax(self.probabilities, axis=-1)
        best.setflags(write=False)
        return best


def _labels(
    readout: Readout, weights: WeightFile, text: TextInput | None, labels_file: str | None
) -> tuple[str, ...] | None:
    outputs = readout.weight.shape[0]
    if outputs == 1:
        return None
    source = weights.source.name
    if labels_file:
        labels, origin = load_labels(labels_file), labels_file
    elif (found := labels_from_arrays(weights.extra, source)) is not None:
        labels, origin = found, source
    elif text is not None and len(text.vocabulary) == outputs:
        return text.vocabulary.tokens  # a next-token model predicts its own vocabulary
    else:
        return tuple(str(i) for i in range(outputs))
    if len(labels) != outputs:
        raise SettingsError(
            "labels_file",
            tr_noop("{origin} names {n} classes but the read-out {key!r} has {outputs} outputs"),
            origin=origin,
            n=len(labels),
            key=readout.prefix + "weight",
            outputs=outputs,
        )
    return labels


def predict(
    output: np.ndarray,
    weights: WeightFile,
    text: TextInput | None = None,
    labels_file: str | None = None,
) -> Predictions | None:
    """The read-out of the weight file's head at every step; ``None`` without a head.

    ``output`` is the recurrent module's output, (T, width) in written order (see
    :attr:`lstm_viz.state.results.Results.output`). Raises :class:`SettingsError`
    (``labels_file``) when the labels do not fit the head.
    """
    readout = weights.readout()
    if readout is None:
        return None
    w = np.asarray(readout.weight, dtype=np.float64)
    b = 0.0 if readout.bias is None else np.asarray(readout.bias, dtype=np.float64)
    if output.shape[-1] != w.shape[1]:  # a file whose head reads something else
        return None
    with np.errstate(over="ignore", invalid="ignore"):
        outputs = output @ w.T + b
    outputs.setflags(write=False)
    labels = _labels(readout, weights, text, labels_file)
    return Predictions(outputs, labels, readout)


def attribution(results: Results, step: int) -> np.ndarray:
    """‖∂ŷ_step/∂x_t‖ for every step t the prediction at ``step`` (0-based, written
    order) depends on, exactly, by one backward pass through the whole module.

    ŷ is the probability of the class predicted at ``step`` (a regressor: its value).
    A one-way module's prediction depends on t = 0 … ``step`` (``step + 1`` norms); a
    bidirectional one's reverse direction has read every later input too (T norms).
    """
    predictions = results.predictions
    if predictions is None:
        raise ValueError("these results have no read-out head")
    w = np.asarray(predictions.readout.weight, dtype=np.float64)
    if predictions.probabilities is None:
        dz = np.array([1.0])
    else:
        p = predictions.probabilities[step]
        k = int(np.argmax(p))
        dz = -p[k] * p
        dz[k] += p[k]  # ∂p_k/∂z = p_k (e_k − p)
    stack, stack_trace = results.stack, results.stack_trace
    if stack is None or stack_trace is None:
        dh = np.zeros_like(results.trace.h, dtype=np.float64)
        dh[step] = dz @ w
        dx = results.model.backward(results.trace, dh).x
        return np.linalg.norm(dx[: step + 1], axis=-1)
    d_output = np.zeros_like(stack_trace.output, dtype=np.float64)
    d_output[step] = dz @ w
    dx = stack.backward(stack_trace, d_output).x
    reach = len(dx) if stack.bidirectional else step + 1
    return np.linalg.norm(dx[:reach], axis=-1)


def text_input(settings: Settings, weights: WeightFile | None) -> TextInput:
    """The settings' text as the model reads it (``settings.sequence == "text"``).

    The vocabulary is the settings' vocabulary file, else the one the weight file
    carries, else — for a model built from the settings, which has no vocabulary of
    its own — the text's distinct tokens in order of first appearance (one-hot).
    Tokens go through the file's embedding when its rows match the vocabulary.
    Raises ``SequenceError`` or :class:`SettingsError` naming what does not fit.
    """
    tokens = tokenize(settings.text, settings.tokenizer)
    if settings.vocab_file:
        vocabulary = load_vocabulary(settings.vocab_file)
    elif weights is not None:
        found = vocabulary_from_arrays(weights.extra, weights.source.name)
        if found is None:
            raise SettingsError(
                "vocab_file",
                tr_noop(
                    "{file} carries no vocabulary: give the file that lists its tokens "
                    "in id order (one per line, or JSON token → id)"
                ),
                file=weights.source.name,
            )
        vocabulary = found
    else:
        vocabulary = Vocabulary(tuple(dict.fromkeys(tokens)), "the text")
    if weights is None:
        if len(vocabulary) > MAX_FEATURES:
            raise SettingsError(
                "text",
                tr_noop(
                    "the text has {n} different tokens; a model without a weight file reads "
                    "each as one input feature (one-hot), at most {most} — read characters "
                    "instead of words, shorten the text, or open a weight file with an embedding"
                ),
                n=len(vocabulary),
                most=MAX_FEATURES,
            )
        return encode_text(tokens, vocabulary)
    embedding = find_embedding(weights)
    if embedding is not None and (
        embedding.vocabulary_size == len(vocabulary) or weights.input_size != len(vocabulary)
    ):
        return encode_text(
            tokens, vocabulary, embedding=embedding.weight, embedding_key=embedding.key
        )
    return encode_text(tokens, vocabulary, input_size=weights.input_size)


def attribution_rows(results: Results) -> list[int]:
    """The steps whose attribution :func:`prediction_report` writes (one backward pass
    each): every step up to :data:`MAX_ATTRIBUTION_STEPS`, else the last alone."""
    steps = results.steps
    return list(range(steps)) if steps <= MAX_ATTRIBUTION_STEPS else [steps - 1]


def prediction_report(
    results: Results, top_k: int = 3, progress: Callable[[int], None] | None = None
) -> dict[str, Any]:
    """``tokens``, ``predictions`` and ``attribution`` for ``simulate --json``.

    ``predictions[t]`` is the top-k ``[[label, probability], …]`` best first (a
    regressor: ``[[null, value]]``); ``attribution[t]`` lists ‖∂ŷ_t/∂x_s‖ for s = 1 … t
    (s = 1 … T for a bidirectional module), ``null`` for the steps
    :func:`attribution_rows` leaves out. ``progress(1)`` is called after each row.
    """
    report: dict[str, Any] = {}
    text = results.text
    if text is not None:
        report["tokens"] = list(text.tokens)
        report["unknown_tokens"] = [
            {"t": t + 1, "token": token, "id": i} for t, token, i in text.unknown
        ]
        report["vocabulary"] = {"source": text.vocabulary.source, "size": len(text.vocabulary)}
        report["input"] = text.how
    predictions = results.predictions
    if predictions is None:
        return report
    steps = results.steps
    report["readout"] = predictions.readout.prefix + "weight"
    report["predictions"] = [
        [[label, _finite(p)] for label, p in predictions.top(t, top_k)] for t in range(steps)
    ]
    rows: list[Any] = [None] * steps
    for t in attribution_rows(results):
        rows[t] = [_finite(v) for v in attribution(results, t)]
        if progress is not None:
            progress(1)
    report["attribution"] = rows
    return report


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None
