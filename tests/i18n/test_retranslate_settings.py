"""The settings panel changes language in place: every text, nothing else."""

from __future__ import annotations

import pytest

from lstm_viz.app.session import Session
from lstm_viz.app.settings_panel import SettingsPanel
from lstm_viz.i18n import set_language
from lstm_viz.state.settings import Settings


@pytest.fixture
def session():
    s = Session(Settings(model="gru", hidden_size=3, length=6, init="orthogonal"))
    yield s
    s.shutdown()


@pytest.fixture
def panel(qtbot, session: Session) -> SettingsPanel:
    p = SettingsPanel(session)
    qtbot.addWidget(p)
    return p


def _combo_state(panel: SettingsPanel) -> list[tuple[int, list[object]]]:
    combos = (panel.model, panel.sequence, panel.init)
    return [(c.currentIndex(), [c.itemData(i) for i in range(c.count())]) for c in combos]


def test_settings_panel_speaks_the_new_language_without_a_restart(
    qapp, qtbot, panel: SettingsPanel, session: Session, pseudo_catalogue, find_untranslated
) -> None:
    panel.set_locks(("model", "seed"))
    before, combos = session.settings, _combo_state(panel)
    assert ("QLabel:", "Hidden size") in find_untranslated(panel)

    with (
        qtbot.assertNotEmitted(session.resultsChanged),
        qtbot.assertNotEmitted(session.settingsError),
    ):
        set_language("zh_CN", app_catalogue=pseudo_catalogue)
        qapp.processEvents()
        assert find_untranslated(panel) == []
        assert panel.custom_text.placeholderText().startswith("‹One row per step")
        assert panel.bias_label.text() == "‹Update-gate bias›"
        assert panel.seed.toolTip() == "‹Locked by the lesson (Unlock to change it)›"
        assert panel.lock_note.text() == "‹Locked by the lesson: ‹Model›‹, ›‹Seed››"
        assert panel.weights_label.text() == "‹none (initialised from the seed)›"

        set_language("en")
        qapp.processEvents()

    assert session.settings == before and _combo_state(panel) == combos
    assert panel.hidden_label.text() == "Hidden size"
    assert panel.model.itemText(panel.model.findData("rnn")) == "RNN (tanh)"
    assert panel.lock_note.text() == "Locked by the lesson: Model, Seed"
    assert not panel.model.isEnabled() and not panel.seed.isEnabled()


def test_a_lifted_lock_gives_back_the_tooltip_of_the_language_now_spoken(
    qapp, panel: SettingsPanel, pseudo_language
) -> None:
    panel.set_locks(("hidden_size",))
    panel.unlock.click()
    assert panel.hidden.toolTip() == "‹H: the number of units in every gate and state›"
    assert panel.lock_note.isHidden() and panel.hidden.isEnabled()


def test_an_inline_error_stays_shown_across_a_language_switch(
    qapp, panel: SettingsPanel, session: Session, pseudo_catalogue
) -> None:
    before = session.settings
    combo = panel.sequence
    combo.setCurrentIndex(combo.findData("custom"))
    combo.activated.emit(combo.currentIndex())
    panel.custom_text.setPlainText("0.5\n1.0\noops\n")
    panel.custom_apply.click()
    message = panel.error.text()
    assert message and not panel.error.isHidden()

    set_language("zh_CN", app_catalogue=pseudo_catalogue)
    qapp.processEvents()
    try:
        # The engine's message is said again in the new language, line and value kept.
        assert panel.error.text() != message and not panel.error.isHidden()
        assert "‹" in panel.error.text() and "oops" in panel.error.text()
        assert session.settings == before
        assert panel.sequence.currentData() == "custom" and not panel.custom_text.isHidden()
    finally:
        set_language("en")
        qapp.processEvents()
