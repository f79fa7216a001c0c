"""The window after a settings change: the shown model at once, the other kinds' lines later."""

from __future__ import annotations

import numpy as np

from lstm_viz.app.main_window import MainWindow


def _y(window: MainWindow, kind: str) -> np.ndarray:
    _, y = window.plots.gradient.curves[kind].curve.getOriginalDataset()
    return np.zeros(0) if y is None else np.asarray(y)


def test_the_other_kinds_lines_appear_with_the_complete_comparison(
    qtbot, window: MainWindow
) -> None:
    old = {k: _y(window, k).copy() for k in ("lstm", "gru", "rnn")}
    assert all(v.size for v in old.values())
    with qtbot.waitSignal(window.session.comparisonChanged) as arrived:
        assert window.session.apply(hidden_size=7)
        # Redrawn with the shown model; no line of the old settings for the others.
        current = window.session.results.diagnostics.loss_grad
        np.testing.assert_array_equal(_y(window, "lstm"), current)
        assert _y(window, "gru").size == 0 and _y(window, "rnn").size == 0
        assert window.plots.gates.comparison.current_results is window.session.results
        # No panel's job runs on the partial comparison: none could lack the others.
        assert window.plots.runner.pending == frozenset()
    full = arrived.args[0]
    for kind in ("lstm", "gru", "rnn"):
        np.testing.assert_array_equal(_y(window, kind), full[kind].diagnostics.loss_grad)
        assert not np.array_equal(_y(window, kind), old[kind])
    assert all(panel.comparison is full for panel in window.plots.panels)
    # The panels that read the other kinds run on the complete comparison.
    qtbot.waitUntil(lambda: not window.plots.busy, timeout=60_000)
    paths = window.plots.paths.curves_data
    assert paths is not None and paths.rnn_jacobian is not None
    np.testing.assert_array_equal(paths.rnn_jacobian, full["rnn"].diagnostics.jacobian_spectral)
    assert "rnn" in (window.plots.stability.sweeps or {})  # an other kind, swept


def test_a_refused_change_keeps_every_line(qtbot, window: MainWindow) -> None:
    before = {k: _y(window, k).copy() for k in ("lstm", "gru", "rnn")}
    shown = window.session.comparison
    with qtbot.assertNotEmitted(window.session.comparisonChanged):
        assert not window.session.apply(hidden_size=0)
    assert window.session.comparison is shown
    for kind, y in before.items():
        np.testing.assert_array_equal(_y(window, kind), y)


def test_a_long_change_is_said_in_the_status_bar_until_its_model_is_drawn(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from lstm_viz.app import session as session_module

    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    with qtbot.waitSignal(window.session.resultsChanged):
        assert window.session.apply(model="gru", hidden_size=5)
        message = window.statusBar().currentMessage()
        assert "GRU" in message and "12 steps" in message
        assert "f" in window.diagram.part_names()  # the last results' LSTM, still
    assert "GRU" not in window.statusBar().currentMessage()
    assert window.session.results.kind == "gru" and "f" not in window.diagram.part_names()
    np.testing.assert_array_equal(_y(window, "gru"), window.session.results.diagnostics.loss_grad)


def test_closing_during_a_long_change_remembers_the_settings_asked_for(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from lstm_viz.app import session as session_module

    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    asked = window.session.settings.replace(hidden_size=5)
    assert window.session.apply(hidden_size=5)
    assert window.session.computing is not None
    window.close()
    assert window.preferences.last_settings() == asked


def test_a_window_opened_on_a_long_start_says_what_it_computes(qtbot, prefs, monkeypatch) -> None:
    from lstm_viz.app import session as session_module
    from lstm_viz.app.session import Session
    from lstm_viz.state.settings import Settings

    monkeypatch.setattr(session_module, "BACKGROUND_SECONDS", 0.0)
    start = Settings(model="gru", hidden_size=5, length=12)
    win = MainWindow(Session(start), prefs)
    qtbot.addWidget(win)
    assert "GRU" in win.statusBar().currentMessage()
    with qtbot.waitSignal(win.session.resultsChanged):
        pass
    assert win.session.settings == start and "GRU" not in win.statusBar().currentMessage()
    win.session.shutdown()
