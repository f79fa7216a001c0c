"""The weights area lists the file's modules, switches between them, and says what loading did."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.app.session import Session
from lstm_viz.app.settings_panel import SettingsPanel
from lstm_viz.state.settings import Settings


@pytest.fixture
def panel(qtbot):
    session = Session(Settings(hidden_size=4, sequence="sine", length=12))
    made = SettingsPanel(session)
    qtbot.addWidget(made)
    made.show()
    yield made
    session.shutdown()


def seq2seq(path):
    rng = np.random.default_rng(0)
    state = {}
    for prefix, rows, hidden in (("encoder.", 12, 4), ("decoder.", 12, 3)):
        state[f"{prefix}weight_ih_l0"] = rng.normal(size=(rows, 1))
        state[f"{prefix}weight_hh_l0"] = rng.normal(size=(rows, hidden))
    np.savez(path, **state)
    return path


def test_the_module_chooser_lists_the_files_modules_and_switches_the_model(panel, tmp_path) -> None:
    area = panel.weights_area
    assert area.isHidden()  # no weight file: nothing to say
    assert panel.session.apply(weights=str(seq2seq(tmp_path / "s2s.npz")))
    assert area.isVisible() and area.module.isVisible()
    items = [area.module.itemData(i) for i in range(area.module.count())]
    assert items == [None, "encoder.", "decoder."]
    assert panel.session.results.kind == "gru"
    assert "showing the first, 'encoder.'" in area.report.text()
    area.module.activated.emit(2)
    assert panel.session.settings.weights_module == "decoder."
    assert panel.session.results.kind == "lstm" and area.module.currentIndex() == 2
    assert "recurrent module 'decoder.'" in area.report.text()


def test_the_report_says_what_was_filled_and_the_ignored_keys_come_on_demand(
    panel, tmp_path
) -> None:
    rng = np.random.default_rng(1)
    path = tmp_path / "rnn.npz"
    np.savez(
        path,
        **{
            "rnn.weight_ih_l0": rng.normal(size=(3, 1)),
            "rnn.weight_hh_l0": rng.normal(size=(3, 3)),
        },
        **{f"fc{i}.weight": np.ones((1, 3)) for i in range(6)},
    )
    assert panel.session.apply(weights=str(path))
    area = panel.weights_area
    lines = area.report.text().splitlines()
    assert lines[0] == "NumPy .npz arrays from rnn.npz"
    assert any(line.startswith("nonlinearity tanh assumed") for line in lines)
    assert "no biases in the file (PyTorch bias=False): zeros used" in lines
    assert not area.module.isVisible()  # one module: nothing to choose
    assert area.details.isHidden()
    area.details_button.click()
    assert area.details.isVisible()
    assert area.details.text() == ", ".join(f"fc{i}.weight" for i in range(6))


def test_the_health_of_a_loaded_model_is_shown_with_its_problems_first(panel, tmp_path) -> None:
    table = tmp_path / "big.csv"
    table.write_text("\n".join(str(v) for v in (112, 300, 622, 400)) + "\n")
    assert panel.session.apply(weights=str(seq2seq(tmp_path / "s2s.npz")))
    assert panel.session.apply(sequence="file", sequence_file=str(table))
    lines = panel.weights_area.health.text().splitlines()
    assert lines[0] == "Health of this model on this input:"
    assert lines[1].startswith("⚠ inputs reach 622")
    assert any(line.startswith("· σ_max of each block of W_hh: r ") for line in lines)
