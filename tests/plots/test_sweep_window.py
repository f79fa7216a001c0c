"""The sweep panels over the work budget: the first steps swept, said so; progress shown."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine.gradients.sweep import scale_sweep
from lstm_viz.plots import ClippingPanel, StabilityPanel
from lstm_viz.plots.worker import BackgroundRunner
from lstm_viz.state import budget as state_budget
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


@pytest.fixture
def long_rnn():
    return compare(Settings(model="rnn", hidden_size=4, length=60))


def _budget_for(monkeypatch, comparison, kinds, steps: int, parameters: bool, start=0) -> None:
    d = comparison.current_results.model.input_size
    work = state_budget.sweeps_cost(kinds, 4, d, steps, 40, parameters, start)
    monkeypatch.setattr(state_budget, "SWEEP_WORK", work)


def test_the_stability_map_sweeps_the_first_steps_that_fit_and_says_so(
    qtbot, monkeypatch, long_rnn
) -> None:
    _budget_for(monkeypatch, long_rnn, ("rnn", "lstm"), 25, parameters=False)
    panel = StabilityPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(long_rnn)
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    window = panel.sweeps.window
    assert (window.stop, window.steps) == (25, 60) and not window.whole
    # Exactly the sweep of the 25-step sequence: its loss is at step 25.
    x = long_rnn.current_results.sequence.values[:25]
    want = scale_sweep("rnn", x, 4, 0, forget_bias=long_rnn.settings.forget_bias)
    np.testing.assert_array_equal(panel.sweeps["rnn"].loss_grad, want.loss_grad)
    assert panel.sweeps["rnn"].param_grad_norm is None  # the map does not draw them
    assert panel.maps["rnn"].heatmap.values.shape == (25, 40)
    note = panel.note.text()
    assert not panel.note.isHidden() and panel.status.text().startswith("init: ")
    assert note.startswith("sweeping all 60 steps would take about")
    assert "swept steps 1–25" in note and "the loss at step 25" in note
    # The cursor's row is its distance from step 25; past the steps swept, no row.
    panel.set_cursor(Cursor(t=20))
    assert panel.maps["rnn"].cursor.value() == 4 and panel.maps["rnn"].cursor.isVisible()
    panel.set_cursor(Cursor(t=40))
    assert not panel.maps["rnn"].cursor.isVisible()


def test_the_stability_map_shows_the_rows_nearest_the_loss_and_sweeps_to_the_cursor(
    qtbot, monkeypatch, long_rnn
) -> None:
    _budget_for(monkeypatch, long_rnn, ("rnn", "lstm"), 60, parameters=False, start=30)
    panel = StabilityPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(long_rnn)
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    assert (panel.sweeps.window.start, panel.sweeps.window.stop) == (30, 60)
    # The rows of steps 31–60 of the whole sweep: the same numbers, the loss at step 60.
    x = long_rnn.current_results.sequence.values
    fb = long_rnn.settings.forget_bias
    whole = scale_sweep("rnn", x, 4, 0, forget_bias=fb, parameters=False)
    np.testing.assert_allclose(panel.sweeps["rnn"].loss_grad, whole.loss_grad[:, 30:], rtol=1e-12)
    assert panel.maps["rnn"].heatmap.values.shape == (30, 40)
    assert "the loss at step 60, its gradient at steps 31–60" in panel.note.text()
    assert not panel.note.isHidden() and panel.to_cursor_button.parent() is panel.note
    # Played to step 45 (t = 44), the sweep's loss moves there: the rows before it.
    panel.set_cursor(Cursor(t=44))
    panel.to_cursor_button.click()
    qtbot.waitUntil(lambda: panel.sweeps.window.stop == 45, timeout=10000)
    window = panel.sweeps.window
    assert 0 <= window.start < 44
    cut = scale_sweep("rnn", x[:45], 4, 0, forget_bias=fb, parameters=False)
    np.testing.assert_allclose(
        panel.sweeps["rnn"].loss_grad, cut.loss_grad[:, window.start :], rtol=1e-12
    )
    assert panel.maps["rnn"].cursor.value() == 0 and panel.maps["rnn"].cursor.isVisible()
    # New settings: back to the loss at the last step.
    panel.set_comparison(long_rnn)
    qtbot.waitUntil(lambda: panel.sweeps.window.stop == 60, timeout=10000)


def test_the_clipping_panel_sweeps_the_first_steps_that_fit_and_says_so(
    qtbot, monkeypatch, long_rnn
) -> None:
    _budget_for(monkeypatch, long_rnn, ("rnn", "lstm"), 30, parameters=True)
    panel = ClippingPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(long_rnn)
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    assert panel.sweeps.window.stop == 30
    x = long_rnn.current_results.sequence.values[:30]
    want = scale_sweep("rnn", x, 4, 0, forget_bias=long_rnn.settings.forget_bias, clip=5.0)
    np.testing.assert_array_equal(panel.sweeps["rnn"].param_grad_norm, want.param_grad_norm)
    assert "swept steps 1–30" in panel.note.text() and not panel.note.isHidden()
    assert panel.status.text().startswith("RNN: fires at")


def test_a_sweep_that_fits_says_nothing_about_steps(qtbot, long_rnn) -> None:
    panel = StabilityPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(long_rnn)
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    assert panel.sweeps.window.whole
    assert panel.status.text().startswith("init: ")
    assert panel.note.isHidden()  # and with it the button


@pytest.mark.parametrize("panel_class", [StabilityPanel, ClippingPanel])
def test_the_sweep_fills_the_panels_progress_line(qtbot, long_rnn, panel_class) -> None:
    runner = BackgroundRunner(progress_after=0.0)
    panel = panel_class(runner)
    qtbot.addWidget(panel)
    seen: list[float] = []
    runner.progressed.connect(lambda key, fraction: seen.append(panel.progress.fraction))
    with qtbot.waitSignal(runner.finished, timeout=10000):
        panel.set_comparison(long_rnn)
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    assert panel.progress.fraction is None  # empty once the sweep is drawn
    runner.shutdown()
