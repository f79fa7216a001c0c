"""The sequence strip's labels stay apart and inside the strip at every text floor."""

from __future__ import annotations

import pytest

from lstm_viz.diagram.sequence import X0, X1
from lstm_viz.state.results import compute
from lstm_viz.state.timeline import Cursor
from tests.state.tutorials import bi_tagger_settings


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


def test_a_reverse_cells_current_step_names_the_token_it_reads(scene) -> None:
    reverse = compute(bi_tagger_settings()).select(0, 1)
    scene.show(reverse, Cursor(0, 2, 1.0))
    assert scene._sequence.now.text() == "step 1 · book"  # the reverse cell reads x_T first


@pytest.mark.parametrize("floor", [0.0, 14.0])
def test_a_stacks_h_label_keeps_clear_of_its_layer_names(scene, floor) -> None:
    results = compute(bi_tagger_settings())
    scene.set_text_floor(floor)
    scene.show(results, Cursor(1, 2, 1.0))
    strip = scene._sequence
    h = strip.h_label.sceneBoundingRect()
    names = [label.sceneBoundingRect() for label in strip.layer_labels if label.isVisible()]
    assert len(names) == 4 and not any(h.intersects(name) for name in names)
