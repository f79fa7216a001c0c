"""From a file's arrays to the fields of a :class:`~.weights.WeightFile`.

Chooses the recurrent module (:mod:`.keys`), fills the biases a ``bias=False`` module
lacks, checks the whole stack's shapes (:mod:`.stack_checks`), converts and freezes
every array, and writes the :class:`~.report.LoadReport` of what it did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from ...i18n_marks import Sentence, tr_noop
from .checks import PARAM_NAMES, check_finite, fail
from .contents import Contents
from .keys import choose_module, find_modules
from .report import LoadReport
from .stack_checks import check_stack

__all__ = ["assemble", "frozen", "target_dtype"]


def target_dtype(dtype: DTypeLike | None, stored: np.dtype) -> np.dtype:
    """The requested dtype, or (None) the stored one if the engine computes in it."""
    if dtype is not None:
        return np.dtype(dtype)
    return stored if stored in (np.float32, np.float64) else np.dtype(np.float32)


def frozen(array: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """A read-only copy of ``array`` in ``dtype``."""
    copy = np.array(array, dtype=dtype, copy=True)
    copy.setflags(write=False)
    return copy


def assemble(
    contents: Contents, path: Path, source: str, dtype: DTypeLike | None, prefix: str | None
) -> dict[str, Any]:
    """The keyword arguments of the WeightFile that ``contents`` describes.

    Raises WeightsError naming the key or shapes at fault.
    """
    raw = contents.arrays
    modules = find_modules(raw, source)
    chosen = choose_module(modules, raw, prefix, source)
    cell = modules[chosen.prefix].cell
    tensors = {name: raw[key] for name, key in chosen.keys.items()}
    display = _DisplayNames(chosen.keys, chosen.prefix, cell)
    filled = list(contents.filled)
    if _fill_biases(tensors, display, source):
        filled.append(Sentence(tr_noop("no biases in the file (PyTorch bias=False): zeros used")))
    shape = check_stack(tensors, display, source)
    target = target_dtype(dtype, tensors["weight_hh_l0"].dtype)
    stack = {name: frozen(array, target) for name, array in tensors.items()}
    params = {name: stack[f"{name}_l0"] for name in PARAM_NAMES}

    assumed: list[Sentence] = []
    nonlinearity = contents.recorded.get(chosen.prefix)
    guessed = shape.kind == "rnn" and nonlinearity is None
    if guessed:
        assumed.append(
            Sentence(
                tr_noop(
                    "nonlinearity tanh assumed: the file does not record whether this RNN "
                    "uses tanh or relu (choose with --nonlinearity)"
                )
            )
        )
    used = set(chosen.keys.values())
    # A layer the file says reads another module's output is no read-out of this one.
    foreign = tuple(p for p, module in contents.reads.items() if module != chosen.prefix)
    elsewhere = [key for key in raw if key not in used and key.startswith(foreign or ("\0",))]
    extra = {
        key: frozen_extra(key, raw[key], dtype, source)
        for key in raw
        if key not in used and key not in elsewhere
    }
    notes = ([chosen.note] if chosen.note is not None else []) + list(contents.notes)
    for layer in foreign:
        if contents.reads[layer]:
            notes.append(
                Sentence(
                    tr_noop(
                        "{layer!r} reads the output of {module!r}, not of the module shown: "
                        "it gives no predictions here (choose {module!r} to see them)"
                    ),
                    layer=layer.rstrip("."),
                    module=contents.reads[layer].rstrip("."),
                )
            )
    report = LoadReport(
        read=Sentence(tr_noop("{what} from {file}"), what=contents.read, file=source),
        entry=contents.entry,
        prefix=chosen.prefix,
        ignored=tuple([*extra, *elsewhere, *contents.ignored]),
        readers=tuple(p for p, module in contents.reads.items() if module == chosen.prefix),
        assumed=tuple(assumed),
        filled=tuple(filled),
        notes=tuple(notes),
    )
    return {
        "kind": shape.kind,
        "input_size": shape.input_size,
        "hidden_size": shape.hidden_size,
        "params": params,
        "extra": extra,
        "notes": tuple(str(line) for line in report.lines()[1:]),
        "source": path,
        "layers": shape.layers,
        "bidirectional": shape.bidirectional,
        "proj_size": shape.proj_size,
        "nonlinearity": nonlinearity or "tanh",
        "nonlinearity_assumed": guessed,
        "stack": stack,
        "report": report,
        "modules": tuple(modules),
    }


class _DisplayNames(dict):
    """PyTorch name → the key as this file would spell it (also for missing keys)."""

    def __init__(self, keys: dict[str, str], prefix: str, cell: bool) -> None:
        super().__init__(keys)
        self.prefix, self.cell = prefix, cell

    def __missing__(self, name: str) -> str:
        return self.prefix + (name.removesuffix("_l0") if self.cell else name)

    def get(self, name: str, default: Any = None) -> Any:
        return self[name]


def _fill_biases(tensors: dict[str, np.ndarray], display: _DisplayNames, source: str) -> bool:
    """Add zero biases where a layer has neither; True if any were added.

    Raises WeightsError when a layer has one bias and not the other.
    """
    added = False
    for hh in [n for n in tensors if n.startswith("weight_hh")]:
        tail = hh.removeprefix("weight_hh")
        ih_bias, hh_bias = f"bias_ih{tail}", f"bias_hh{tail}"
        present = [n in tensors for n in (ih_bias, hh_bias)]
        if all(present):
            continue
        if any(present):
            have, lack = (ih_bias, hh_bias) if present[0] else (hh_bias, ih_bias)
            raise fail(
                source,
                tr_noop(
                    "missing key {key!r}: the file has {have!r}, and PyTorch saves both "
                    "biases or neither"
                ),
                key=display[lack],
                have=display[have],
            )
        rows = tensors[hh].shape[0] if tensors[hh].ndim == 2 else 0
        dtype = tensors[hh].dtype if np.issubdtype(tensors[hh].dtype, np.floating) else None
        for name in (ih_bias, hh_bias):
            tensors[name] = np.zeros(rows, dtype or np.float64)
        added = True
    return added


def frozen_extra(key: str, array: np.ndarray, dtype: DTypeLike | None, source: str) -> np.ndarray:
    """Check and freeze one non-recurrent array; floats follow the requested dtype."""
    if array.dtype.kind not in "biuf":
        raise fail(
            source,
            tr_noop("key {key!r} has dtype {dtype}; expected numbers"),
            key=key,
            dtype=str(array.dtype),
        )
    if array.dtype.kind == "f":
        array = frozen(array, target_dtype(dtype, array.dtype))
        check_finite(key, array, source)
        return array
    return frozen(array, array.dtype)
