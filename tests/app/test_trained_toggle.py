""" "Before training / after training" is one click, and the sentence beside it says which
model is shown with the screen's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.app.session import Session
from lstm_viz.app.settings_panel import SettingsPanel
from lstm_viz.i18n import say
from lstm_viz.state.settings import Settings
from lstm_viz.state.training_note import training_note


@pytest.fixture
def panel(qtbot):
    session = Session(Settings())
    p = SettingsPanel(session)
    qtbot.addWidget(p)
    p.show()
    yield p
    session.shutdown()


def test_the_first_screen_says_it_shows_the_model_after_training(panel) -> None:
    toggle = panel.trained
    r = panel.session.results
    assert toggle.isVisible() and toggle.box.isChecked() and r.trained is not None
    assert toggle.note.text() == say(training_note(r))
    assert toggle.note.text().startswith("After training: this LSTM")


def test_one_click_shows_the_same_weights_before_training_and_back(panel) -> None:
    toggle = panel.trained
    after = panel.session.results
    toggle.box.click()
    before = panel.session.results
    assert not panel.session.settings.trained and before.trained is None
    assert toggle.note.text().startswith("Before training: the LSTM as initialised from seed 0")
    for key, value in after.trained.untrained().params.items():
        assert np.array_equal(before.model.params[key], value)
    toggle.box.click()
    assert panel.session.settings.trained and panel.session.results.trained is after.trained


def test_settings_without_a_twin_keep_the_box_and_say_what_ships(panel) -> None:
    panel.session.apply(hidden_size=5)
    toggle = panel.trained
    assert toggle.box.isChecked() and panel.session.results.trained is None
    assert "lstm-viz ships trained models only for H = 8, seed 0" in toggle.note.text()
