"""How the window shows things, as one frozen value. No Qt.

The :class:`~lstm_viz.state.settings.Settings` decide what the engine
computes; the :class:`ViewState` decides how it is shown: theme, language,
the unrolled diagram, reduced motion, presentation mode, the open docks, the
Gradients dock's panel, the clipping threshold, playback speed and direction.
One controller in the window owns the current value (``app.view_controller``);
menus, scenarios, the export dialogs and the remembered preferences read and
write it, never the widgets' attributes.

Every field is checked when a value is made, so a value that exists is valid:
:func:`check_view_field` is the one check, used for a menu, a scenario file
and a remembered preference alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from ..i18n_marks import Explained, tr_noop
from .vocabulary import LANGUAGES, PANELS, THEMES

__all__ = [
    "CLIP_RANGE",
    "DEFAULT_CLIP",
    "DOCKS",
    "MAX_PINNED",
    "MAX_SPEED",
    "SLIDES",
    "VIEW_FIELDS",
    "ViewState",
    "ViewStateError",
    "check_view_field",
]

#: The window's docks (their Qt object names), in the order the View menu lists them.
DOCKS: tuple[str, ...] = ("settingsDock", "explainDock", "plotsDock", "trainDock")
#: What presentation mode shows: "auto" is the diagram alone on a small screen and
#: both on a large one; the slide key steps through the other three.
SLIDES: tuple[str, ...] = ("auto", "diagram", "plots", "both")
#: Playback speeds, in steps per second, lie in (0, MAX_SPEED].
MAX_SPEED = 64.0
#: The clipping threshold (a gradient norm): its range and its value before anyone sets it.
CLIP_RANGE = (0.001, 1e6)
DEFAULT_CLIP = 5.0
#: At most this many pinned units (a wide strip's width in units); numbers up to MAX_UNIT.
MAX_PINNED = 24
MAX_UNIT = 65536


class ViewStateError(Explained, ValueError):
    """A view field with a value it cannot take; the message names the field.

    Attributes
    ----------
    field
        The :class:`ViewState` field at fault (``"speed"``).
    """

    def __init__(self, field: str, message: str, **slots: object) -> None:
        super().__init__(f"{field}: {self._explain(message, slots)}")
        self.field = field


@dataclass(frozen=True)
class ViewState:
    """How the window shows the results (see the module's description).

    Attributes
    ----------
    theme
        One of :data:`~lstm_viz.state.vocabulary.THEMES`.
    language
        One of :data:`~lstm_viz.state.vocabulary.LANGUAGES`.
    unrolled
        The diagram drawn unrolled over time.
    reduced_motion
        Stages fade in instead of pulses moving along the wires.
    presentation
        Presentation mode (full screen, large type).
    docks
        The open docks, a subset of :data:`DOCKS` in its order.
    panel
        The Gradients dock's panel, one of :data:`~lstm_viz.state.vocabulary.PANELS`.
    clip
        The clipping panel's threshold, in :data:`CLIP_RANGE`.
    speed
        Playback speed in steps per second, in (0, :data:`MAX_SPEED`].
    backward
        Playback shows the backward pass (BPTT) instead of the forward pass.
    hold
        Playback stops at the end of each stage (presenting; Play goes on).
    slide
        What presentation mode shows, one of :data:`SLIDES`.
    pinned_units
        The units a wide model's strips draw, numbered from 1 (at most
        :data:`MAX_PINNED`, in increasing order); empty: the most active ones
        (see :mod:`lstm_viz.state.units`).
    """

    theme: str = THEMES[0]
    language: str = LANGUAGES[0]
    unrolled: bool = False
    reduced_motion: bool = False
    presentation: bool = False
    docks: tuple[str, ...] = DOCKS
    panel: str = PANELS[0]
    clip: float = DEFAULT_CLIP
    speed: float = 1.0
    backward: bool = False
    hold: bool = False
    slide: str = SLIDES[0]
    pinned_units: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            # Normalised values (docks in menu order, floats as floats) are stored back.
            object.__setattr__(self, f.name, check_view_field(f.name, getattr(self, f.name)))

    def replace(self, **changes: Any) -> ViewState:
        """A copy with some fields changed (raises :class:`ViewStateError` on a bad one)."""
        return replace(self, **changes)

    def changed_fields(self, other: ViewState) -> frozenset[str]:
        """The names of the fields in which ``other`` differs from this value."""
        return frozenset(
            f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)
        )


VIEW_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ViewState))


def _one_of(field: str, value: Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ViewStateError(
            field,
            tr_noop("must be one of {allowed}, got {value}"),
            allowed=", ".join(map(repr, allowed)),
            value=_show(value),
        )
    return value


def _flag(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ViewStateError(
            field, tr_noop("must be true or false, got {value}"), value=_show(value)
        )
    return value


def _number(field: str, value: Any, low: float, high: float, *, open_low: bool) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok:
        value = float(value)
        ok = math.isfinite(value) and (low < value if open_low else low <= value) and value <= high
    if not ok:
        template = (
            tr_noop("must be a number more than {low:g} to {high:g}, got {value}")
            if open_low
            else tr_noop("must be a number from {low:g} to {high:g}, got {value}")
        )
        raise ViewStateError(field, template, low=low, high=high, value=_show(value))
    return value


def _docks(field: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(v in DOCKS for v in value):
        raise ViewStateError(
            field,
            tr_noop("must be a list of some of {allowed}, got {value}"),
            allowed=", ".join(map(repr, DOCKS)),
            value=_show(value),
        )
    return tuple(d for d in DOCKS if d in value)


def _units(field: str, value: Any) -> tuple[int, ...]:
    ok = isinstance(value, list | tuple) and all(
        isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_UNIT for v in value
    )
    if not ok or len(set(value)) > MAX_PINNED:
        raise ViewStateError(
            field,
            tr_noop("must be a list of at most {n} unit numbers from 1, got {value}"),
            n=MAX_PINNED,
            value=_show(value),
        )
    return tuple(sorted(set(value)))


def check_view_field(field: str, value: Any) -> Any:
    """``value`` checked (and normalised) for the :class:`ViewState` field ``field``.

    Raises
    ------
    ViewStateError
        Naming the field, what it takes and what it got.
    """
    if field == "theme":
        return _one_of(field, value, THEMES)
    if field == "language":
        return _one_of(field, value, LANGUAGES)
    if field == "panel":
        return _one_of(field, value, PANELS)
    if field == "slide":
        return _one_of(field, value, SLIDES)
    if field == "docks":
        return _docks(field, value)
    if field == "pinned_units":
        return _units(field, value)
    if field == "clip":
        return _number(field, value, *CLIP_RANGE, open_low=False)
    if field == "speed":
        return _number(field, value, 0.0, MAX_SPEED, open_low=True)
    if field in ("unrolled", "reduced_motion", "presentation", "backward", "hold"):
        return _flag(field, value)
    raise ViewStateError(field, tr_noop("is not a view setting"))


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
