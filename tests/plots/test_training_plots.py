"""The training curves: the given history unchanged, marks where clipping fired, the
reference lines on the log axis, non-finite values shown, themes."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.palette import DARK, LIGHT
from lstm_viz.plots.training import KINDS, TrainingPlots


@pytest.fixture
def plots(qtbot) -> TrainingPlots:
    p = TrainingPlots()
    qtbot.addWidget(p)
    p.resize(500, 420)
    p.set_models(KINDS)
    return p


def history(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    norm = np.exp(rng.normal(0.0, 1.0, n))
    return {
        "loss": np.exp(rng.normal(-2.0, 1.0, n)),
        "grad_norm": norm,
        "grad_norm_clipped": np.minimum(norm, 1.0),
        "clipped": norm > 1.0,
        "finite": np.ones(n, dtype=bool),
    }


def original(item) -> tuple[np.ndarray, np.ndarray]:
    x, y = item.getOriginalDataset()
    return (np.zeros(0), np.zeros(0)) if x is None else (x, y)


def test_curves_hold_the_history_unchanged_at_iterations_1_to_n(plots) -> None:
    h = history(300)
    plots.set_history("lstm", h)
    x, y = original(plots.loss["lstm"].curve)
    np.testing.assert_array_equal(x, np.arange(1, 301))
    np.testing.assert_array_equal(y, h["loss"])
    np.testing.assert_array_equal(original(plots.grad["lstm"].curve)[1], h["grad_norm"])
    assert original(plots.loss["rnn"].curve)[1].size == 0


def test_clip_marks_are_at_the_clipped_iterations_on_the_raw_norm(plots) -> None:
    h = history(200, seed=3)
    assert 0 < h["clipped"].sum() < 200
    plots.set_history("rnn", h)
    x, y = original(plots.clip_marks["rnn"])
    np.testing.assert_array_equal(x, np.flatnonzero(h["clipped"]) + 1)
    np.testing.assert_array_equal(y, h["grad_norm"][h["clipped"]])


def test_reference_lines_sit_at_their_values_on_the_log_axis(plots) -> None:
    plots.set_reference(1 / 6, "predict the mean: 0.167")
    plots.set_clip(2.5)
    assert plots.trivial_line.isVisible() and plots.clip_line.isVisible()
    assert plots.trivial_line.value() == pytest.approx(np.log10(1 / 6))
    assert plots.clip_line.value() == pytest.approx(np.log10(2.5))
    assert plots.trivial_line.label.format == "predict the mean: 0.167"
    assert "2.5" in plots.clip_line.label.format
    plots.set_clip(None)
    assert not plots.clip_line.isVisible()


def test_non_finite_and_zero_losses_become_markers_not_gaps(plots) -> None:
    h = history(50)
    h["loss"][[10, 20]] = [np.inf, 0.0]
    plots.set_history("gru", h)
    assert plots.loss["gru"].has_overflow and plots.loss["gru"].has_zero
    assert original(plots.loss["gru"].overflow)[0].tolist() == [11.0]
    assert original(plots.loss["gru"].zero)[0].tolist() == [21.0]
    assert plots.loss_edges.top.isVisible()


def test_only_the_chosen_models_show_and_clear_empties_everything(plots) -> None:
    for i, k in enumerate(KINDS):
        plots.set_history(k, history(40, seed=i))
    plots.set_models(("lstm",))
    assert plots.loss["lstm"].curve.isVisible() and not plots.loss["rnn"].curve.isVisible()
    title = plots.loss_plot.titleLabel.text
    assert "LSTM" in title and "RNN" not in title and "GRU" not in title
    plots.clear()
    for k in KINDS:
        assert original(plots.loss[k].curve)[1].size == 0
        assert original(plots.clip_marks[k])[0].size == 0


def test_fixed_iteration_axis(plots) -> None:
    plots.set_iterations(1500)
    lo, hi = plots.loss_plot.viewRange()[0]
    assert lo <= 0 and 1500 <= hi < 1600
    plots.set_history("lstm", history(100))
    assert plots.grad_plot.viewRange()[0] == plots.loss_plot.viewRange()[0]


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_model_colours_follow_the_theme(plots, theme) -> None:
    plots.set_theme(theme.name)
    for k in KINDS:
        assert plots.loss[k].curve.opts["pen"].color().name() == theme.model_color(k)
        assert plots.clip_marks[k].opts["symbolBrush"].color().name() == theme.model_color(k)
        assert theme.model_color(k) in plots.loss_plot.titleLabel.text
