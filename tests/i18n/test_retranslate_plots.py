"""The gradient plots and the equations speak a new language in place, without a restart."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from lstm_viz.app.explain_panel import ExplanationPanel
from lstm_viz.i18n import set_language
from lstm_viz.plots import GradientPlots
from lstm_viz.state.comparison import Comparison, compare
from lstm_viz.state.results import Results, compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor

MODEL_NAMES = {"LSTM", "GRU", "RNN"}


@pytest.fixture(scope="module")
def small() -> Comparison:
    return compare(Settings(hidden_size=4, length=12, init="orthogonal"))


@pytest.fixture
def plots(qtbot, small) -> GradientPlots:
    """The seven panels with every result shown, background jobs included."""
    w = GradientPlots()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.busy_changed, check_params_cb=lambda b: not b, timeout=15000):
        w.set_comparison(small)
    w.set_cursor(Cursor(t=4))
    w.gradient.hover_at(3.0, 0.0)  # the hover label speaks too
    return w


def _speak(qapp, code: str, catalogue=None) -> None:
    set_language(code, app_catalogue=catalogue)
    qapp.processEvents()


def _scene_texts(plots: GradientPlots) -> list[tuple[str, str]]:
    """What the pyqtgraph scenes show: axis titles, plot titles, legends, labels on the plots."""
    out = []
    for panel in plots.panels:
        for item in panel.graphics.scene().items():
            if isinstance(item, pg.AxisItem):
                text = item.labelText
            elif isinstance(item, pg.LabelItem):  # titles and legend entries
                text = item.text
            elif isinstance(item, pg.TextItem):  # edge rows, hover, labels on lines
                text = item.toPlainText()
            else:
                continue
            if text:
                out.append((f"{type(panel).__name__} {type(item).__name__}", text))
    return out


def _legend_names(plots: GradientPlots) -> list[str]:
    return [
        label.text
        for panel in plots.panels
        for item in panel.graphics.scene().items()
        if isinstance(item, pg.LegendItem)
        for _sample, label in item.items
    ]


def _all_texts(plots: GradientPlots) -> list[str]:
    """Every text of the plots, widgets and scenes, for comparing before and after."""
    texts = [plots.tabText(i) for i in range(plots.count())]
    for w in plots.findChildren(QWidget):
        texts += [w.toolTip(), w.accessibleName()]
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
    texts += [text for _where, text in _scene_texts(plots)]
    return sorted(t for t in texts if t)


def _as_labels(qtbot, texts: list[tuple[str, str]]) -> QWidget:
    """The scene texts as labels of a widget, for ``find_untranslated``."""
    holder = QWidget()
    qtbot.addWidget(holder)
    for where, text in texts:
        QLabel(text, holder).setObjectName(where)
    return holder


def test_gradient_plots_speak_the_new_language_without_a_restart(
    qtbot, qapp, plots, pseudo_catalogue, find_untranslated
) -> None:
    english = _all_texts(plots)
    assert plots.tabText(0) == "Gradient vs distance"
    try:
        _speak(qapp, "zh_CN", pseudo_catalogue)
        assert find_untranslated(plots) == []
        assert find_untranslated(_as_labels(qtbot, _scene_texts(plots))) == []
        # Legend names such as "{k} raw" are too short for find_untranslated to spot.
        stale = [n for n in _legend_names(plots) if n not in MODEL_NAMES and n[0] != "‹"]
        assert stale == []
        assert plots.tabText(0) == "‹Gradient vs distance›"
        assert plots.stability.orthogonal.text() == "‹orthogonal W_hh for the sweep›"
    finally:
        _speak(qapp, "en")
    assert plots.tabText(0) == "Gradient vs distance"
    assert _all_texts(plots) == english


def test_a_language_switch_keeps_every_setting_and_starts_no_work(
    qtbot, qapp, plots, pseudo_catalogue
) -> None:
    plots.gradient.set_axis("step")
    plots.clipping.set_threshold(3.0)
    plots.setCurrentIndex(3)
    qtbot.waitUntil(lambda: not plots.busy, timeout=15000)
    shown = (plots.stability.sweeps, plots.clipping.sweeps, plots.connectivity.matrix)
    paths = plots.paths.curves_data
    try:
        with qtbot.assertNotEmitted(plots.busy_changed, wait=2 * 120):
            _speak(qapp, "zh_CN", pseudo_catalogue)
        assert not plots.busy
        assert plots.gradient.axis_mode == "step"
        assert plots.gradient.axis_box.currentData() == "step"
        assert plots.gradient.axis_box.itemText(1) == "‹step t›"
        assert plots.clipping.threshold.value() == 3.0
        assert not plots.stability.orthogonal.isChecked()
        assert plots.currentIndex() == 3
        assert (plots.stability.sweeps, plots.clipping.sweeps, plots.connectivity.matrix) == shown
        assert plots.paths.curves_data is paths
    finally:
        _speak(qapp, "en")
    assert plots.gradient.axis_box.itemText(1) == "step t"


@pytest.fixture(scope="module")
def lstm() -> Results:
    return compute(Settings(model="lstm", hidden_size=4, length=10))


def test_the_equations_speak_the_new_language_without_a_restart(
    qtbot, qapp, lstm, pseudo_catalogue, find_untranslated
) -> None:
    panel = ExplanationPanel()
    qtbot.addWidget(panel)
    panel.resize(560, 700)
    panel.show_cursor(lstm, Cursor(3, 1, 0.5))
    english, rebuilds = panel.toPlainText(), panel.rebuilds
    try:
        _speak(qapp, "zh_CN", pseudo_catalogue)
        assert panel.rebuilds > rebuilds
        assert find_untranslated(panel) == []
        assert panel.toPlainText() != english
    finally:
        _speak(qapp, "en")
    assert panel.toPlainText() == english
