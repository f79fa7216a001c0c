"""Settings accept exactly what the limits table says: every range's ends, never beyond."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lstm_viz.state.limits import CHOICES, LABELS, RANGES, Range
from lstm_viz.state.settings import Settings, SettingsError


def _beyond(limits: Range) -> tuple[float, float]:
    """The nearest values just outside the range."""
    if limits.whole:
        return limits.low - 1, limits.high + 1
    return math.nextafter(limits.low, -math.inf), math.nextafter(limits.high, math.inf)


@pytest.mark.parametrize("field", sorted(RANGES))
def test_settings_accept_both_ends_of_every_range(field) -> None:
    limits = RANGES[field]
    for end in (limits.low, limits.high):
        assert getattr(Settings().replace(**{field: end}), field) == end


@pytest.mark.parametrize("field", sorted(RANGES))
def test_settings_refuse_the_nearest_values_outside_every_range(field) -> None:
    for outside in _beyond(RANGES[field]):
        with pytest.raises(SettingsError) as info:
            Settings().replace(**{field: outside})
        assert info.value.field == field
        assert "from" in str(info.value) and repr(outside) in str(info.value)


@pytest.mark.parametrize("field", sorted(RANGES))
def test_settings_refuse_text_and_booleans_for_numbers(field) -> None:
    for bad in ("3", True, float("nan"), float("inf")):
        with pytest.raises(SettingsError, match=field):
            Settings().replace(**{field: bad})


def test_whole_number_settings_refuse_fractions_and_take_numpy_integers() -> None:
    with pytest.raises(SettingsError, match="whole number"):
        Settings().replace(seed=2.5)
    assert Settings().replace(seed=np.uint32(3_000_000_000)).seed == 3_000_000_000


def test_a_seed_of_three_billion_is_a_valid_setting() -> None:
    assert Settings().replace(seed=3_000_000_000).seed == 3_000_000_000


@pytest.mark.parametrize("field", sorted(CHOICES))
def test_settings_take_every_listed_choice_and_no_other(field) -> None:
    for choice in CHOICES[field]:
        extra = {"file": {"sequence_file": "x.csv"}, "text": {"text": "hi"}}.get(choice, {})
        assert getattr(Settings().replace(**{field: choice}, **extra), field) == choice
    with pytest.raises(SettingsError, match=f"{field}: must be one of"):
        Settings().replace(**{field: "nonsense"})


def test_every_range_and_choice_has_a_label() -> None:
    assert set(RANGES) | set(CHOICES) <= set(LABELS)


def test_a_range_explains_with_a_marked_sentence() -> None:
    problem = Range(1, 10, whole=True).problem(100000)
    assert problem == "must be a whole number from 1 to 10, got 100000"
    assert problem.slots == {"low": 1, "high": 10, "value": 100000}
    assert Range(1, 10, whole=True).problem(10) is None
    assert Range(0.0, 1.0).problem(1e308) == "must be a number from 0 to 1, got 1e+308"
