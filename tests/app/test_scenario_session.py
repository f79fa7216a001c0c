"""A scenario saved from a live Session opens into a fresh one at the same state.

(Moved from tests/state: Session is a Qt object, and tests/state runs without Qt.)
"""

from __future__ import annotations

from pathlib import Path

from lstm_viz.app.session import Session
from lstm_viz.state.scenario import Scenario, read_scenario, write_scenario
from lstm_viz.state.settings import Settings
from lstm_viz.state.view_state import ViewState


def test_opening_reproduces_the_session_state(qapp, tmp_path: Path) -> None:
    """Save from a live Session, open into a fresh one, land on the same cursor."""

    now = [0.0]
    session = Session(Settings(model="lstm", sequence="impulse", length=12), clock=lambda: now[0])
    session.set_backward(True)
    session.seek(4.5)
    session.set_speed(2.0)
    session.set_loop(False)
    saved = Scenario(
        settings=session.settings,
        cursor=session.cursor,
        loop=session.loop,
        view=ViewState(speed=session.speed, backward=session.backward),
    )
    opened = read_scenario(write_scenario(tmp_path / "s.toml", saved), strict=True)

    # What the window does on File → Open scenario:
    other = Session(opened.settings, clock=lambda: now[0])
    other.set_backward(opened.view.backward)
    other.seek(other.timeline.position(opened.cursor))
    other.set_speed(opened.view.speed)
    other.set_loop(opened.loop)
    assert (other.settings, other.cursor, other.speed, other.loop) == (
        session.settings,
        session.cursor,
        session.speed,
        session.loop,
    )
    session.shutdown()
    other.shutdown()
