"""Opening a table with a date column asks which columns are the inputs, listing the header."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from lstm_viz.app.columns_dialog import ColumnsDialog
from lstm_viz.app.session import Session
from lstm_viz.app.settings_panel import SettingsPanel
from lstm_viz.state.settings import Settings


@pytest.fixture
def panel(qtbot):
    session = Session(Settings(hidden_size=4, length=12))
    made = SettingsPanel(session)
    qtbot.addWidget(made)
    made.show()
    yield made
    session.shutdown()


def test_the_dialog_lists_the_header_and_checks_the_numeric_columns(qtbot):
    dialog = ColumnsDialog(("Month", "Passengers", "Trend"), ("1949-01", "112", "0.5"), None)
    qtbot.addWidget(dialog)
    assert [box.text() for box in dialog.boxes] == [
        "Month (first value: 1949-01)",
        "Passengers (first value: 112)",
        "Trend (first value: 0.5)",
    ]
    assert [box.isChecked() for box in dialog.boxes] == [False, True, True]
    assert dialog.spec() == "Passengers,Trend"
    dialog.boxes[2].setChecked(False)
    assert dialog.spec() == "Passengers"
    dialog.boxes[1].setChecked(False)
    assert not dialog.buttons.buttons()[0].isEnabled()  # nothing chosen: no OK


def test_a_file_with_dates_is_opened_through_the_dialog_and_the_dates_label_the_steps(
    panel, tmp_path, monkeypatch
) -> None:
    table = tmp_path / "air.csv"
    table.write_text("Month,Passengers\n1949-01,112\n1949-02,118\n1949-03,132\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(table), ""))
    asked = []

    def accept(dialog: ColumnsDialog) -> int:
        asked.append([box.text() for box in dialog.boxes])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ColumnsDialog, "exec", accept)
    assert panel.choose_sequence_file()
    assert asked == [["Month (first value: 1949-01)", "Passengers (first value: 112)"]]
    s = panel.session.settings
    assert (s.sequence, s.sequence_columns) == ("file", "Passengers")
    assert panel.session.results.sequence.step_labels == ("1949-01", "1949-02", "1949-03")
    assert panel.columns_button.isVisible()


def test_cancelling_the_dialog_keeps_the_previous_sequence(panel, tmp_path, monkeypatch):
    table = tmp_path / "air.csv"
    table.write_text("Month,Passengers\n1949-01,112\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(table), ""))
    monkeypatch.setattr(ColumnsDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    before = panel.session.settings
    assert not panel.choose_sequence_file()
    assert panel.session.settings == before
