"""The view state: one frozen value, every field checked when it is made."""

from __future__ import annotations

import math

import pytest

from lstm_viz.state.view_state import DOCKS, ViewState, ViewStateError, check_view_field
from lstm_viz.state.vocabulary import LANGUAGES, PANELS, THEMES


def test_the_default_view_shows_everything_in_the_first_theme_and_panel() -> None:
    v = ViewState()
    assert (v.theme, v.language, v.panel) == (THEMES[0], LANGUAGES[0], PANELS[0])
    assert v.docks == DOCKS and v.speed == 1.0 and not v.backward and not v.presentation


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("theme", "pink"),
        ("language", "xx"),
        ("panel", "minimap"),
        ("docks", ["settingsDock", "nowhereDock"]),
        ("docks", "plotsDock"),
        ("unrolled", "true"),
        ("presentation", 1),
        ("clip", 0.0),
        ("clip", math.inf),
        ("speed", math.nan),
        ("speed", math.inf),
        ("speed", 0.0),
        ("speed", -1.0),
        ("speed", 1e308),
        ("speed", True),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(field: str, value: object) -> None:
    with pytest.raises(ViewStateError) as info:
        ViewState().replace(**{field: value})
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")


def test_docks_are_kept_in_the_menus_order_whatever_order_they_come_in() -> None:
    v = ViewState(docks=["trainDock", "settingsDock"])
    assert v.docks == ("settingsDock", "trainDock")


def test_changed_fields_names_exactly_the_fields_that_differ() -> None:
    a = ViewState()
    b = a.replace(theme="dark", speed=2)
    assert a.changed_fields(b) == {"theme", "speed"}
    assert a.changed_fields(a.replace(speed=1.0)) == frozenset()


def test_a_field_that_is_not_a_view_setting_is_refused() -> None:
    with pytest.raises(ViewStateError):
        check_view_field("minimap", True)
