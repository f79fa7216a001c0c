"""The view state's owner, and scenarios put in and read out through it: no window, only
mock views (the way pyapp-kit/ndv tests its controller)."""

from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from lstm_viz.app.scenarios import ScenarioHost, apply_scenario, current_scenario
from lstm_viz.app.session import Session
from lstm_viz.app.view_controller import ViewController
from lstm_viz.state.scenario import Scenario
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor
from lstm_viz.state.view_state import ViewState, ViewStateError


def _session() -> MagicMock:
    session = MagicMock(spec=Session)
    session.speed, session.backward = 1.0, False
    session.settings = Settings(hidden_size=4, length=10)
    session.latest.settings = session.settings  # no long change computing
    session.cursor, session.loop = Cursor(3, 1, 0.5), True
    session.apply.return_value = True
    session.when_shown.side_effect = lambda action: action()  # nothing long pending
    return session


def _host(view: ViewState | None = None) -> MagicMock:
    host = MagicMock(spec=ScenarioHost)
    host.session = _session()
    host.view_controller = ViewController(view or ViewState(), host.session)
    return host


def test_an_update_emits_once_with_the_fields_that_changed(qapp) -> None:
    controller = ViewController(ViewState(), _session())
    seen = []
    controller.changed.connect(lambda state, changed: seen.append((state, changed)))
    controller.update(theme="dark", unrolled=True)
    controller.update(theme="dark")  # no change, no signal
    assert len(seen) == 1
    assert seen[0][1] == {"theme", "unrolled"} and seen[0][0] is controller.state


def test_a_bad_value_changes_nothing_and_emits_nothing(qapp) -> None:
    controller = ViewController(ViewState(), _session())
    seen = []
    controller.changed.connect(lambda *a: seen.append(a))
    with pytest.raises(ViewStateError):
        controller.update(theme="dark", speed=float("nan"))
    assert controller.state == ViewState() and seen == []


def test_speed_and_direction_are_the_sessions_both_ways(qapp) -> None:
    session = _session()
    controller = ViewController(ViewState(speed=2.0), session)
    session.set_speed.assert_called_once_with(2.0)
    controller.update(backward=True)
    session.set_backward.assert_called_once_with(True)
    # The transport bar sets the session's speed: the view state follows.
    slot = session.speedChanged.connect.call_args.args[0]
    slot(4.0)
    assert controller.state.speed == 4.0


def test_applying_a_scenario_sets_the_view_fields_it_decides_and_keeps_the_others(qapp) -> None:
    host = _host(ViewState(language="zh_CN", docks=("plotsDock",), panel="gates"))
    scenario = Scenario(
        settings=Settings(model="gru", hidden_size=5),
        cursor=Cursor(2, 0, 1.0, backward=True),
        loop=False,
        view=ViewState(backward=True),
        locks=("model",),
    ).with_view(theme="dark", speed=0.5, clip=2.5)
    assert apply_scenario(host, scenario)
    s = host.session
    s.apply.assert_called_once_with(**scenario.settings.as_dict())
    view = host.view_controller.state
    assert (view.theme, view.speed, view.backward, view.clip) == ("dark", 0.5, True, 2.5)
    assert (view.language, view.docks, view.panel) == ("zh_CN", ("plotsDock",), "gates")
    # Turning to the backward pass resets the cursor: the seek comes after it.
    names = [c[0] for c in s.method_calls if c[0] in ("set_backward", "seek")]
    assert names == ["set_backward", "seek"]
    s.set_loop.assert_called_once_with(False)
    host.set_locks.assert_called_once_with(("model",))


def test_a_scenario_whose_settings_are_refused_changes_no_view(qapp) -> None:
    host = _host()
    host.session.apply.return_value = False
    assert not apply_scenario(host, Scenario().with_view(theme="dark"))
    assert host.view_controller.state == ViewState()
    assert host.set_locks.call_args_list == []


def test_the_current_scenario_is_read_from_the_view_state_not_from_widgets(qapp) -> None:
    view = ViewState(theme="dark", docks=("settingsDock",), panel="clipping", clip=0.5)
    host = _host(view.replace(presentation=True, reduced_motion=True))
    scenario = current_scenario(host)
    assert scenario.view == view
    assert scenario.settings == host.session.settings and scenario.cursor == Cursor(3, 1, 0.5)
    assert scenario.view_changes()["docks"] == ("settingsDock",)
    assert "presentation" not in scenario.view_changes(), "the viewer's own choice"


def test_a_lessons_words_are_kept_only_while_its_settings_are(qapp) -> None:
    host = _host()
    lesson = Scenario(settings=host.session.settings, title="T", intro="I", locks=("seed",))
    assert current_scenario(host, lesson).title == "T"
    host.session.settings = host.session.latest.settings = Settings(hidden_size=9)
    again = current_scenario(host, lesson)
    assert (again.title, again.intro, again.locks) == ("", "", ())
