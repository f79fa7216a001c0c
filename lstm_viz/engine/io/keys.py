"""Finding the recurrent modules among a state_dict's keys, and choosing one.

PyTorch names a recurrent module's parameters ``<prefix>weight_ih_l0`` …
``<prefix>weight_hh_l1_reverse``, ``<prefix>weight_hr_l0`` (``nn.LSTM``/``GRU``/``RNN``),
or ``<prefix>weight_ih`` … without the layer suffix (the ``*Cell`` modules). This module
groups a file's keys by module prefix (in the file's order), and picks what to show:
the module asked for; the only one; several ``*Cell`` modules whose sizes chain
(``lstm1.`` feeding ``lstm2.``, as pytorch/examples' time-sequence model does), read
as one stack; or else the first, saying so and listing the others.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ...i18n_marks import Sentence, tr_noop
from .checks import fail

__all__ = ["RECURRENT_LEAF", "Chosen", "ModuleKeys", "choose_module", "find_modules"]

# Last dotted component of a recurrent key: "weight_ih_l0", "bias_hh", "weight_hr_l1",
# "weight_ih_l0_reverse". Keys without "_l<k>" come from nn.LSTMCell and friends.
RECURRENT_LEAF = re.compile(
    r"(?P<name>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)(?:_l(?P<layer>\d+))?"
    r"(?P<reverse>_reverse)?"
)


@dataclass
class ModuleKeys:
    """The keys of one recurrent module under their common prefix.

    ``keys`` maps PyTorch's full parameter name (``weight_ih_l0``, ``bias_hh_l1_reverse``;
    a ``*Cell``'s ``weight_ih`` becomes ``weight_ih_l0``) to the key in the file.
    """

    prefix: str
    keys: dict[str, str] = field(default_factory=dict)
    cell: bool = False  # keys without "_l<k>": an nn.LSTMCell/GRUCell/RNNCell


@dataclass(frozen=True)
class Chosen:
    """What to read: the tensors' file keys under PyTorch names, and why this choice."""

    prefix: str
    keys: dict[str, str]
    note: Sentence | None = None


def find_modules(raw: Mapping[str, object], source: str) -> dict[str, ModuleKeys]:
    """Group ``raw``'s recurrent keys by module prefix, in the file's order.

    Raises WeightsError when two keys give one parameter, or a module mixes the
    ``*Cell`` style (no ``_l0``) with the layered one.
    """
    modules: dict[str, ModuleKeys] = {}
    for key in raw:
        module, _, leaf = key.rpartition(".")
        match = RECURRENT_LEAF.fullmatch(leaf)
        if match is None:
            continue
        prefix = f"{module}." if module else ""
        found = modules.setdefault(prefix, ModuleKeys(prefix))
        layered = match["layer"] is not None
        name = f"{match['name']}_l{match['layer'] or 0}{match['reverse'] or ''}"
        if name in found.keys:
            short = name.removesuffix("_l0") if not layered else name
            raise fail(
                source,
                tr_noop("keys {first!r} and {second!r} both give {name}; keep only one"),
                first=found.keys[name],
                second=key,
                name=short,
            )
        found.keys[name] = key
        found.cell = found.cell or not layered
    return modules


def choose_module(
    modules: dict[str, ModuleKeys], raw: Mapping[str, np.ndarray], prefix: str | None, source: str
) -> Chosen:
    """The module to read (see the module docstring for the rules).

    Raises
    ------
    WeightsError
        If there is no recurrent module, or none with ``prefix``.
    """
    if not modules:
        shown = ", ".join(list(raw)[:10]) + (" …" if len(raw) > 10 else "")
        raise fail(
            source,
            tr_noop(
                "no recurrent layer found: expected keys weight_ih_l0, weight_hh_l0, "
                "bias_ih_l0, bias_hh_l0 (optionally with a module prefix); the file has: {keys}"
            ),
            keys=shown or tr_noop("no arrays"),
        )
    listed = ", ".join(repr(p) for p in modules)
    if prefix is not None:
        wanted = prefix if prefix == "" or prefix.endswith(".") else prefix + "."
        if wanted not in modules:
            raise fail(
                source,
                tr_noop("no recurrent module with prefix {prefix!r}; the file has {listed}"),
                prefix=prefix,
                listed=listed,
            )
        return Chosen(wanted, dict(modules[wanted].keys))
    if len(modules) == 1:
        only = next(iter(modules.values()))
        return Chosen(only.prefix, dict(only.keys))
    chain = _chained_cells(list(modules.values()), raw)
    if chain is not None:
        keys = {
            name.replace("_l0", f"_l{k}"): key
            for k, module in enumerate(chain)
            for name, key in module.keys.items()
        }
        note = Sentence(
            tr_noop(
                "the cell modules {listed} feed one another, so they are read as one "
                "{n}-layer stack (layer 0 is the first); choose one alone with --module"
            ),
            listed=listed,
            n=len(chain),
        )
        return Chosen(chain[0].prefix, keys, note)
    first = next(iter(modules.values()))
    note = Sentence(
        tr_noop(
            "the file has {n} recurrent modules ({listed}); showing the first, {prefix!r} — "
            "choose another with --module PREFIX (or in the weights settings)"
        ),
        n=len(modules),
        listed=listed,
        prefix=first.prefix,
    )
    return Chosen(first.prefix, dict(first.keys), note)


def _chained_cells(modules: list[ModuleKeys], raw: Mapping[str, np.ndarray]) -> list | None:
    """The modules, if all are single ``*Cell`` layers of one kind whose sizes chain."""
    if not all(m.cell and "weight_ih_l0" in m.keys and "weight_hh_l0" in m.keys for m in modules):
        return None
    shapes = [
        (raw[m.keys["weight_ih_l0"]].shape, raw[m.keys["weight_hh_l0"]].shape) for m in modules
    ]
    if any(len(ih) != 2 or len(hh) != 2 or hh[1] == 0 for ih, hh in shapes):
        return None
    if len({hh[0] // hh[1] for _, hh in shapes}) != 1 or any(hh[0] % hh[1] for _, hh in shapes):
        return None
    for (_, before), (ih, _) in itertools.pairwise(shapes):
        if ih[1] != before[1]:
            return None
    return modules
