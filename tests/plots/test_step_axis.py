"""The plots whose x axis is the step show each step's token: on hover, and as tick labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF

from lstm_viz.plots.gates import GatesPanel
from lstm_viz.plots.gradient import GradientPanel
from lstm_viz.plots.memory import MemoryPanel
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings

WORDS = Settings(
    sequence="text", text="the cat did not sit on the mat", tokenizer="words", hidden_size=4
)


@pytest.fixture(scope="module")
def words():
    return compare(WORDS)


def _shown(qtbot, panel, comparison, width: int = 900):
    qtbot.addWidget(panel)
    panel.resize(width, 500)
    panel.set_comparison(comparison)
    with qtbot.waitExposed(panel):
        panel.show()
    return panel


def _hover(qtbot, panel, plot, x: float) -> None:
    """Move the mouse over ``plot`` at view position ``x`` (half-way up)."""
    vb = plot.vb
    (_, _), (y0, y1) = vb.viewRange()
    scene = vb.mapViewToScene(QPointF(x, (y0 + y1) / 2))
    point = panel.graphics.mapFromScene(scene)
    qtbot.mouseMove(panel.graphics.viewport(), QPoint(point.x(), point.y()))


def test_hovering_a_step_shows_its_token(qtbot, words) -> None:
    panel = _shown(qtbot, GatesPanel(), words)
    row = panel.rows[4]  # the cell state's map
    (axis,) = [a for a in panel._step_axes if a.plot is row.plot]
    with qtbot.waitSignal(panel.graphics.scene().sigMouseMoved):
        _hover(qtbot, panel, row.plot, 4.2)
    qtbot.waitUntil(lambda: axis.label.isVisible())
    assert axis.label.toPlainText() == "step 4 · 'not'"
    assert axis.text == "step 4 · 'not'"


def test_on_a_distance_axis_the_token_is_the_step_that_far_back(qtbot, words) -> None:
    panel = _shown(qtbot, GradientPanel(), words)
    panel.set_axis("distance")
    with qtbot.waitSignal(panel.graphics.scene().sigMouseMoved):
        _hover(qtbot, panel, panel.plot, 5.0)  # T − t = 5: t = 3 of 8
    qtbot.waitUntil(lambda: panel.step_axis.label.isVisible())
    assert panel.step_axis.label.toPlainText() == "step 3 · 'did'"


def test_the_tokens_are_the_tick_labels_when_they_fit(qtbot, words) -> None:
    panel = _shown(qtbot, GatesPanel(), words)
    bottom = panel.rows[5].plot  # the map that shows the step axis
    (axis,) = [a for a in panel._step_axes if a.plot is bottom]
    qtbot.waitUntil(lambda: axis.ticks is not None)
    assert [label for _, label in axis.ticks] == WORDS.text.split()
    assert [x for x, _ in axis.ticks] == list(range(1, 9))
    assert bottom.getAxis("bottom")._tickLevels == [axis.ticks]


def test_numbers_stay_when_the_tokens_do_not_fit(qtbot) -> None:
    text = "a long sentence of many words that cannot all be written under a narrow plot " * 3
    comparison = compare(WORDS.replace(text=text))
    panel = _shown(qtbot, GatesPanel(), comparison, width=300)
    bottom = panel.rows[5].plot
    (axis,) = [a for a in panel._step_axes if a.plot is bottom]
    assert axis.ticks is None
    assert bottom.getAxis("bottom")._tickLevels is None
    assert axis.text_at(2.0) == "step 2 · 'long'"  # the hover still says it


def test_zooming_in_on_a_long_text_brings_the_tokens_in(qtbot) -> None:
    text = "a long sentence of many words that cannot all be written under a narrow plot " * 3
    panel = MemoryPanel()
    with qtbot.waitSignal(panel.runner.finished, timeout=20000):  # the curves, then their range
        _shown(qtbot, panel, compare(WORDS.replace(text=text)), width=500)
    (axis,) = panel._step_axes
    qtbot.waitUntil(lambda: panel.plot.vb.viewRange()[0][1] > 40)
    assert axis.ticks is None
    panel.plot.setXRange(1, 4, padding=0)
    qtbot.waitUntil(lambda: axis.ticks is not None)
    assert [label for _, label in axis.ticks] == ["a", "long", "sentence", "of"]


def test_a_numeric_sequence_has_no_tokens_to_show(qtbot) -> None:
    panel = _shown(qtbot, GatesPanel(), compare(Settings(hidden_size=3, length=6)))
    row = panel.rows[4]
    (axis,) = [a for a in panel._step_axes if a.plot is row.plot]
    _hover(qtbot, panel, row.plot, 3.0)
    assert axis.text_at(3.0) == "" and not axis.label.isVisible()
    assert axis.ticks is None


def test_a_reverse_cells_axis_reads_the_tokens_backwards(qtbot, tmp_path) -> None:
    import numpy as np

    from tests.state.test_stack_results import torch_tensors

    tensors = torch_tensors("lstm", 1, 2, 3, 4, seed=1)
    tensors["tokens"] = np.array([ord(c) for c in "abc"])
    np.savez(tmp_path / "bidir.npz", **tensors)
    settings = Settings(sequence="text", text="abcc", weights=str(tmp_path / "bidir.npz"))
    panel = _shown(qtbot, GatesPanel(), compare(settings.replace(direction="reverse")))
    (axis,) = [a for a in panel._step_axes if a.plot is panel.rows[5].plot]
    assert axis.text_at(1.0) == "step 1 · 'c'" and axis.text_at(4.0) == "step 4 · 'a'"
