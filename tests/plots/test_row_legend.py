"""A legend under its plot takes fewer columns rather than widen the plot past its widget."""

from __future__ import annotations

import pyqtgraph as pg
import pytest

from lstm_viz.plots._style import outside_legend

NAMES = ("LSTM (shown)", "GRU (untrained, seed 0)", "RNN (untrained, seed 0)")


@pytest.fixture
def graphics(qtbot) -> pg.GraphicsLayoutWidget:
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("width", [300, 420, 620, 1200])
def test_the_plot_and_its_legend_stay_inside_the_widget(graphics, qtbot, width: int) -> None:
    plot = graphics.addPlot()
    legend = outside_legend(graphics, plot)
    for name in NAMES:
        plot.plot([1, 2], name=name)
    graphics.resize(width, 300)
    graphics.show()
    qtbot.waitUntil(lambda: legend.room is not None)
    qtbot.waitUntil(lambda: graphics.ci.layout.geometry().width() <= width)
    assert plot.sceneBoundingRect().right() <= width
    assert legend.sceneBoundingRect().right() <= width
    assert legend.natural_width(legend.columnCount) <= legend.room or legend.columnCount == 1


def test_a_wide_widget_keeps_every_wanted_column(graphics, qtbot) -> None:
    plot = graphics.addPlot()
    legend = outside_legend(graphics, plot, columns=3)
    for name in NAMES:
        plot.plot([1, 2], name=name)
    graphics.resize(1600, 300)
    graphics.show()
    qtbot.waitUntil(lambda: legend.room is not None)
    assert legend.columnCount == 3
    graphics.resize(320, 300)
    qtbot.waitUntil(lambda: legend.columnCount == 1)
    graphics.resize(1600, 300)
    qtbot.waitUntil(lambda: legend.columnCount == 3)  # and back when there is room again
