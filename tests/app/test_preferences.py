"""Start-up never depends on the last session being sane: each remembered value is
checked like input, a bad one is dropped (said in the status bar), the rest kept."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from lstm_viz.app.launch import open_window
from lstm_viz.app.preferences import Preferences
from lstm_viz.cli.gui import gui_parser

GOOD = {
    "view/theme": "dark",
    "view/unrolled": "true",
    "view/reduced_motion": "true",
    "view/language": "en",
    "playback/speed": "2.0",
    "session/settings": json.dumps({"hidden_size": 5, "seed": 4, "length": 12}),
}

CORRUPT = [
    ("view/theme", "pink", "theme"),
    ("view/unrolled", "maybe", "unrolled view"),
    ("view/reduced_motion", "3", "reduced motion"),
    ("view/language", "xx", "language"),
    ("playback/speed", "nan", "speed was invalid; using 1×"),
    ("playback/speed", "inf", "speed"),
    ("playback/speed", "0", "speed"),
    ("playback/speed", "-2", "speed"),
    ("playback/speed", "1e308", "speed"),
    ("session/settings", "[1, 2]", "settings"),
    ("session/settings", "{not json", "settings"),
    ("session/settings", "[" * 100_000 + "]" * 100_000, "settings"),
    ("session/settings", json.dumps({"hidden_size": "eight", "seed": 4}), "hidden_size"),
    ("session/settings", json.dumps({"weights": "/dev/zero", "seed": 4}), "weight file"),
    ("session/settings", json.dumps({"sequence": "file", "sequence_file": "/gone.csv"}), "seq"),
]


@pytest.fixture
def store(tmp_path):
    s = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    for key, value in GOOD.items():
        s.setValue(key, value)
    return s


@pytest.mark.parametrize(
    ("key", "bad", "said"), CORRUPT, ids=[f"{k}={v[:24]}" for k, v, _ in CORRUPT]
)
def test_a_corrupt_remembered_value_is_dropped_and_the_window_opens(
    qtbot, store, key, bad, said, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"a pop-up: {a}"))
    store.setValue(key, bad)
    win = open_window(Preferences(store))
    qtbot.addWidget(win)
    try:
        assert win.isVisible()
        note = win.status_note
        win.statusBar().clearMessage()  # a passing "computing…" covers it for a while
        assert note.isVisible() and said in note.text() and "\n" not in note.text()
        v = win.view_controller.state
        # The other remembered values are kept.
        if key != "view/theme":
            assert v.theme == "dark"
        if key != "playback/speed":
            assert v.speed == win.session.speed == 2.0
        else:
            assert v.speed == win.session.speed == 1.0
        if key != "session/settings":
            assert win.session.settings.hidden_size == 5
        elif "seed" in bad:
            assert win.session.settings.seed == 4, "the good fields of the settings are kept"
    finally:
        win.close()


def test_a_remembered_weight_file_that_no_longer_reads_opens_the_defaults_with_the_reason(
    qtbot, store, tmp_path, monkeypatch
) -> None:
    liar = tmp_path / "w.npz"
    liar.write_bytes(b"PK\x03\x04 not really a zip")
    store.setValue("session/settings", json.dumps({"weights": str(liar), "hidden_size": 5}))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, title, text: said.append(text))
    win = open_window(Preferences(store))
    qtbot.addWidget(win)
    try:
        assert win.session.settings.weights is None and win.session.settings.hidden_size == 8
        assert len(said) == 1 and "w.npz" in said[0]
    finally:
        win.close()


def test_reset_starts_from_the_defaults_and_forgets_the_rest(qtbot, store) -> None:
    assert gui_parser().parse_args(["--reset"]).reset
    win = open_window(Preferences(store), reset=True)
    qtbot.addWidget(win)
    try:
        v = win.view_controller.state
        assert (v.theme, v.unrolled, v.speed) == ("light", False, 1.0)
        assert win.session.settings.hidden_size == 8
        win.statusBar().clearMessage()
        assert not win.status_note.isVisible()
    finally:
        win.close()
