"""The what-if bar edits a token or forces a gate at the cursor, shows the original, undoes."""

from __future__ import annotations

import numpy as np

from lstm_viz.app.session import Session
from lstm_viz.app.whatif import install_what_if
from lstm_viz.plots.text_panel import TextPanel
from lstm_viz.state.settings import Settings
from lstm_viz.state.text_view import showcase_settings

TEXT = "x = 'ab'\n"


def _setup(qtbot, settings: Settings):
    session = Session(settings)
    panel = TextPanel()
    qtbot.addWidget(panel)
    panel.show()
    bar = install_what_if(session, panel)
    controller = bar.controller
    session.resultsChanged.connect(lambda _r: panel.set_comparison(session.comparison))
    session.cursorChanged.connect(panel.set_cursor)
    panel.set_comparison(session.comparison)
    return session, panel, controller, bar


def test_replacing_the_cursors_token_reruns_and_shows_the_original_faint(qtbot) -> None:
    session, panel, controller, bar = _setup(
        qtbot, showcase_settings(Settings()).replace(text=TEXT)
    )
    original = session.results
    session.jump_to_step(4)  # the opening quote
    bar.token.setText("q")
    with qtbot.waitSignal(controller.changed):
        bar.replace_button.click()
    edited = session.results
    assert edited.sequence.step_labels[4] == "q"
    assert session.settings == original.settings  # the settings are not the edit
    np.testing.assert_array_equal(edited.trace.h[:4], original.trace.h[:4])
    assert "line-through" in panel.browser.toHtml()
    assert panel.browser.toPlainText() == "x = 'qab'\n"  # the struck original, then the edit
    assert "originally" in panel.prediction.text()
    assert bar.undo_button.isEnabled()
    with qtbot.waitSignal(controller.changed) as undone:
        bar.undo_button.click()
    assert undone.args == [None]
    assert session.results is original
    assert "originally" not in panel.prediction.text()
    assert not bar.undo_button.isEnabled()
    session.shutdown()


def test_forcing_a_gate_changes_later_steps_and_a_setting_change_ends_it(qtbot) -> None:
    session, _panel, controller, bar = _setup(qtbot, Settings(hidden_size=3, length=8))
    session.jump_to_step(2)
    bar.gate.setCurrentIndex(bar.gate.findData("f"))
    bar._fill_values()
    bar.unit.setValue(1)
    bar.value.setCurrentIndex(bar.value.findData(0.0))
    before = session.results.trace.c.copy()
    with qtbot.waitSignal(controller.changed):
        bar.clamp_button.click()
    after = session.results.trace
    assert after.gates["f"][2, 1] == 0.0
    np.testing.assert_array_equal(after.c[:2], before[:2])
    assert not np.array_equal(after.c[2:, 1], before[2:, 1])
    with qtbot.waitSignal(controller.changed) as ended:
        session.apply(length=9)
    assert ended.args == [None] and controller.edits == ()
    session.shutdown()


def test_an_edit_that_cannot_apply_says_why_and_keeps_the_results(qtbot) -> None:
    session, _panel, _controller, bar = _setup(qtbot, Settings(hidden_size=3, length=8))
    results = session.results
    bar.token.setText("abc")
    bar.replace_button.click()
    assert "not a number" in bar.message.text()
    assert session.results is results
    session.shutdown()


def test_an_edit_during_a_long_change_waits_for_its_results_and_says_so(qtbot, monkeypatch) -> None:
    from lstm_viz.app import session as session_module

    session, _panel, controller, bar = _setup(qtbot, Settings(hidden_size=3, length=8))
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    results = session.results
    assert session.apply(length=9)
    running = session.computing
    session.jump_to_step(2)
    bar.gate.setCurrentIndex(bar.gate.findData("f"))
    bar._fill_values()
    with qtbot.waitSignal(controller.failed) as said:
        bar.clamp_button.click()
    assert "being computed" in said.args[0] and "being computed" in bar.message.text()
    assert session.results is results and session.computing is running
    session.wait_comparison(timeout=60)
    assert session.settings.length == 9 and controller.edits == ()
    session.shutdown()
