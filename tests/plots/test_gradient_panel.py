"""Gradient norm vs distance: the engine's numbers, the cursor, hover and overflow markers."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from lstm_viz.plots import GradientPanel
from lstm_viz.plots._logcurve import LogCurve
from lstm_viz.plots._style import DARK, LIGHT
from lstm_viz.state.comparison import compare
from lstm_viz.state.plot_data import x_positions
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


@pytest.fixture
def panel(qtbot) -> GradientPanel:
    p = GradientPanel()
    qtbot.addWidget(p)
    return p


def test_each_curve_holds_exactly_the_engines_loss_gradient(panel, small) -> None:
    panel.set_comparison(small)
    for kind in ("lstm", "gru", "rnn"):
        x, y = panel.curves[kind].curve.getOriginalDataset()
        np.testing.assert_array_equal(y, small[kind].diagnostics.loss_grad)
        np.testing.assert_array_equal(x, np.arange(11, -1, -1))  # distance T − t
        _, shown = panel.curves[kind].curve.getData()  # what is drawn: log10 on a log axis
        np.testing.assert_allclose(shown, np.log10(small[kind].diagnostics.loss_grad))


def test_the_current_model_is_emphasised(panel, small_rnn) -> None:
    panel.set_comparison(small_rnn)
    widths = {k: c.curve.opts["pen"].widthF() for k, c in panel.curves.items()}
    assert widths["rnn"] > widths["lstm"] and widths["rnn"] > widths["gru"]


def test_a_new_recurrent_scale_changes_the_curves(panel, small_rnn) -> None:
    panel.set_comparison(small_rnn)
    before = panel.curves["rnn"].curve.getOriginalDataset()[1].copy()
    changed = compare(small_rnn.settings.replace(recurrent_scale=1.6))
    panel.set_comparison(changed)
    after = panel.curves["rnn"].curve.getOriginalDataset()[1]
    np.testing.assert_array_equal(after, changed["rnn"].diagnostics.loss_grad)
    assert not np.array_equal(before, after)


def test_the_cursor_line_follows_playback_on_either_axis(panel, small) -> None:
    panel.set_comparison(small)
    panel.set_cursor(Cursor(t=4))
    assert panel.cursor_line.value() == 12 - 5  # step 5 is 7 steps from T = 12
    panel.set_axis("step")
    assert panel.cursor_line.value() == 5
    np.testing.assert_array_equal(
        panel.curves["lstm"].curve.getOriginalDataset()[0], x_positions(12, "step")
    )
    assert "step t" in panel.plot.getAxis("bottom").labelText


def test_hover_shows_every_curves_value_at_that_step(panel, small) -> None:
    panel.set_comparison(small)
    text = panel.hover_at(3.2, -1.0)  # distance 3: step 9
    assert "step t = 9" in text
    for kind in ("lstm", "gru", "rnn"):
        v = small[kind].diagnostics.loss_grad[8]
        assert f"{kind.upper()}: {v:.3g}" in text or f"{kind.upper()}: {v:.2e}" in text
    assert panel.hover_text.isVisible()


def test_overflowing_steps_are_marked_not_dropped(panel) -> None:
    cmp = compare(
        Settings(model="rnn", init="orthogonal", recurrent_scale=5.0, hidden_size=32,
                 sequence="impulse", length=3000)
    )  # fmt: skip
    panel.set_comparison(cmp)
    grad = cmp["rnn"].diagnostics.loss_grad
    bad = ~np.isfinite(grad)
    assert bad.any()
    curve = panel.curves["rnn"]
    xs = x_positions(3000, "distance")
    assert _covered(curve.overflow, curve.overflow_bars, xs) == set(xs[bad])
    for item in (curve.overflow, curve.overflow_bars):  # on the top row, above every curve
        assert np.all(item.getOriginalDataset()[1] == 10.0 ** panel._edges[1])
    assert panel.edge_labels.top.isVisible() and "overflow" in panel.edge_labels.top.toPlainText()
    assert "overflow" in panel.status.text()


def _covered(markers, bars, xs: np.ndarray) -> set[float]:
    """The steps an edge row marks: its markers, and every step under one of its bars."""
    at, between = markers.getOriginalDataset()[0], bars.getOriginalDataset()[0]
    marked = set() if at is None else set(np.asarray(at).tolist())
    pairs = np.zeros((0, 2)) if between is None else np.asarray(between).reshape(-1, 2)
    for a, b in pairs:
        marked |= set(xs[(xs >= min(a, b)) & (xs <= max(a, b))].tolist())
    return marked


def test_a_run_of_zeros_is_one_bar_between_two_markers(qtbot) -> None:
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.plotItem.setLogMode(y=True)
    curve = LogCurve(widget.plotItem)
    y = np.ones(100_000)
    y[:90_000] = 0.0  # underflowed far from the loss
    y[95_000] = 0.0  # and once more, alone
    x = np.arange(100_000.0)
    curve.set_data(x, y, (-4.0, 1.0))
    np.testing.assert_array_equal(curve.zero.getOriginalDataset()[0], [0.0, 89_999.0, 95_000.0])
    np.testing.assert_array_equal(curve.zero_bars.getOriginalDataset()[0], [0.0, 89_999.0])
    assert _covered(curve.zero, curve.zero_bars, x) == set(x[y == 0].tolist())
    nothing, _ = curve.overflow.getOriginalDataset()
    assert nothing is None or len(nothing) == 0


def test_zeros_are_marked_on_the_bottom_row(qtbot) -> None:
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.plotItem.setLogMode(y=True)
    curve = LogCurve(widget.plotItem)
    y = np.array([1.0, 0.1, 0.0, np.inf, np.nan, 1e-3])
    curve.set_data(np.arange(6.0), y, (-4.0, 1.0))
    np.testing.assert_array_equal(curve.zero.getOriginalDataset()[0], [2.0])
    np.testing.assert_array_equal(curve.zero.getOriginalDataset()[1], [1e-4])
    np.testing.assert_array_equal(curve.overflow.getOriginalDataset()[0], [3.0, 4.0])
    assert curve.has_zero and curve.has_overflow


def test_the_theme_recolours_background_and_curves(panel, small) -> None:
    panel.set_comparison(small)
    panel.set_theme("dark")
    assert panel.graphics.backgroundBrush().color().name() == DARK.background
    assert panel.curves["lstm"].curve.opts["pen"].color().name() == DARK.c_line
    panel.set_theme("light")
    assert panel.curves["rnn"].curve.opts["pen"].color().name() == LIGHT.accent


def test_backward_playback_draws_the_curve_point_by_point(qtbot) -> None:
    from lstm_viz.plots import GradientPanel
    from lstm_viz.state.comparison import compare
    from lstm_viz.state.settings import Settings
    from lstm_viz.state.timeline import Cursor

    panel = GradientPanel()
    qtbot.addWidget(panel)
    cmp = compare(Settings(hidden_size=4, length=20))
    panel.set_comparison(cmp)
    curve = panel.curves["lstm"].curve
    assert len(curve.getOriginalDataset()[1]) == 20
    panel.set_cursor(Cursor(14, 0, 0.5, backward=True))
    _, y = curve.getOriginalDataset()
    np.testing.assert_array_equal(y, cmp["lstm"].diagnostics.loss_grad[14:])
    panel.set_cursor(Cursor(5, 2, 1.0))
    assert len(curve.getOriginalDataset()[1]) == 20


def test_with_a_weight_file_the_comparison_models_are_labelled_untrained(qtbot, tmp_path) -> None:
    from lstm_viz.engine import LSTM, save_weights
    from lstm_viz.plots import GradientPanel
    from lstm_viz.state.comparison import compare
    from lstm_viz.state.settings import Settings

    path = save_weights(tmp_path / "w.npz", "lstm", LSTM(1, 4, seed=9).params)
    panel = GradientPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(compare(Settings(weights=str(path), sequence="sine", length=10, seed=2)))
    labels = [label.text for _sample, label in panel.legend.items]
    assert labels[0].startswith("LSTM (shown)")
    assert any("GRU (untrained, seed 2)" in text for text in labels)
