"""The sequence strip's labels stay apart and inside the strip at every text floor."""

from __future__ import annotations

import pytest

from lstm_viz.diagram.sequence import X0, X1
from lstm_viz.state.timeline import Cursor


@pytest.mark.parametrize("floor", [0.0, 14.0, 20.0])
@pytest.mark.parametrize("step", [0, 29])
def test_the_current_step_label_keeps_clear_of_the_heading_and_inside_the_strip(
    scene, results_by_kind, floor, step
) -> None:
    scene.set_text_floor(floor)
    scene.show(results_by_kind["lstm"], Cursor(step, 2, 1.0))
    strip = scene._sequence
    now, heading = strip.now.sceneBoundingRect(), strip.heading.sceneBoundingRect()
    assert not now.intersects(heading)
    assert now.left() >= X0 - 1e-6 and now.right() <= X1 + 1e-6
