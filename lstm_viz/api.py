"""From a script or notebook: look inside a live model without saving a file.

>>> import lstm_viz
>>> lstm_viz.show(model, inputs=x)              # opens the window on it
>>> results = lstm_viz.inspect(model, inputs=x)  # the same numbers, no window

``model`` is a PyTorch ``nn.LSTM``/``nn.GRU``/``nn.RNN`` (or ``*Cell``), a whole model
that holds one (the recurrent module is found and named in the load report), a
state_dict of tensors or NumPy arrays, or a Keras 3 recurrent layer or model (mapped
as :mod:`lstm_viz.engine.io.keras` maps a ``.keras`` file; Keras takes (B, T, D)).
Its arrays go through the loaders' own path
(:func:`~lstm_viz.engine.io.assemble.assemble`, the same checks and the same
:class:`~lstm_viz.engine.io.weights.WeightFile`, whose report reads "… from a live
module"); they are kept in memory and never written anywhere. torch is imported only
when a torch object is passed, Qt only when :func:`show` opens the window.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .engine.io.assemble import assemble
from .engine.io.checks import fail
from .engine.io.contents import Contents
from .engine.io.keras_live import is_keras, read_live_keras
from .engine.io.weights import WeightFile, unsupported_reason
from .i18n_marks import Sentence, tr_noop

if TYPE_CHECKING:
    from .state.results import Results
    from .state.settings import Settings

__all__ = ["inspect", "live_weights", "show"]

#: What the load report says the weights were read from.
LIVE_SOURCE = tr_noop("a live module")
_names = itertools.count(1)


def live_weights(
    model: Any, *, module: str | None = None, dtype: Any = np.float64
) -> tuple[WeightFile, bool | None]:
    """The :class:`WeightFile` of a live model or state_dict, and its ``batch_first``.

    Parameters
    ----------
    model
        A torch module (recurrent, or holding one) or a mapping of PyTorch state_dict
        keys to tensors or arrays.
    module : str, optional
        The recurrent module's key prefix when there are several (``"encoder."``).
    dtype
        The engine's dtype (float64).

    Returns
    -------
    (WeightFile, bool or None)
        ``batch_first``: the chosen torch module's, True for Keras, ``None`` for a
        state_dict (which does not record it).

    Raises
    ------
    WeightsError
        With the loaders' messages, beginning "a live module:".
    """
    source = str(LIVE_SOURCE)
    batch_first: bool | None = None
    modules: dict[str, Any] = {}
    if isinstance(model, dict) or _is_mapping(model):
        contents = Contents(_arrays(dict(model), source), tr_noop("a state_dict"))
    elif is_keras(model):  # before torch: on Keras' torch backend a layer is an nn.Module
        contents, batch_first = read_live_keras(model, source), True
    elif _is_torch_module(model):
        contents, modules = _torch_contents(model, source)
    else:
        raise fail(
            source,
            tr_noop(
                "cannot read a {cls}: pass a torch nn.LSTM, nn.GRU or nn.RNN, a model that "
                "holds one, a state_dict, or a Keras LSTM, GRU or SimpleRNN layer or model"
            ),
            cls=type(model).__name__,
        )
    wf = WeightFile(**assemble(contents, Path(source), source, dtype, module))
    if (why := unsupported_reason(wf)) is not None:
        raise fail(source, why.template, **why.slots)
    chosen = modules.get(wf.report.prefix.rstrip(".") if wf.report.prefix else "")
    if chosen is not None:
        batch_first = bool(getattr(chosen, "batch_first", False))
    return wf, batch_first


def inspect(
    model: Any,
    inputs: Any,
    *,
    module: str | None = None,
    batch_first: bool | None = None,
    layer: int = 0,
    direction: str = "forward",
    nonlinearity: str | None = None,
) -> Results:
    """Run the engine on a live model and its inputs; no window.

    Parameters
    ----------
    model
        As for :func:`live_weights`.
    inputs
        One sequence: (T, D), or (1, T, D) / (T, 1, D) as the module takes a batch of
        one (``batch_first`` decides which; a state_dict accepts either).
    module
        The recurrent module's prefix when the model has several.
    batch_first
        Overrides the module's own ``batch_first`` (a state_dict does not record it).
    layer, direction
        The cell of a stack that the results show (the whole stack is computed).
    nonlinearity
        A plain RNN's, for a state_dict (a live ``nn.RNN`` says its own).

    Returns
    -------
    Results
        Everything the window shows; ``results.stack_trace.output`` is what the
        module returns as its first output.
    """
    from .state.results import compute

    return compute(_settings(model, inputs, module, batch_first, layer, direction, nonlinearity))


def show(
    model: Any,
    inputs: Any,
    *,
    module: str | None = None,
    batch_first: bool | None = None,
    layer: int = 0,
    direction: str = "forward",
    nonlinearity: str | None = None,
    playing: bool = True,
) -> int:
    """Open the window on a live model and its inputs (see :func:`inspect`).

    Everything is checked before Qt is imported, so a mistake raises a ``ValueError``
    here rather than opening a window. Returns the window's exit status when it closes.
    """
    settings = _settings(model, inputs, module, batch_first, layer, direction, nonlinearity)
    from .state.results import compute

    compute(settings)  # a bad model or input fails here, before any window
    from .app.launch import run_app

    return run_app(settings, playing=playing)


def _settings(
    model: Any,
    inputs: Any,
    module: str | None,
    batch_first: bool | None,
    layer: int,
    direction: str,
    nonlinearity: str | None,
) -> Settings:
    from .state.results import hold_weights
    from .state.settings import Settings

    wf, own_batch_first = live_weights(model, module=module)
    first = own_batch_first if batch_first is None else batch_first
    values = _one_sequence(inputs, first, wf.input_size)
    name = f"live-{next(_names)}-{wf.kind}"
    hold_weights(name, wf)
    changes: dict[str, Any] = {"layer": layer, "direction": direction}
    if nonlinearity is not None:
        changes["nonlinearity"] = nonlinearity
    return Settings().replace(
        weights=name,
        sequence="custom",
        # repr() of a float64 reads back exactly, so the engine sees the very inputs.
        custom_text="\n".join(",".join(repr(float(v)) for v in row) for row in values),
        **changes,
    )


def _one_sequence(inputs: Any, batch_first: bool | None, size: int) -> np.ndarray:
    """(T, D) from (T, D), (1, T, D) or (T, 1, D), as ``batch_first`` reads a batch."""
    source = str(LIVE_SOURCE)
    x = np.asarray(_numpy(inputs), dtype=np.float64)
    if x.ndim == 3:
        axis = {True: 0, False: 1, None: 0 if x.shape[0] == 1 else 1}[batch_first]
        layout = "(B, T, D)" if axis == 0 else "(T, B, D)"
        if x.shape[axis] != 1:
            raise fail(
                source,
                tr_noop(
                    "inputs of shape {shape} are a batch of {b} in the module's {layout} "
                    "layout; pass one sequence (B = 1), e.g. inputs[{index}]"
                ),
                shape=tuple(x.shape),
                b=x.shape[axis],
                layout=layout,
                index="0" if axis == 0 else ":, 0",
            )
        x = x[0] if axis == 0 else x[:, 0]
    if x.ndim != 2 or x.shape[1] != size or x.shape[0] == 0:
        raise fail(
            source,
            tr_noop("inputs of shape {shape}: the model takes (T, {d}) with T ≥ 1"),
            shape=tuple(x.shape),
            d=size,
        )
    return x


def _is_mapping(obj: Any) -> bool:
    return hasattr(obj, "keys") and hasattr(obj, "__getitem__") and not hasattr(obj, "forward")


def _is_torch_module(obj: Any) -> bool:
    # Duck-typed first, so that a script without torch never imports it.
    if not type(obj).__module__.startswith("torch") and not hasattr(obj, "named_modules"):
        return False
    import torch

    return isinstance(obj, torch.nn.Module)


def _numpy(value: Any) -> Any:
    """A tensor's values as NumPy (detached, on the CPU); anything else as it is."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        return value.detach().cpu().numpy()
    return value


def _arrays(state: dict[Any, Any], source: str) -> dict[str, np.ndarray]:
    arrays = {}
    for key, value in state.items():
        if not isinstance(key, str):
            raise fail(source, tr_noop("state_dict key {key!r} is not a string"), key=key)
        arrays[key] = np.asarray(_numpy(value))
    return arrays


def _torch_contents(model: Any, source: str) -> tuple[Contents, dict[str, Any]]:
    """The module's state_dict, the nonlinearity each nn.RNN records, dropout said."""
    import torch

    recurrent = (torch.nn.RNNBase, torch.nn.RNNCellBase)
    modules = {name: m for name, m in model.named_modules() if isinstance(m, recurrent)}
    if not modules:
        raise fail(
            source,
            tr_noop("the {cls} holds no nn.LSTM, nn.GRU or nn.RNN (nor a *Cell)"),
            cls=type(model).__name__,
        )
    contents = Contents(_arrays(model.state_dict(), source), tr_noop("PyTorch weights"))
    for name, m in modules.items():
        prefix = f"{name}." if name else ""
        if isinstance(m, torch.nn.RNN | torch.nn.RNNCell):
            contents.recorded[prefix] = m.nonlinearity
        if getattr(m, "dropout", 0) and getattr(m, "num_layers", 1) > 1:
            contents.notes.append(
                Sentence(
                    tr_noop("layer {name!r}: {what} ignored, as at inference"),
                    name=name or type(m).__name__,
                    what=f"dropout={m.dropout:g}",
                )
            )
    return contents, modules
