"""Log axes name their decades once each and leave the minor ticks unnamed."""

from __future__ import annotations

import math

from lstm_viz.plots._style import decade_labels


def test_decades_are_named_and_minor_ticks_are_blank() -> None:
    minor = [math.log10(v) for v in (0.02, 0.05, 0.09)]
    values = [-2.0, *minor, -1.0, 0.0]
    labels = decade_labels(values)
    assert labels == ["0.01", "", "", "", "0.1", "1"]


def test_no_label_is_printed_twice() -> None:
    # 0.095 rounds to "0.1" with pyqtgraph's one significant digit: printed beside 0.1.
    values = [math.log10(0.095), -1.0, math.log10(0.2)]
    labels = [x for x in decade_labels(values) if x]
    assert labels == ["0.1"]


def test_far_decades_are_written_as_powers_of_ten() -> None:
    assert decade_labels([-6.0, -4.0, 4.0]) == ["10⁻⁶", "10⁻⁴", "10⁴"]


def test_a_range_inside_one_decade_still_names_its_ticks_once() -> None:
    values = [math.log10(v) for v in (0.2, 0.3, 0.5, 0.504)]
    assert decade_labels(values) == ["0.2", "0.3", "0.5", ""]
