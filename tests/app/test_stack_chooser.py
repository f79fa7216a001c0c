"""The settings dock chooses which cell of a stack the views show, without recomputing."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from lstm_viz.app.session import Session
from lstm_viz.app.settings_panel import SettingsPanel
from lstm_viz.state import results as results_module
from lstm_viz.state.settings import Settings
from tests.weight_files import read_as


def _bilstm_file(monkeypatch, layers: int = 2) -> None:
    """``weights="model.pt"`` reads a bidirectional LSTM of ``layers`` layers (D = 1, H = 3)."""
    rng = np.random.default_rng(8)
    tensors = {}
    for layer in range(layers):
        for tail in ("", "_reverse"):
            width = 1 if layer == 0 else 6
            tensors[f"weight_ih_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, (12, width))
            tensors[f"weight_hh_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, (12, 3))
            tensors[f"bias_ih_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, 12)
            tensors[f"bias_hh_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, 12)
    wf = read_as(tensors, "model.pt")
    monkeypatch.setattr(results_module, "_load_weights_cached", lambda path, prefix=None: wf)


@pytest.fixture
def panel(qtbot):
    session = Session(Settings(hidden_size=4, sequence="sine", length=12))
    widget = SettingsPanel(session)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    session.shutdown()


def test_the_cell_chooser_appears_for_a_stack_only(panel, monkeypatch) -> None:
    assert not panel.layer.isVisible() and not panel.direction.isVisible()
    _bilstm_file(monkeypatch)
    assert panel.session.apply(weights="model.pt")
    assert panel.layer.isVisible() and panel.direction.isVisible()
    assert panel.layer.isEnabled() and panel.direction.isEnabled()


def test_choosing_a_layer_and_direction_shows_that_cell_without_recomputing(
    panel, monkeypatch, qtbot
) -> None:
    _bilstm_file(monkeypatch)
    panel.session.apply(weights="model.pt")
    run = panel.session.results.stack_run
    with qtbot.waitSignal(panel.session.resultsChanged):
        panel.layer.setValue(1)
    panel.direction.setCurrentIndex(panel.direction.findData("reverse"))
    with qtbot.waitSignal(panel.session.resultsChanged):
        panel.direction.activated.emit(panel.direction.currentIndex())
    results = panel.session.results
    assert (results.layer, results.direction) == (1, 1)
    assert results.stack_run is run
    assert results.trace is run.trace.layers[1][1]


def test_a_layer_the_model_lacks_is_refused_and_the_box_returns(panel, monkeypatch, qtbot) -> None:
    _bilstm_file(monkeypatch)
    panel.session.apply(weights="model.pt")
    panel.layer.lineEdit().selectAll()
    qtbot.keyClicks(panel.layer.lineEdit(), "5")
    qtbot.keyClick(panel.layer, Qt.Key.Key_Return)
    assert "numbered 0 to 1" in panel.error.text()
    assert panel.layer.value() == 0 and panel.session.results.layer == 0


def test_clearing_the_weights_goes_back_to_the_first_cell(panel, monkeypatch) -> None:
    _bilstm_file(monkeypatch)
    assert panel.session.apply(weights="model.pt", layer=1, direction="reverse")
    panel.weights_clear.click()
    assert panel.session.settings.weights is None and panel.session.results.layer == 0


def test_the_nonlinearity_row_belongs_to_the_rnn(panel) -> None:
    assert not panel.nonlinearity.isVisible()
    panel.session.apply(model="rnn")
    assert panel.nonlinearity.isVisible()
    panel.nonlinearity.setCurrentIndex(panel.nonlinearity.findData("relu"))
    panel.nonlinearity.activated.emit(panel.nonlinearity.currentIndex())
    assert type(panel.session.results.model).__name__ == "ReluRNN"
    assert panel.model.currentText() == "RNN (ReLU)"
