"""The gradient plot of a settings change: the shown model's curve first, the others later."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.i18n import set_language
from lstm_viz.plots import GradientPanel
from lstm_viz.state.budget import check_run
from lstm_viz.state.comparison import compare_current, compare_others
from lstm_viz.state.settings import SettingsError


@pytest.fixture
def panel(qtbot) -> GradientPanel:
    p = GradientPanel()
    qtbot.addWidget(p)
    return p


def _y(panel: GradientPanel, kind: str) -> np.ndarray:
    """What the curve holds, as drawn (pyqtgraph's own dataset)."""
    _, y = panel.curves[kind].curve.getOriginalDataset()
    return np.zeros(0) if y is None else np.asarray(y)


def _legend(panel: GradientPanel) -> list[str]:
    return [label.text for _sample, label in panel.legend.items]


def test_pending_kinds_have_no_line_until_they_arrive(panel, small) -> None:
    panel.set_comparison(small)  # the old settings, every kind drawn
    partial = compare_current(small.settings.replace(hidden_size=5, model="gru"))
    panel.set_comparison(partial)
    np.testing.assert_array_equal(_y(panel, "gru"), partial["gru"].diagnostics.loss_grad)
    assert _y(panel, "lstm").size == 0 and _y(panel, "rnn").size == 0  # not the old lines
    assert "LSTM" not in panel.hover_at(3.0, -1.0)
    assert panel.status.text().endswith("LSTM, RNN: computing…")

    full = compare_others(partial)
    panel.set_comparison(full)
    for kind in ("lstm", "gru", "rnn"):
        np.testing.assert_array_equal(_y(panel, kind), full[kind].diagnostics.loss_grad)
    assert "computing" not in panel.status.text()


def test_the_legend_keeps_its_rows_in_order_while_the_others_compute(panel, small) -> None:
    partial = compare_current(small.settings.replace(model="rnn"))
    panel.set_comparison(partial)
    assert _legend(panel) == ["RNN (shown)", "LSTM", "GRU"]  # as they will be: no reflow
    items = [sample.item for sample, _label in panel.legend.items]
    panel.set_comparison(compare_others(partial))
    assert _legend(panel) == ["RNN (shown)", "LSTM", "GRU"]
    assert [sample.item for sample, _label in panel.legend.items] == items


def test_others_that_could_not_be_computed_are_said_not_drawn(panel, small) -> None:
    failed = compare_current(small.settings.replace(seed=1)).without_others(
        MemoryError("out of memory")
    )
    panel.set_comparison(failed)
    assert _legend(panel) == ["LSTM (shown)"]
    assert not panel.curves["gru"].curve.isVisible()
    assert panel.status.text().endswith("GRU, RNN not shown: MemoryError: out of memory")


def test_a_refusal_that_left_the_others_out_is_said_in_the_language_shown(
    qapp, panel, small
) -> None:
    with pytest.raises(SettingsError) as refused:
        check_run("lstm", 256, 1, 100_000, length_field="length", hidden_field="hidden_size")
    panel.set_comparison(compare_current(small.settings).without_others(refused.value))
    assert "need about" in panel.status.text()
    try:
        set_language("zh_CN")
        qapp.processEvents()  # LanguageChange: the status is said again
        chinese = panel.status.text()
    finally:
        set_language("en")
        qapp.processEvents()
    assert "need about" not in chinese and "预算" in chinese
