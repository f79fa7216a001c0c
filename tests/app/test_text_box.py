"""A text typed in the settings dock runs through the model, one step per token."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lstm_viz.app.session import Session
from lstm_viz.app.settings_panel import SettingsPanel
from lstm_viz.state.settings import Settings


def test_a_typed_text_runs_one_step_per_word(qtbot) -> None:
    session = Session(Settings(hidden_size=3, sequence="sine", length=8))
    panel = SettingsPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.text_box.isHidden()
    panel.sequence.setCurrentIndex(panel.sequence.findData("text"))
    panel.sequence.activated.emit(panel.sequence.currentIndex())
    assert panel.text_box.isVisible()
    panel.text_box.editor.setPlainText("the cat sat, the end")
    panel.tokenizer.setCurrentIndex(panel.tokenizer.findData("words"))
    with qtbot.waitSignal(session.resultsChanged):
        qtbot.mouseClick(panel.text_box.use, Qt.MouseButton.LeftButton)
    results = session.results
    assert results.sequence.step_labels == ("the", "cat", "sat", ",", "the", "end")
    assert results.model.input_size == 5  # one-hot over the text's own 5 words
    assert session.settings.tokenizer == "words"
    session.shutdown()


def test_an_empty_text_is_refused_and_the_last_sequence_keeps_running(qtbot) -> None:
    session = Session(Settings(hidden_size=3, sequence="sine", length=8))
    panel = SettingsPanel(session)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(session.settingsError) as said:
        assert not panel.text_box.use_text()
    assert said.args[0] == "text"
    assert session.results.sequence.name == "sine"
    session.shutdown()
