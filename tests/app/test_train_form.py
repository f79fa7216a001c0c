"""The train lab's form: its boxes' ranges are TrainConfig's, and bad typing is explained."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt

from lstm_viz.app.number_box import NumberBox
from lstm_viz.app.train_form import DEFAULTS, TrainForm
from lstm_viz.engine.training.tasks import TRAIN_LIMITS
from lstm_viz.engine.training.trainer import TrainConfig
from lstm_viz.plots.training import KINDS

BOXES = {"length": "length", "hidden": "hidden_size", "iters": "iters", "seed": "seed",
         "lr": "lr", "clip": "clip"}  # fmt: skip


@pytest.fixture
def form(qtbot):
    made = TrainForm()
    qtbot.addWidget(made)
    made.show()
    return made


def type_into(qtbot, box: NumberBox, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


#: Sizes small enough for any one size to reach its top within the memory budget.
SMALLEST = {"hidden_size": 1, "batch": 1, "length": 2}


def test_every_box_has_the_range_train_config_checks(form) -> None:
    assert {id(b) for b in form.findChildren(NumberBox)} == {
        id(getattr(form, attr)) for attr in BOXES
    }
    for attr, field in BOXES.items():
        box = getattr(form, attr)
        assert (box.limits.low, box.limits.high) == TRAIN_LIMITS[field]
        high = box.limits.high
        # The other sizes at their least, so the memory budget (checked on the whole
        # step) does not refuse the range's top for the others' sake.
        least = {f: n for f, n in SMALLEST.items() if f != field}
        assert getattr(DEFAULTS.replace(**least, **{field: high}), field) == high  # taken
        beyond = high + 1 if box.limits.whole else math.nextafter(high, math.inf)
        with pytest.raises(ValueError, match=field):
            TrainConfig(**{**DEFAULTS.as_dict(), **least, field: beyond})  # one more is not


def test_the_form_lists_every_model_it_can_train(form) -> None:
    assert tuple(form.models) == KINDS


def test_a_typed_value_outside_the_range_is_explained_and_the_value_kept(qtbot, form) -> None:
    before = form.configs()
    type_into(qtbot, form.hidden, "5000")
    assert form.refusal.isVisible()
    assert form.refusal.text() == "Hidden size: must be a whole number from 1 to 2048, got 5000"
    assert form.hidden.value() == DEFAULTS.hidden_size and form.configs() == before
    type_into(qtbot, form.hidden, "64")  # a good value: taken, and the message goes
    assert form.configs()["lstm"].hidden_size == 64 and form.refusal.isHidden()


def test_long_sequences_up_to_the_engines_limit_can_be_typed(qtbot, form) -> None:
    type_into(qtbot, form.length, "5000")
    assert form.configs()["lstm"].length == 5000 and form.refusal.isHidden()
