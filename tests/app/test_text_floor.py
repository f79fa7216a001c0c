"""Every text the diagram and the visible plot draw is at least 11 px tall on screen.

The heights are measured from the items themselves: each text item's font (its
pixel size) times the scale from the item to the screen (its own transforms and
the view's), at the window sizes people have, in both languages.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QGraphicsView

from lstm_viz.diagram import TEXT_FLOOR_PX
from tests.text_heights import font_px, linear_scale, text_fonts

SIZES = [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)]


def smallest_text(view: QGraphicsView) -> float:
    """The smallest on-screen height (pixels) of the words ``view`` shows."""
    heights = []
    viewport = view.viewportTransform()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.scene().items():
        if not item.isVisible() or item.opacity() == 0:
            continue
        if not item.sceneBoundingRect().intersects(shown):
            continue
        for font in text_fonts(item):
            heights.append(font_px(font) * linear_scale(item.deviceTransform(viewport)))
    assert heights, "no text measured"
    return min(heights)


def _plot_views(window) -> list[QGraphicsView]:
    panel = window.plots.currentWidget()
    return [panel.graphics]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_text_of_the_diagram_or_the_plot_is_under_the_floor(qtbot, window, qapp, size) -> None:
    from lstm_viz.i18n import set_language

    window.reset_layout(QSize(*size))
    window.resize(*size)
    window.session.jump_to_step(3)
    try:
        for lang in ("en", "zh_CN"):
            set_language(lang)
            qapp.processEvents()
            diagram = smallest_text(window.view)
            plot = min(smallest_text(v) for v in _plot_views(window))
            print(
                f"\nsmallest text at {size[0]}x{size[1]} ({lang}): "
                f"diagram {diagram:.1f} px, plot {plot:.1f} px"
            )
            assert diagram >= TEXT_FLOOR_PX - 1e-6, lang
            assert plot >= TEXT_FLOOR_PX - 1e-6, lang
    finally:
        set_language("en")
        qapp.processEvents()


def test_a_smaller_view_grows_the_diagram_texts_in_scene_units(qtbot, window, qapp) -> None:
    window.reset_layout(QSize(1280, 720))
    window.resize(1280, 720)
    qapp.processEvents()
    small = window.diagram.text_floor()
    window.reset_layout(QSize(3840, 2160))
    window.resize(3840, 2160)
    qapp.processEvents()
    large = window.diagram.text_floor()
    assert large == pytest.approx(TEXT_FLOOR_PX / window.view.scale_on_screen())
    assert small > TEXT_FLOOR_PX > large


def test_zooming_in_lowers_the_floor_and_ctrl_0_fits_again(qtbot, window, qapp) -> None:
    fitted = window.view.scale_on_screen()
    window.view.zoom_by(window.view.ZOOM_STEP)
    assert window.view.scale_on_screen() == pytest.approx(fitted * window.view.ZOOM_STEP)
    assert window.diagram.text_floor() == pytest.approx(
        TEXT_FLOOR_PX / window.view.scale_on_screen()
    )
    window.view.zoom_by(0)
    assert window.view.scale_on_screen() == pytest.approx(fitted)
