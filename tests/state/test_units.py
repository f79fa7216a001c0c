"""A wide model's strips draw chosen units; the choice is view state, kept in scenarios."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.state.results import compute
from lstm_viz.state.scenario import read_scenario, write_scenario
from lstm_viz.state.scenario_value import Scenario
from lstm_viz.state.settings import Settings
from lstm_viz.state.units import (
    FITS,
    TOP_K,
    UnitListError,
    activity,
    choose_units,
    parse_units,
    rest_summary,
)
from lstm_viz.state.view_state import ViewState, ViewStateError


def test_a_model_that_fits_draws_every_unit() -> None:
    h = np.random.default_rng(0).normal(size=(10, FITS))
    choice = choose_units(h)
    assert not choice.subset
    np.testing.assert_array_equal(choice.shown, np.arange(FITS))


def test_a_wide_model_draws_the_units_of_largest_mean_absolute_h() -> None:
    h = compute(Settings(hidden_size=128, length=40, seed=1)).trace.h
    choice = choose_units(h)
    mean_abs = np.abs(h).mean(axis=0)
    expected = np.sort(np.argsort(-mean_abs)[:TOP_K])
    np.testing.assert_array_equal(choice.shown, expected)
    assert choice.shown.size + choice.rest.size == 128
    # Every drawn unit is at least as active as every unit left out.
    assert mean_abs[choice.shown].min() >= mean_abs[choice.rest].max()
    np.testing.assert_allclose(activity(h), mean_abs)


def test_pinned_units_are_drawn_and_pins_the_model_lacks_are_named() -> None:
    h = np.zeros((5, 64))
    choice = choose_units(h, (3, 40, 99))
    assert choice.pinned and choice.pins == (2, 39)
    assert choice.ignored == (99,)
    # The places left go to the most active others (all equal here: the lowest indexes).
    assert choice.shown.size == TOP_K
    others = [u for u in range(64) if u not in (2, 39)][: TOP_K - 2]
    np.testing.assert_array_equal(choice.shown, sorted({2, 39, *others}))


def test_pins_keep_the_least_active_units_in_view_beside_the_most_active() -> None:
    h = compute(Settings(hidden_size=128, length=40, seed=1)).trace.h
    by_activity = np.argsort(-activity(h), kind="stable")
    quiet = tuple(int(u) + 1 for u in by_activity[-2:])
    choice = choose_units(h, quiet)
    expected = np.sort(np.concatenate([by_activity[-2:], by_activity[: TOP_K - 2]]))
    np.testing.assert_array_equal(choice.shown, expected)
    assert choice.pins == tuple(sorted(u - 1 for u in quiet))


@pytest.mark.parametrize(
    ("text", "units"),
    [("", ()), ("3, 17, 40-44", (3, 17, 40, 41, 42, 43, 44)), (" 9 2,2 ", (2, 9)), ("5–6", (5, 6))],
)
def test_a_typed_unit_list_is_read_with_ranges(text, units) -> None:
    assert parse_units(text, 64) == units


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("3, 65", "unit 65 is out of range: the model has units 1 to 64"),
        ("0", "unit 0 is out of range"),
        ("3, x7", "“x7” is not a unit number"),
        ("9-4", "“9-4”: a range goes from the smaller number to the larger"),
        ("1-30", "at most 24 units"),
    ],
)
def test_a_bad_unit_list_is_refused_naming_what_is_wrong(text, named) -> None:
    with pytest.raises(UnitListError, match=named):
        parse_units(text, 64)


def test_the_summary_is_the_min_mean_and_max_of_the_units_left_out() -> None:
    h = np.random.default_rng(2).normal(size=(20, 100))
    choice = choose_units(h)
    v = h[7]
    rest = v[choice.rest]
    np.testing.assert_array_equal(rest_summary(v, choice), [rest.min(), rest.mean(), rest.max()])


@pytest.mark.parametrize("bad", [[0], [1.5], ["3"], list(range(1, 30)), 5])
def test_bad_pins_are_refused_naming_the_field(bad) -> None:
    with pytest.raises(ViewStateError, match="pinned_units"):
        ViewState(pinned_units=bad)


def test_pins_are_kept_sorted_and_distinct() -> None:
    assert ViewState(pinned_units=[9, 2, 9]).pinned_units == (2, 9)


def test_the_pinned_units_round_trip_through_a_scenario(tmp_path: Path) -> None:
    scenario = Scenario(settings=Settings(hidden_size=128)).with_view(pinned_units=(5, 17, 120))
    path = write_scenario(tmp_path / "s.toml", scenario)
    assert "pinned_units = [" in path.read_text()
    back = read_scenario(path, strict=True)
    assert back.view.pinned_units == (5, 17, 120)
    assert back == scenario


def test_a_scenario_with_bad_pins_says_where(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("format = 1\n[view]\npinned_units = [0, 2]\n")
    with pytest.raises(Exception, match=r"view\.pinned_units"):
        read_scenario(path)
