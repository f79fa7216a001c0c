"""The paths panel while its Jacobians compute, and the tab on screen computing first."""

from __future__ import annotations

import threading

from lstm_viz.plots import GradientPlots, PathsPanel
from lstm_viz.plots.worker import BackgroundRunner
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings


def test_the_paths_panel_draws_the_curves_so_far_nearest_first(qtbot, monkeypatch) -> None:
    from lstm_viz.engine.gradients import _jacobian_pass

    monkeypatch.setattr(_jacobian_pass, "FAST_CHUNK_BYTES", 2 * 6 * 6 * 8 * 4)
    runner = BackgroundRunner(progress_after=0.0, partial_every=0.0)
    panel = PathsPanel(runner)
    qtbot.addWidget(panel)
    drawn: list[tuple[int, int, str, float | None]] = []

    def seen(key: str, result: object) -> None:  # connected after the panel: it has drawn
        drawn.append(
            (len(panel.rnn.y), len(panel.highway.y), panel.status.text(), panel.progress.fraction)
        )

    runner.partial.connect(seen)
    comparison = compare(Settings(hidden_size=6, length=48, seed=11))
    with qtbot.waitSignal(runner.finished, timeout=20000):
        panel.set_comparison(comparison)
    assert len(drawn) > 3
    lengths = [n for n, _, _, _ in drawn]
    assert lengths == sorted(lengths) and lengths[0] < 48
    for n, highway, status, fraction in drawn:
        assert highway == 48  # the highway (a product of forget gates) is whole at once
        assert status.startswith("computing the Jacobians… ")
        assert status.endswith(" of 48 steps back so far")
        reach = int(status.removeprefix("computing the Jacobians… ").split(" ")[0])
        assert 0 <= reach <= n  # how far every curve reaches, the RNN's at least that far
        assert fraction is not None and 0.0 < fraction <= 1.0
    # Then the finished curves, the status's summary and no progress line.
    assert panel.curves_data is not None and panel.curves_data.complete
    assert len(panel.rnn.curve.getOriginalDataset()[1]) == 48
    assert panel.status.text().startswith("Step 1, 47 steps back")
    assert panel.progress.fraction is None
    runner.shutdown()


def test_the_current_tab_computes_before_the_others(qtbot) -> None:
    plots = GradientPlots()
    qtbot.addWidget(plots)
    runner = plots.runner
    # Both pool threads busy, so that every panel's job waits in the queue.
    release = threading.Event()
    for k in range(2):
        with qtbot.waitSignal(runner.started, timeout=5000):
            runner.submit(f"blocker{k}", lambda: release.wait(30))
    plots.setCurrentWidget(plots.stability)
    plots.set_comparison(compare(Settings(hidden_size=4, length=12, seed=5)))
    prefix = plots.stability._key_prefix
    qtbot.waitUntil(lambda: any(k.startswith(prefix) for k in runner.queued), timeout=5000)
    qtbot.waitUntil(lambda: len(runner.queued) >= 4, timeout=5000)
    assert runner.queued[0].startswith(prefix)
    plots.setCurrentWidget(plots.connectivity)  # switching tabs re-orders what waits
    first = plots.connectivity._key_prefix
    assert runner.queued[0].startswith(first)
    order: list[str] = []
    runner.started.connect(order.append)
    with qtbot.waitSignal(runner.busy_changed, timeout=60000, check_params_cb=lambda b: not b):
        release.set()
    assert order[0].startswith(first)
    plots.shutdown()
