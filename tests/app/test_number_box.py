"""The number box: shows every digit, steps inside its range, refuses typed values in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from lstm_viz.app.number_box import NumberBox, number_text, parse_number
from lstm_viz.state.limits import Range


@pytest.fixture
def box(qtbot):
    made = NumberBox(Range(1, 1000, whole=True))
    qtbot.addWidget(made)
    made.show()
    return made


def type_into(qtbot, box: NumberBox, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("value", "text"),
    [(3_000_000_000, "3000000000"), (50.0, "50"), (0.1, "0.1"), (1e-7, "1e-07"),
     (5000.0, "5000"), (-2.75, "-2.75"), (2**63 - 1, "9223372036854775807")],
)  # fmt: skip
def test_numbers_are_written_with_every_digit(value, text) -> None:
    assert number_text(value) == text
    assert parse_number(text, whole=isinstance(value, int)) == value


def test_a_whole_number_written_as_a_float_is_read_as_that_integer() -> None:
    assert parse_number("3e9", whole=True) == 3_000_000_000
    assert isinstance(parse_number("3e9", whole=True), int)
    assert parse_number("2.5", whole=True) == 2.5  # for the range to refuse
    assert parse_number("1e308", whole=True) == 1e308  # not a 309-digit integer
    assert parse_number("abc", whole=False) == "abc"


def test_a_value_outside_the_range_is_shown_as_it_is(box) -> None:
    box.setValue(4096)  # e.g. H of a loaded weight file
    assert box.value() == 4096 and box.lineEdit().text() == "4096"


def test_a_typed_value_in_range_is_taken_once_on_enter(qtbot, box) -> None:
    seen = []
    box.valueChanged.connect(seen.append)
    type_into(qtbot, box, "250")
    assert box.value() == 250 and seen == [250]


@pytest.mark.parametrize("typed", ["100000", "1e308", "0", "abc", "2.5", "nan"])
def test_a_typed_value_the_range_refuses_is_explained_and_the_value_kept(qtbot, box, typed) -> None:
    box.setValue(7)
    changed = []
    box.valueChanged.connect(changed.append)
    with qtbot.waitSignal(box.refused) as refused:
        type_into(qtbot, box, typed)
    why = refused.args[0]
    assert str(why).startswith("must be a whole number from 1 to 1000, got ")
    assert box.value() == 7 and box.lineEdit().text() == "7" and changed == []


def test_stepping_stops_at_the_ends_of_the_range(box) -> None:
    box.setValue(999)
    box.stepBy(5)
    assert box.value() == 1000
    assert not box.stepEnabled() & QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
    box.setValue(1)
    assert not box.stepEnabled() & QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
    box.stepBy(-3)
    assert box.value() == 1


def test_arrow_keys_step_by_the_ranges_step_without_float_noise(qtbot) -> None:
    box = NumberBox(Range(0.0, 1.0, step=0.1))
    qtbot.addWidget(box)
    box.setValue(0.0)
    for _ in range(3):
        qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == 0.3 and box.lineEdit().text() == "0.3"


def test_a_pending_typed_value_is_taken_before_a_step(qtbot, box) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "20")
    box.stepBy(1)
    assert box.value() == 21
