"""What-if: the same model on an edited input, or with one gate forced. No Qt.

Three edits, applied to a :class:`~lstm_viz.state.comparison.Comparison` as a list
that can be undone one at a time (:class:`WhatIf`):

- :class:`TokenEdit` — step t reads another token (through the same embedding or
  one-hot, so x_t is exactly what the text with that token would give);
- :class:`ValueEdit` — one value x_t[d] of a numeric sequence;
- :class:`GateClamp` — one gate of one unit at one step forced shut or open
  (σ gates to 0 or 1, a tanh block to −1 or +1).

Input edits rerun the whole stack (every model kind of the comparison, so the
gradient plots still compare them on one sequence). A clamp reruns the current
cell step by step with the cell's own forward: the steps before t, step t with a
bias so large that the gate's σ (or tanh) is exactly 0 or ±1 in floating point,
and the steps after t from the states it left; the traces are joined along time.
Forcing a gate to a saturated value is what makes the engine's own backward pass
exact for the forced run: σ′ and tanh′ are exactly 0 there, as the derivative of a
constant gate must be. At the clamped step ``pre`` keeps the argument the gate
would have had (the tooltips show it); the gate's value is the forced one.

An edit at step t leaves every step before t as it was (in a forward-only
model: a reverse direction reads the text from the end).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np

from ..engine.cells._base import RecurrentModel
from ..engine.cells.stack import RecurrentStack
from ..engine.cells.stack_trace import StackTrace
from ..engine.cells.trace import Trace
from ..engine.data.sequences import Sequence
from ..engine.data.tokens import TextInput, encode_text, tokenize
from ..engine.io.heads import find_embedding
from ..engine.stack import StackDiagnostics
from ..i18n_marks import tr_noop
from .comparison import Comparison
from .results import Results
from .settings import SettingsError

__all__ = [
    "CLAMP_VALUES",
    "Edit",
    "GateClamp",
    "TokenEdit",
    "ValueEdit",
    "WhatIf",
    "clampable_gates",
    "clamped_forward",
    "run_edits",
]

#: The values a gate can be forced to: its saturated ends, where its derivative is 0.
CLAMP_VALUES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}
#: The tanh blocks among the gates (the LSTM's candidate, the GRU's new state).
_TANH = ("g", "n")
#: Added to a gate's bias to force it: σ(±1e30) and tanh(±1e30) are exactly 0/1, ±1.
_FORCE = 1e30


@dataclass(frozen=True)
class TokenEdit:
    """Step ``step`` (0-based) reads ``token`` instead."""

    step: int
    token: str


@dataclass(frozen=True)
class ValueEdit:
    """The input's feature ``feature`` at step ``step`` (0-based) is ``value``."""

    step: int
    feature: int
    value: float


@dataclass(frozen=True)
class GateClamp:
    """Gate ``gate`` of unit ``unit`` at step ``step`` (0-based) is forced to ``value``."""

    step: int
    gate: str
    unit: int
    value: float


Edit = TokenEdit | ValueEdit | GateClamp


def clampable_gates(model: RecurrentModel) -> tuple[str, ...]:
    """The gates of ``model`` that can be forced (the RNN has none)."""
    return () if model.kind == "rnn" else tuple(model.gate_names)


# -- the input ----------------------------------------------------------------------


def _check_step(results: Results, step: int) -> None:
    if not 0 <= step < results.steps:
        raise SettingsError(
            "sequence",
            tr_noop("step {step} is outside the sequence (steps 1 to {steps})"),
            step=step + 1,
            steps=results.steps,
        )


def _edited_text(results: Results, edits: list[TokenEdit]) -> TextInput:
    text = results.text
    if text is None:
        raise SettingsError(
            "sequence", tr_noop("only a text sequence has tokens to edit; edit a value instead")
        )
    tokens = list(text.tokens)
    for edit in edits:
        _check_step(results, edit.step)
        if tokenize(edit.token, results.settings.tokenizer) != (edit.token,):
            raise SettingsError(
                "text",
                tr_noop("{token!r} is not one token: type one character or one word"),
                token=edit.token,
            )
        tokens[edit.step] = edit.token
    weights = results.weights
    if weights is None:
        return encode_text(tuple(tokens), text.vocabulary)
    embedding = find_embedding(weights) if text.how.startswith("embedding") else None
    if embedding is not None:
        return encode_text(
            tuple(tokens),
            text.vocabulary,
            embedding=embedding.weight,
            embedding_key=embedding.key,
        )
    return encode_text(tuple(tokens), text.vocabulary, input_size=weights.input_size)


def _edited_sequence(results: Results, edits: list[ValueEdit]) -> Sequence:
    sequence = results.sequence
    values = np.array(sequence.values, dtype=np.float64)
    for edit in edits:
        _check_step(results, edit.step)
        if not 0 <= edit.feature < values.shape[1]:
            raise SettingsError(
                "sequence",
                tr_noop("the input has features 1 to {d}; got {feature}"),
                d=values.shape[1],
                feature=edit.feature + 1,
            )
        if not np.isfinite(edit.value):
            raise SettingsError("sequence", tr_noop("the new value must be a finite number"))
        values[edit.step, edit.feature] = edit.value
    return Sequence(sequence.name, values, sequence.description, step_labels=sequence.step_labels)


# -- the clamped forward ------------------------------------------------------------


def _check_clamp(model: RecurrentModel, clamp: GateClamp) -> None:
    gates = clampable_gates(model)
    if clamp.gate not in gates:
        raise SettingsError(
            "model",
            tr_noop("the {kind} has no gate {gate!r} to clamp"),
            kind=model.kind.upper(),
            gate=clamp.gate,
        )
    if not 0 <= clamp.unit < model.hidden_size:
        raise SettingsError(
            "model",
            tr_noop("unit {unit} is outside the model (units 0 to {last})"),
            unit=clamp.unit,
            last=model.hidden_size - 1,
        )
    allowed = CLAMP_VALUES["tanh" if clamp.gate in _TANH else "sigmoid"]
    if clamp.value not in allowed:
        raise SettingsError(
            "model",
            tr_noop("gate {gate} can be forced to {low:g} or {high:g} only"),
            gate=clamp.gate,
            low=allowed[0],
            high=allowed[1],
        )


def _forced(model: RecurrentModel, clamps: list[GateClamp]) -> RecurrentModel:
    """``model`` with a bias that saturates each clamped gate at its forced value."""
    bias = np.array(model.params["bias_ih"], copy=True)
    h = model.hidden_size
    for c in clamps:
        low = CLAMP_VALUES["tanh" if c.gate in _TANH else "sigmoid"][0]
        bias[model.gate_names.index(c.gate) * h + c.unit] = -_FORCE if c.value == low else _FORCE
    return model.with_params(bias_ih=bias)


def _join(parts: list[Trace]) -> Trace:
    """Consecutive runs as one: every array (the backward pass's cache too) is time-major."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]

    def cat(arrays: list[np.ndarray | None]) -> np.ndarray | None:
        return None if arrays[0] is None else np.concatenate(arrays, axis=0)

    return Trace(
        kind=first.kind,
        x=cat([p.x for p in parts]),
        h0=first.h0,
        c0=first.c0,
        h=cat([p.h for p in parts]),
        c=cat([p.c for p in parts]),
        gates={k: cat([p.gates[k] for p in parts]) for k in first.gates},
        batched=first.batched,
        pre={k: cat([p.pre[k] for p in parts]) for k in first.pre},
        _cache={k: cat([p._cache[k] for p in parts]) for k in first._cache},
    )


def clamped_forward(model: RecurrentModel, x: np.ndarray, clamps: list[GateClamp]) -> Trace:
    """``model`` run on ``x`` (T, D) with every clamp in ``clamps`` forcing its gate."""
    for c in clamps:
        _check_clamp(model, c)
        if not 0 <= c.step < len(x):
            raise SettingsError(
                "sequence",
                tr_noop("step {step} is outside the sequence (steps 1 to {steps})"),
                step=c.step + 1,
                steps=len(x),
            )
    parts: list[Trace] = []
    h, cs = None, None
    start = 0
    for step in sorted({c.step for c in clamps}):
        if step > start:
            parts.append(model.forward(x[start:step], h, cs))
            h, cs = parts[-1].h[-1], None if parts[-1].c is None else parts[-1].c[-1]
        here = [c for c in clamps if c.step == step]
        forced = _forced(model, here).forward(x[step : step + 1], h, cs)
        free = model.forward(x[step : step + 1], h, cs)
        for c in here:  # the argument the gate would have had, not the forcing bias
            forced.pre[c.gate][0, c.unit] = free.pre[c.gate][0, c.unit]
        parts.append(forced)
        h, cs = forced.h[-1], None if forced.c is None else forced.c[-1]
        start = step + 1
    if start < len(x):
        parts.append(model.forward(x[start:], h, cs))
    return _join(parts)


# -- results ------------------------------------------------------------------------


def _rerun(results: Results, sequence: Sequence, text: TextInput | None) -> Results:
    stack = results.stack
    if stack is None:
        stack = RecurrentStack.from_cells([[results.model]])
    run = StackDiagnostics(stack, stack.forward(sequence.values))
    return replace(
        results,
        sequence=sequence,
        trace=run.trace.layers[results.layer][results.direction],
        stack_run=run,
        text=text,
    )


def _clamped(results: Results, clamps: list[GateClamp]) -> Results:
    stack = results.stack
    if stack is not None and (stack.num_layers > 1 or stack.bidirectional):
        raise SettingsError(
            "model",
            tr_noop("a gate can be clamped in a one-layer, one-direction model only"),
        )
    model = results.model
    trace = clamped_forward(model, np.asarray(results.sequence.values), clamps)
    one = RecurrentStack.from_cells([[model]])
    h_n = trace.h[-1][None]
    c_n = None if trace.c is None else trace.c[-1][None]
    run = StackDiagnostics(one, StackTrace(trace.h, h_n, c_n, ((trace,),)))
    return replace(results, trace=trace, stack_run=run)


def run_edits(results: Results, edits: tuple[Edit, ...]) -> Results:
    """``results`` recomputed with ``edits``: input edits first, then the clamps.

    Raises :class:`SettingsError` naming what cannot be edited.
    """
    if not edits:
        return results
    tokens = [e for e in edits if isinstance(e, TokenEdit)]
    values = [e for e in edits if isinstance(e, ValueEdit)]
    clamps = [e for e in edits if isinstance(e, GateClamp)]
    if tokens or values:
        text = _edited_text(results, tokens) if tokens else results.text
        sequence = text.sequence if tokens and text is not None else results.sequence
        if values:
            sequence = _edited_sequence(replace(results, sequence=sequence), values)
        results = _rerun(results, sequence, text)
    if clamps:
        results = _clamped(results, clamps)
    return results


@dataclass(frozen=True)
class WhatIf:
    """A comparison with a list of edits, and the edited comparison they give.

    ``comparison`` is ``original`` itself when there are no edits. Input edits
    apply to every model kind; clamps to the current model only.
    """

    original: Comparison
    edits: tuple[Edit, ...] = ()
    comparison: Comparison | None = None

    def __post_init__(self) -> None:
        if self.comparison is None:
            object.__setattr__(self, "comparison", _edit_comparison(self.original, self.edits))

    @property
    def edited(self) -> Comparison:
        assert self.comparison is not None
        return self.comparison

    def then(self, edit: Edit) -> WhatIf:
        """These edits and one more (raises :class:`SettingsError` if it cannot apply)."""
        return WhatIf(self.original, (*self.edits, edit))

    def undo(self) -> WhatIf:
        """Without the last edit (the original when none is left)."""
        return WhatIf(self.original, self.edits[:-1])


def _edit_comparison(original: Comparison, edits: tuple[Edit, ...]) -> Comparison:
    if not edits:
        return original
    inputs = tuple(e for e in edits if not isinstance(e, GateClamp))
    results = {}
    for kind, r in original.results.items():
        results[kind] = run_edits(r, edits if kind == original.current else inputs)
    return replace(original, results=MappingProxyType(results))
