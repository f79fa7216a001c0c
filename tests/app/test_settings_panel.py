"""The settings dock shows exactly what the engine uses, and its limits are Settings' limits."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox

from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.number_box import NumberBox
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.scenarios import apply_scenario
from lstm_viz.app.session import Session
from lstm_viz.app.settings_panel import SettingsPanel
from lstm_viz.engine.data.sequences import PRESET_TITLES, PRESETS
from lstm_viz.state.limits import CHOICES, RANGES
from lstm_viz.state.scenario import scenario_from_text
from lstm_viz.state.settings import Settings, SettingsError


@pytest.fixture
def make_panel(qtbot):
    sessions = []

    def make(settings: Settings | None = None) -> SettingsPanel:
        session = Session(settings or Settings(hidden_size=4, length=12))
        panel = SettingsPanel(session)
        qtbot.addWidget(panel)
        panel.show()
        sessions.append(session)
        return panel

    yield make
    for session in sessions:
        session.shutdown()


def shown(panel: SettingsPanel) -> dict[str, object]:
    """What each widget of the panel says."""
    return {
        **{name: box.value() for name, box in panel.boxes.items()},
        **{name: getattr(panel, name).currentData() for name in CHOICES},
        "scale_on": panel.scale_on.isChecked(),
        "bias_on": panel.bias_on.isChecked(),
    }


def type_into(qtbot, box: NumberBox, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


# -- the limits are Settings' ------------------------------------------------------------


def test_every_number_box_has_the_range_settings_accept(make_panel) -> None:
    panel = make_panel()
    boxes = panel.findChildren(NumberBox)
    assert sorted(map(id, boxes)) == sorted(map(id, panel.boxes.values()))  # none left out
    assert set(panel.boxes) == set(RANGES)
    for name, box in panel.boxes.items():
        assert box.limits == RANGES[name]
        low, high = box.limits.low, box.limits.high
        for end in (low, high):  # both ends are settings the engine takes ...
            assert getattr(Settings().replace(**{name: end}), name) == end
        whole = box.limits.whole
        for beyond in (low - 1, high + 1) if whole else (
            math.nextafter(low, -math.inf), math.nextafter(high, math.inf)
        ):  # fmt: skip
            with pytest.raises(SettingsError):  # ... and one step beyond is not
                Settings().replace(**{name: beyond})


def test_every_combo_box_lists_exactly_the_choices_settings_accept(make_panel) -> None:
    panel = make_panel()
    combos = {name: getattr(panel, name) for name in CHOICES}
    # The weight file's module chooser lists the file's modules, not a fixed choice.
    found = {id(c) for c in panel.findChildren(QComboBox)} - {id(panel.weights_area.module)}
    assert found == {id(c) for c in combos.values()}
    for name, combo in combos.items():
        assert tuple(combo.itemData(i) for i in range(combo.count())) == CHOICES[name]
        assert all(combo.itemText(i) for i in range(combo.count()))  # each one named


# -- what is shown is what runs -----------------------------------------------------------


def test_a_seed_of_three_billion_and_large_scales_are_shown_exactly(make_panel) -> None:
    settings = Settings(
        hidden_size=4, length=12, seed=3_000_000_000, forget_bias=50.0, recurrent_scale=5000.0
    )
    panel = make_panel(settings)
    assert panel.seed.lineEdit().text() == "3000000000"
    assert panel.forget_bias.lineEdit().text() == "50"
    assert panel.scale.lineEdit().text() == "5000"
    assert shown(panel) | {"input_size": None} == {
        **{f: getattr(settings, f) for f in (*RANGES, *CHOICES)},
        "input_size": None,
        "scale_on": True,
        "bias_on": True,
    }
    assert panel.input_size.value() == panel.session.results.model.input_size


def test_the_length_box_shows_the_steps_that_run(qtbot, make_panel) -> None:
    panel = make_panel(Settings(hidden_size=2, length=RANGES["length"].high))
    # So long a start is computed on a worker thread, the defaults shown until then.
    qtbot.waitUntil(lambda: panel.session.computing is None, timeout=120_000)
    assert panel.length.value() == panel.session.results.steps == RANGES["length"].high
    panel.session.apply(sequence="custom", custom_text="1\n2\n3")
    assert panel.length.value() == 3 and not panel.length.isEnabled()


def test_the_size_boxes_show_a_weight_files_sizes_beyond_the_typed_limits(
    make_panel, tmp_path
) -> None:
    hidden, inputs = RANGES["hidden_size"].high + 44, 3
    rng = np.random.default_rng(0)
    path = tmp_path / "wide.npz"
    np.savez(
        path,
        weight_ih_l0=rng.normal(0, 0.05, (4 * hidden, inputs)),
        weight_hh_l0=rng.normal(0, 0.05, (4 * hidden, hidden)),
        bias_ih_l0=np.zeros(4 * hidden),
        bias_hh_l0=np.zeros(4 * hidden),
    )
    panel = make_panel(Settings(sequence="noise", length=6, input_size=inputs))
    assert panel.session.apply(weights=str(path))
    assert panel.hidden.value() == hidden and panel.hidden.lineEdit().text() == str(hidden)
    assert not panel.hidden.isEnabled()


# -- typed values: refused in words, never bent -------------------------------------------


@pytest.mark.parametrize(
    ("box", "typed", "said"),
    [
        ("hidden_size", "100000", "Hidden size: must be a whole number from 1 to 256"),
        ("length", "1e308", "Length: must be a whole number from 1 to 100000, got 1e+308"),
        ("seed", "5000000000", "Seed: must be a whole number from 0 to 4294967295"),
        ("forget_bias", "2e6", "Forget bias: must be a number from -1e+06 to 1e+06"),
        ("seed", "twelve", "Seed: must be a whole number from 0 to 4294967295, got 'twelve'"),
    ],
)
def test_a_typed_value_outside_the_range_is_refused_with_a_message(
    qtbot, make_panel, box, typed, said
) -> None:
    panel = make_panel()
    before = panel.session.settings
    widget = panel.boxes[box]
    type_into(qtbot, widget, typed)
    assert panel.error.isVisible() and panel.error.text().startswith(said)
    assert panel.session.settings == before  # the last good settings stay
    assert widget.value() == getattr(before, box)
    assert widget.lineEdit().text() == str(getattr(before, box)).removesuffix(".0")


def test_a_typed_value_in_range_is_applied_and_clears_the_message(qtbot, make_panel) -> None:
    panel = make_panel()
    type_into(qtbot, panel.seed, "99999999999")
    assert panel.error.isVisible()
    type_into(qtbot, panel.seed, "3000000000")
    assert panel.session.settings.seed == 3_000_000_000
    assert panel.error.isHidden()


# -- the sequence box and its description follow the sequence that runs -------------------


def test_choosing_custom_says_the_previous_sequence_still_runs(make_panel) -> None:
    panel = make_panel()
    panel.custom_text.clear()
    described = panel.sequence_note.text()
    panel.sequence.setCurrentIndex(panel.sequence.findData("custom"))
    panel.sequence.activated.emit(panel.sequence.currentIndex())
    assert panel.custom_text.isVisible()
    assert panel.sequence_note.text() != described
    running = panel.session.settings.sequence  # the first screen's adding problem
    assert PRESET_TITLES[running] in panel.sequence_note.text()  # what still runs, by name


def test_a_loaded_preset_closes_the_custom_editor(make_panel) -> None:
    panel = make_panel()
    panel.sequence.setCurrentIndex(panel.sequence.findData("custom"))
    panel.sequence.activated.emit(panel.sequence.currentIndex())
    panel.custom_text.setPlainText("1\n2")  # typed, never used
    panel.session.apply(sequence="impulse")  # as a scenario does
    assert panel.sequence.currentData() == "impulse"
    assert panel.custom_text.isHidden()
    assert panel.sequence_note.text() == PRESETS["impulse"]


def test_a_loaded_custom_sequence_shows_its_own_values(make_panel) -> None:
    panel = make_panel()
    panel.custom_text.setPlainText("9\n9\n9")  # an older draft
    panel.session.apply(sequence="custom", custom_text="0.5\n-1\n2\n")
    assert panel.custom_text.isVisible()
    assert panel.custom_text.toPlainText() == "0.5\n-1\n2\n"


# -- scenarios with extreme but valid values ----------------------------------------------

EXTREME = """
format = 1
[settings]
model = "gru"
hidden_size = 256
sequence = "impulse"
length = 300
seed = 4294967295
recurrent_scale = 5000.0
forget_bias = -50.0
init = "orthogonal"

[playback]
t = 299
speed = 64.0
"""


@pytest.fixture
def window(qtbot, tmp_path):
    store = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Session(Settings(hidden_size=4, length=10)), Preferences(store))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.shutdown()


def test_a_scenario_with_extreme_values_is_shown_exactly(window, tmp_path) -> None:
    panel = window.settings_panel
    panel.sequence.setCurrentIndex(panel.sequence.findData("custom"))  # editing "custom"
    panel.sequence.activated.emit(panel.sequence.currentIndex())
    scenario = scenario_from_text(EXTREME, tmp_path)
    assert apply_scenario(window, scenario)
    s = window.session.settings
    assert shown(panel) == {
        **{f: getattr(s, f) for f in (*RANGES, *CHOICES)},
        "input_size": window.session.results.model.input_size,
        "scale_on": True,
        "bias_on": True,
    }
    assert (s.seed, s.forget_bias, s.recurrent_scale, s.length) == (2**32 - 1, -50.0, 5000.0, 300)
    assert panel.seed.lineEdit().text() == "4294967295"
    assert panel.forget_bias.lineEdit().text() == "-50"
    assert panel.custom_text.isHidden() and panel.sequence.currentData() == "impulse"
    assert panel.sequence_note.text() == PRESETS["impulse"]
    assert window.session.speed == 64.0
    assert window.playback.speed.currentData() == 64.0
    assert window.playback.speed.currentText() == "64×"


def test_during_a_long_change_the_form_keeps_what_was_asked_for(
    qtbot, make_panel, monkeypatch
) -> None:
    from lstm_viz.app import session as session_module

    panel = make_panel(Settings(hidden_size=4, length=12))
    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    session = panel.session
    assert session.apply(model="gru", length=30)
    assert session.settings.length == 12  # the last results are still shown
    assert panel.length.value() == 30 and panel.model.currentData() == "gru"
    # A refused change goes back to the last good settings: the ones computing.
    assert not session.apply(hidden_size=0)
    assert panel.length.value() == 30 and panel.model.currentData() == "gru"
    assert panel.hidden.value() == 4
    session.wait_comparison(timeout=60)
    assert panel.length.value() == 30 and session.results.kind == "gru"
