"""Which units a wide model's strips draw, and what the rest are summarised as. No Qt.

A strip of more than :data:`FITS` unit cells is a smear of sub-pixel cells, so
a wider model's strips draw :data:`TOP_K` chosen units and summarise the others
as one small band (their minimum, mean and maximum). The chosen units are the
ones the user pins (the view state's ``pinned_units``, numbered from 1 as the
tooltips number them), and in the places left the most active: the largest mean
``|h_t|`` over the whole sequence, a unit's typical output. A pin therefore keeps
a unit in view without emptying the strip, and more can be pinned from it. Every
part of the cell (gates, states) shows the same units, so a column of the diagram
is one unit throughout. :func:`parse_units` reads a typed list ("3, 17, 40-44").

The views draw what :func:`choose_units` returns; they choose nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..engine.cells.stack_trace import in_time_order
from ..i18n_marks import Explained, tr_noop
from .results import Results
from .view_state import MAX_PINNED

__all__ = [
    "FITS",
    "TOP_K",
    "LayerRow",
    "UnitChoice",
    "UnitListError",
    "activity",
    "choose_units",
    "layer_rows",
    "parse_units",
    "rest_summary",
]

#: Strips of at most this many units draw every unit.
FITS = 32
#: A wider strip draws this many units (and the summary band beside them).
TOP_K = MAX_PINNED


@dataclass(frozen=True, eq=False)
class UnitChoice:
    """The units a strip draws.

    Attributes
    ----------
    size
        The number of units the model has (H).
    shown
        0-based indexes of the drawn units, in increasing order.
    rest
        0-based indexes of the others (empty when every unit fits).
    pinned
        Whether some of ``shown`` are the user's pins (the others are the most active).
    ignored
        Pinned unit numbers (from 1) the model does not have.
    pins
        0-based indexes of the pinned units among ``shown``, in increasing order.
    """

    size: int
    shown: np.ndarray
    rest: np.ndarray
    pinned: bool = False
    ignored: tuple[int, ...] = ()
    pins: tuple[int, ...] = ()

    @property
    def subset(self) -> bool:
        """Whether some units are summarised instead of drawn."""
        return self.rest.size > 0


def activity(h: np.ndarray) -> np.ndarray:
    """Each unit's mean ``|h_t|`` over the sequence (``(T, [B,] H)`` → ``(H,)``).

    Non-finite values count as the most active (an overflowing unit is worth seeing).
    """
    a = np.abs(np.asarray(h, dtype=np.float64))
    a = np.where(np.isfinite(a), a, np.inf)
    return a.reshape(-1, a.shape[-1]).mean(axis=0)


def choose_units(h: np.ndarray, pinned: tuple[int, ...] = ()) -> UnitChoice:
    """The units to draw for hidden states ``h`` (``(T, [B,] H)``) and the user's pins.

    Every unit when ``H <= FITS``; else :data:`TOP_K` units: the pins that exist
    (numbered from 1), then as many of the others as are left room for, by largest
    :func:`activity` (ties go to the lower index).
    """
    size = int(np.shape(h)[-1])
    every = np.arange(size)
    if size <= FITS:
        return UnitChoice(size, every, every[:0])
    ignored = tuple(p for p in pinned if not 1 <= p <= size)
    kept = sorted({p - 1 for p in pinned if 1 <= p <= size})[:TOP_K]
    # A stable sort of −activity: equal activities keep index order.
    by_activity = np.argsort(-activity(h), kind="stable")
    fill = by_activity[~np.isin(by_activity, kept)][: TOP_K - len(kept)]
    shown = np.sort(np.concatenate([np.array(kept, dtype=np.intp), fill]))
    return UnitChoice(
        size, shown, np.setdiff1d(every, shown), bool(kept), ignored, tuple(int(k) for k in kept)
    )


class UnitListError(Explained, ValueError):
    """A typed list of units that cannot be read; the message names the part at fault."""

    def __init__(self, message: str, **slots: object) -> None:
        super().__init__(self._explain(message, slots))


def parse_units(text: str, size: int) -> tuple[int, ...]:
    """The unit numbers (from 1) of a typed list such as ``"3, 17, 40-44"``, sorted.

    Commas or spaces separate the items; ``A-B`` is every unit from A to B. Empty
    text is no pins. Raises :class:`UnitListError` naming the first item that is
    not a number or a range, a unit the model (``size`` units) does not have, or
    more than :data:`TOP_K` units.
    """
    units: set[int] = set()
    for item in re.split(r"[,\s]+", text.strip()):
        if not item:
            continue
        m = re.fullmatch(r"(\d+)(?:[-–](\d+))?", item)
        if m is None:
            raise UnitListError(
                tr_noop("“{item}” is not a unit number or a range such as 40-44"), item=item
            )
        first, last = int(m[1]), int(m[2] or m[1])
        if last < first:
            raise UnitListError(
                tr_noop("“{item}”: a range goes from the smaller number to the larger"),
                item=item,
            )
        for unit in (first, last):
            if not 1 <= unit <= size:
                raise UnitListError(
                    tr_noop("unit {unit} is out of range: the model has units 1 to {size}"),
                    unit=unit,
                    size=size,
                )
        units.update(range(first, last + 1))
        if len(units) > TOP_K:
            raise UnitListError(
                tr_noop("at most {n} units can be pinned (a strip's width)"), n=TOP_K
            )
    return tuple(sorted(units))


def rest_summary(values: np.ndarray, choice: UnitChoice) -> np.ndarray:
    """``[min, mean, max]`` of the units ``choice`` does not draw (NaN where unknown)."""
    rest = np.asarray(values, dtype=np.float64)[..., choice.rest]
    if rest.size == 0 or not np.isfinite(rest).any():
        return np.full(3, np.nan)
    with np.errstate(all="ignore"):
        return np.array([np.nanmin(rest), np.nanmean(rest), np.nanmax(rest)])


@dataclass(frozen=True, eq=False)
class LayerRow:
    """One layer and direction of a stack, as a row of the sequence strip.

    Attributes
    ----------
    layer, direction
        Which cell (layer 0 reads the input; direction 0 is forward).
    h
        Its hidden states ``(T, [B,] H)``, in the chosen cell's step order (a
        reverse cell's step 1 reads x_T), so one column of the strip is one step.
    chosen
        Whether this is the cell the diagram draws.
    units
        The units its row draws.
    """

    layer: int
    direction: int
    h: np.ndarray
    chosen: bool
    units: UnitChoice


def layer_rows(results: Results, pinned: tuple[int, ...] = ()) -> tuple[LayerRow, ...]:
    """Every cell of the stack, layer by layer (forward before reverse).

    One row (the chosen cell) when the results hold a single cell. Nothing is
    computed but the order of the steps: every trace is the engine's own.
    """
    st = results.stack_trace
    if st is None or (len(st.layers) == 1 and len(st.layers[0]) == 1):
        return (
            LayerRow(
                results.layer,
                results.direction,
                results.trace.h,
                True,
                choose_units(results.trace.h, pinned),
            ),
        )
    rows = []
    for k, cells in enumerate(st.layers):
        for d, trace in enumerate(cells):
            # In time order, then in the chosen cell's order (reversed for a reverse cell).
            h = in_time_order(in_time_order(trace.h, d), results.direction)
            chosen = (k, d) == (results.layer, results.direction)
            rows.append(LayerRow(k, d, h, chosen, choose_units(h, pinned)))
    return tuple(rows)
