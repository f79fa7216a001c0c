"""A scenario file reproduces the diagram's frame pixel for pixel.

(Moved from tests/state: rendering needs Qt, and tests/state runs without Qt.)
"""

from __future__ import annotations

from pathlib import Path

from lstm_viz.diagram import render_frame
from lstm_viz.state.results import compute
from lstm_viz.state.scenario import Scenario, read_scenario, write_scenario
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor
from lstm_viz.state.view_state import ViewState


def test_the_diagram_frame_is_identical_after_a_round_trip(qapp, tmp_path: Path) -> None:

    scenario = Scenario(
        settings=Settings(model="lstm", sequence="impulse", length=10, forget_bias=3.0),
        cursor=Cursor(t=4, stage=1, phase=0.5),
        view=ViewState(theme="dark", unrolled=True),
    )
    opened = read_scenario(write_scenario(tmp_path / "s.toml", scenario))

    def frame(s: Scenario):
        return render_frame(
            compute(s.settings), s.cursor, (480, 270), theme=s.view.theme, unrolled=s.view.unrolled
        )

    before, after = frame(scenario), frame(opened)
    assert before.size() == after.size()
    assert before == after


# -- weights ---------------------------------------------------------------------------
