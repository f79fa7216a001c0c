"""The other panels: engine numbers in, background work delivered, stale results dropped."""

from __future__ import annotations

import threading

import numpy as np
import pyqtgraph as pg
import pytest

from lstm_viz.diagram import colormaps, theme
from lstm_viz.engine.gradients.connectivity import connectivity
from lstm_viz.engine.gradients.gate_stats import saturation
from lstm_viz.engine.gradients.sweep import scale_sweep
from lstm_viz.plots import (
    ClippingPanel,
    ConnectivityPanel,
    GatesPanel,
    GradientPlots,
    PathsPanel,
    SaturationPanel,
    StabilityPanel,
    _style,
    stability,
)
from lstm_viz.plots.worker import BackgroundRunner
from lstm_viz.state import plot_data
from lstm_viz.state.budget import SweepWindow
from lstm_viz.state.comparison import compare
from lstm_viz.state.plot_data import Sweeps, format_value, paths_caption, run_sweeps
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


def _add(qtbot, panel):
    qtbot.addWidget(panel)
    return panel


def test_paths_arrive_from_the_background_with_the_engines_numbers(qtbot, small) -> None:
    panel = _add(qtbot, PathsPanel())
    panel.set_comparison(small)
    assert panel.busy  # set_comparison returned before the Jacobians were done
    qtbot.waitUntil(lambda: panel.curves_data is not None, timeout=5000)
    d = small["lstm"].diagnostics
    for name, expected in (
        ("highway", d.highway),
        ("cell_total", d.cell_total),
        ("cell_other", d.cell_other),
        ("rnn", small["rnn"].diagnostics.jacobian_spectral),
    ):
        np.testing.assert_array_equal(panel.curves[name].curve.getOriginalDataset()[1], expected)


def test_paths_status_states_the_caption_with_the_curves_numbers(qtbot, small) -> None:
    panel = _add(qtbot, PathsPanel())
    panel.set_comparison(small)
    qtbot.waitUntil(lambda: panel.curves_data is not None, timeout=5000)
    caption = paths_caption(panel.curves_data)
    assert caption is not None
    line, said = panel.status.text().splitlines()
    n = small.current_results.steps - 1
    assert line.startswith(f"Step 1, {n} steps back: highway ")
    numbers = [format_value(getattr(caption, k)) for k in ("total", "highway", "other")]
    if caption.distance == n:  # the line's step-1 numbers are the caption's: said once
        assert all(v in line for v in numbers)
        claim = "are above the highway there" if caption.above else "at or below the highway"
        assert claim in said
    else:
        assert f"At distance {caption.distance}, all paths ({numbers[0]})" in said
        assert all(v in said for v in numbers)


def test_paths_status_names_the_distance_when_the_caption_is_about_a_nearer_step(
    qtbot, small
) -> None:
    from dataclasses import replace

    panel = _add(qtbot, PathsPanel())
    panel.set_comparison(small)
    qtbot.waitUntil(lambda: panel.curves_data is not None, timeout=5000)
    d = panel.curves_data
    # The total above the highway at distance 2 only: the caption is about that distance.
    total = d.highway.copy()
    total[-3] = d.highway[-3] * 5
    panel.show_curves(replace(d, cell_total=total))
    caption = paths_caption(panel.curves_data)
    assert caption.distance == 2 and caption.above
    said = panel.status.text().splitlines()[-1]
    assert said.startswith(f"At distance 2, all paths ({format_value(caption.total)}) are above")


def test_gates_show_the_trace_and_the_cursor(qtbot, small) -> None:
    panel = _add(qtbot, GatesPanel())
    panel.set_comparison(small)
    tr = small.current_results.trace
    shown = {row.key: row.heatmap.values for row in panel.rows}
    np.testing.assert_array_equal(shown["f"], tr.gates["f"].T)  # units × steps
    np.testing.assert_array_equal(shown["c"], tr.c.T)
    np.testing.assert_array_equal(shown["h"], tr.h.T)
    assert panel.rows[0].heatmap.image.levels.tolist() == [0.0, 1.0]
    panel.set_cursor(Cursor(t=6))
    assert all(row.cursor_line.value() == 7 for row in panel.rows)
    assert "unit 2, step t = 3" in panel.describe("f", 3.1, 1.2)


def test_gates_follow_the_model_kind(qtbot, small_rnn) -> None:
    panel = _add(qtbot, GatesPanel())
    panel.set_comparison(small_rnn)
    assert [r.key for r in panel.rows if r.plot.scene() is not None][:1] == ["h"]
    np.testing.assert_array_equal(panel.rows[0].heatmap.values, small_rnn["rnn"].trace.h.T)


def test_the_stability_map_runs_in_the_background_and_shows_the_sweep(
    qtbot, small, monkeypatch
) -> None:
    # The sweep waits until the test lets it go: set_comparison must return first, and
    # the sweep must run on a worker thread. (How long it takes: benchmarks/timings.py.)
    release, finished, threads = threading.Event(), threading.Event(), []

    def gated(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(timeout=5)
        try:
            return run_sweeps(*args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(stability, "run_sweeps", gated)
    panel = _add(qtbot, StabilityPanel())
    panel.set_comparison(small)
    assert not finished.is_set() and panel.sweeps is None and panel.busy
    release.set()
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    assert threads and threading.main_thread() not in threads
    x = small.current_results.sequence.values
    expected = scale_sweep("rnn", x, 4, 0, init="orthogonal", forget_bias=1.0)
    np.testing.assert_array_equal(panel.sweeps["rnn"].loss_grad, expected.loss_grad)
    shown = panel.maps["rnn"].heatmap.values  # rows: distance 0 … T−1, columns: scale
    np.testing.assert_array_equal(shown, np.log10(expected.loss_grad).T[::-1])
    assert panel.maps["rnn"].pascanu.value() == pytest.approx(1.0)
    assert "orthogonal" in panel.status.text()


def test_a_stale_sweep_never_overwrites_a_newer_one(qtbot, small, small_rnn) -> None:
    panel = _add(qtbot, StabilityPanel())
    panel.comparison = small
    key = panel._key("sweep")
    x = small.current_results.sequence.values
    whole = SweepWindow(start=0, stop=x.shape[0], steps=x.shape[0], seconds=0.0)
    old = Sweeps({"rnn": scale_sweep("rnn", x, 4, 0, [1.0])}, whole)
    new = Sweeps({"rnn": scale_sweep("rnn", x, 4, 0, [2.0])}, whole)
    first = panel.runner.next_generation(key)
    second = panel.runner.next_generation(key)
    panel.runner.deliver(key, second, new)
    panel.runner.deliver(key, first, old)  # arrives late
    assert panel.sweeps is new


def test_the_current_scale_is_marked_on_the_stability_map(qtbot, small_rnn) -> None:
    panel = _add(qtbot, StabilityPanel())
    panel.set_comparison(small_rnn)
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    assert panel.maps["rnn"].current.isVisible()
    assert panel.maps["rnn"].current.value() == pytest.approx(0.9)


def test_clipping_follows_the_threshold(qtbot, small_rnn) -> None:
    panel = _add(qtbot, ClippingPanel())
    panel.set_comparison(small_rnn)
    qtbot.waitUntil(lambda: panel.sweeps is not None, timeout=10000)
    panel.set_threshold(0.01)
    qtbot.waitUntil(lambda: panel.sweeps["rnn"].max_norm == 0.01, timeout=10000)
    s = panel.sweeps["rnn"]
    np.testing.assert_array_equal(panel.raw["rnn"].curve.getOriginalDataset()[1], s.param_grad_norm)
    np.testing.assert_array_equal(
        panel.clipped["rnn"].curve.getOriginalDataset()[1], s.clipped_norm
    )
    fired = int(s.fired.sum())
    assert f"fires at {fired} of 40 scales" in panel.status.text()


def test_connectivity_is_the_engines_matrix(qtbot, small) -> None:
    panel = _add(qtbot, ConnectivityPanel())
    panel.set_comparison(small)
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    r = small.current_results
    expected = connectivity(r.model, r.trace)
    lower = np.tril(np.ones_like(expected, dtype=bool))
    assert panel.matrix.logs.dtype == np.float32  # stored small, at display resolution
    np.testing.assert_allclose(panel.matrix.logs[lower], np.log10(expected[lower]), rtol=1e-6)
    assert panel.matrix.far == expected[-1, 0]
    shown = panel.heatmap.values
    np.testing.assert_array_equal(shown[lower], panel.matrix.logs[lower])
    assert np.isnan(shown[~lower]).all()  # t > t' is empty, not zero
    panel.set_cursor(Cursor(t=3))
    assert panel.cursor_line.value() == 4


def test_a_long_connectivity_map_is_binned_to_the_display(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(plot_data, "CONNECTIVITY_RESOLUTION", 16)
    comparison = compare(Settings(model="gru", hidden_size=4, length=50))
    panel = _add(qtbot, ConnectivityPanel())
    panel.set_comparison(comparison)
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    assert panel.matrix.logs.shape == (16, 16) and panel.matrix.steps == 50
    assert panel.heatmap.image.boundingRect().width() == 16  # one pixel per bin ...
    assert panel.plot.viewRange()[0] == pytest.approx([0.5, 50.5])  # ... over all steps


def test_a_long_job_fills_the_panels_progress_line(qtbot, small) -> None:
    runner = BackgroundRunner(progress_after=0.0)
    panel = _add(qtbot, ConnectivityPanel(runner))
    seen: list[float] = []
    runner.progressed.connect(lambda key, fraction: seen.append(panel.progress.fraction))
    with qtbot.waitSignal(runner.finished, timeout=10000):
        panel.set_comparison(small)
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    # Read while each report was shown: the line followed the job up to the end ...
    assert seen and seen == sorted(seen) and seen[-1] == 1.0
    assert panel.progress.fraction is None  # ... and is empty once the map is drawn
    runner.shutdown()


def test_saturation_dots_are_the_engines_fractions(qtbot, small) -> None:
    panel = _add(qtbot, SaturationPanel())
    panel.set_comparison(small)
    stats = saturation(small.current_results.trace)
    assert panel.gates == ["f", "i", "o", "g"]
    x, y = panel.scatters[0].getData()
    np.testing.assert_array_equal(x, stats["f"].left)
    np.testing.assert_array_equal(y, stats["f"].right)


def test_saturation_puts_four_gates_in_two_rows_when_one_would_be_too_narrow(qtbot, small) -> None:
    panel = _add(qtbot, SaturationPanel())
    panel.set_comparison(small)
    panel.resize(1000, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.columns == 4)
    layout = panel.graphics.ci
    assert [layout.getItem(0, col) for col in range(4)] == panel.plots
    panel.resize(420, 500)
    qtbot.waitUntil(lambda: panel.columns == 2)
    assert [layout.getItem(k // 2, k % 2) for k in range(4)] == panel.plots
    # Every row's first plot says what its y axis is; the others leave it to them.
    assert [p.getAxis("left").labelText for p in panel.plots] == [
        "fraction open", "", "fraction open", ""
    ]  # fmt: skip
    assert all(p.width() >= 150 for p in panel.plots)


def test_saturation_counts_again_only_for_new_results(qtbot, small, monkeypatch) -> None:
    from dataclasses import replace

    from lstm_viz.plots import saturation as saturation_module

    panel = _add(qtbot, SaturationPanel())
    panel.set_comparison(small)
    counted = []
    monkeypatch.setattr(
        saturation_module,
        "gate_saturation",
        lambda results: counted.append(results) or plot_data.gate_saturation(results),
    )
    panel.set_comparison(replace(small))  # the other kinds arrived: the same results
    assert counted == []
    other = compare(Settings(model="gru", hidden_size=3, length=6))
    panel.set_comparison(other)
    assert counted == [other.current_results] and panel.gates[0] != "f"
    # The dots take the shown model's colour with their data.
    fill = panel.scatters[0].points()[0].brush().color()
    expected = pg.mkColor(panel.theme.model_color("gru"))
    assert (fill.red(), fill.green(), fill.blue()) == (
        expected.red(), expected.green(), expected.blue()
    )  # fmt: skip


def test_the_container_forwards_to_every_panel_and_reports_busy(qtbot, small) -> None:
    plots = _add(qtbot, GradientPlots())
    with qtbot.waitSignal(plots.busy_changed, check_params_cb=lambda b: not b, timeout=15000):
        plots.set_comparison(small)
        assert plots.busy
    assert all(p.comparison is small for p in plots.panels)
    plots.set_cursor(Cursor(t=2))
    plots.set_theme("dark")
    assert all(p.cursor == Cursor(t=2) and p.theme.name == "dark" for p in plots.panels)
    assert plots.stability.sweeps is not None and plots.connectivity.matrix is not None


def test_the_plots_wear_the_diagrams_colours() -> None:
    # One palette for both layers: the same theme objects and colour-scale stops.
    assert _style.LIGHT is theme.LIGHT and _style.DARK is theme.DARK
    assert colormaps.SEQUENTIAL.stops == _style.VIRIDIS
    assert colormaps.DIVERGING.stops == _style.RDBU
    assert colormaps.DIVERGING_DARK.stops == _style.RDBU_DARK


def test_gates_draw_a_saturated_rnn_as_it_is(qtbot) -> None:
    cmp = compare(Settings(model="rnn", init="orthogonal", recurrent_scale=50.0, length=20))
    panel = _add(qtbot, GatesPanel())
    panel.set_comparison(cmp)  # saturated tanh, no crash, values shown as they are
    np.testing.assert_array_equal(panel.rows[0].heatmap.values, cmp["rnn"].trace.h.T)
