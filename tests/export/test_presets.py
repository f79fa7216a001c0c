"""Export presets: the size and density each names, and text that stays legible at it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel

from lstm_viz.cli.export import export_parser
from lstm_viz.diagram import TEXT_FLOOR_PX
from lstm_viz.export import ExportOptions, FrameRenderer, options_from_args
from lstm_viz.export.options import DEFAULT_PRESET, PRESETS, still_cursor
from tests.text_heights import font_px, linear_scale, text_fonts

#: The picture each preset must make, in pixels, and its density (layout × scale).
EXPECTED = {
    "slides": ((1920, 1080), 2.0),
    "slides-4x3": ((2048, 1536), 2.0),
    "document": ((2480, 1396), 2.0),
    "social": ((1080, 1080), 2.0),
}
#: How each preset's window layout places its parts (see FrameRenderer.arrangement).
ARRANGEMENT = {"slides": "side", "slides-4x3": "grid", "document": "side", "social": "stacked"}


def args(*argv: str):
    return export_parser().parse_args(["--out", "a.png", *argv])


def smallest_diagram_text(renderer: FrameRenderer) -> float:
    """The smallest text of the diagram in picture pixels: each text item's font times
    its scale in the scene times the diagram's picture pixels per scene unit."""
    density = renderer.diagram_density()
    heights = [
        font_px(font) * linear_scale(item.sceneTransform()) * density
        for item in renderer.scene.items()
        if item.isVisible() and item.opacity() > 0
        and item.sceneBoundingRect().intersects(renderer.scene.sceneRect())
        for font in text_fonts(item)
    ]  # fmt: skip
    assert heights, "no diagram text measured"
    return min(heights)


def smallest_plot_text(renderer: FrameRenderer) -> float:
    """The smallest text of the plot panel in picture pixels: the plot's items (fonts ×
    the view's transform) and the panel's visible labels, times the plot's density."""
    panel = renderer.panel
    view = panel.graphics
    viewport = view.viewportTransform()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    heights = [
        font_px(font) * linear_scale(item.deviceTransform(viewport))
        for item in view.scene().items()
        if item.isVisible() and item.opacity() > 0 and item.sceneBoundingRect().intersects(shown)
        for font in text_fonts(item)
    ]
    heights += [
        float(QFontInfo(label.font()).pixelSize())
        for label in panel.findChildren(QLabel)
        if label.isVisibleTo(panel) and label.text().strip()
    ]
    assert heights, "no plot text measured"
    return min(heights) * renderer.plot_density()


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_is_the_size_and_density_it_names(name):
    pixels, scale = EXPECTED[name]
    p = PRESETS[name]
    assert p.pixel_size == pixels and p.scale == scale
    assert "{}×{}".format(*pixels) in p.label
    o = options_from_args(args("--preset", name))
    assert (o.size, o.scale, o.pixel_size) == (p.size, scale, pixels)


def test_the_default_is_the_slides_preset_and_size_and_scale_override_it():
    assert DEFAULT_PRESET == "slides"
    o = options_from_args(args())
    assert o == ExportOptions() and o.pixel_size == (1920, 1080)
    o = options_from_args(args("--preset", "social", "--scale", "1"))
    assert o.size == (540, 540) and o.pixel_size == (540, 540)
    # A size of one's own is in pixels, as before presets (scale 1 unless given).
    assert options_from_args(args("--size", "800x450")).pixel_size == (800, 450)
    assert options_from_args(args("--size", "800x450", "--scale", "2")).pixel_size == (1600, 900)


@pytest.fixture(scope="module", params=[(n, lang) for n in PRESETS for lang in ("en", "zh")],
                ids=lambda p: f"{p[0]}-{p[1]}")  # fmt: skip
def preset_renderer(request, qapp, comparison):
    """A renderer of each preset's window picture, its plot job done, in each language."""
    name, lang = request.param
    p = PRESETS[name]
    options = ExportOptions(size=p.size, scale=p.scale, lang=lang)
    renderer = FrameRenderer(comparison, options)
    renderer.wait_ready()
    renderer.render(still_cursor(options, renderer.timeline))
    yield name, renderer
    renderer.close()


def test_each_preset_draws_every_text_at_least_at_the_floor(preset_renderer):
    name, renderer = preset_renderer
    assert renderer.arrangement() == ARRANGEMENT[name]
    o = renderer.options
    diagram, plot = smallest_diagram_text(renderer), smallest_plot_text(renderer)
    caption = renderer.caption_px(renderer.scene.caption_text()) * o.scale
    print(
        f"\n{name} ({o.lang}): diagram {diagram:.1f} px, plot {plot:.1f} px, "
        f"caption {caption:.0f} px"
    )
    assert diagram >= TEXT_FLOOR_PX - 1e-6
    assert plot >= TEXT_FLOOR_PX - 1e-6
    assert caption >= TEXT_FLOOR_PX


def test_each_presets_plot_fits_its_room_legend_included(preset_renderer):
    _name, renderer = preset_renderer
    panel = renderer.panel
    view = panel.graphics
    # The plot's layout is no wider than its view (a wider one runs off the picture's edge),
    layout = view.ci.geometry()
    assert layout.width() <= view.viewport().width() + 0.5
    # its legend is inside the view,
    legend = view.mapFromScene(panel.legend.sceneBoundingRect()).boundingRect()
    assert QRectF(view.viewport().rect()).contains(QRectF(legend))
    # and the panel, drawn at its density, fills its room in the picture and no more.
    k = renderer.plot_density() / renderer.options.scale
    room = renderer._plot_rect()
    assert panel.width() * k == pytest.approx(room.width(), abs=1)
    assert panel.height() * k <= room.height() + 1
    assert room.right() <= renderer.options.size[0] and room.bottom() <= renderer.options.size[1]


def test_a_long_caption_gets_smaller_type_to_fit_its_room(qapp, comparison):
    p = PRESETS["social"]
    renderer = FrameRenderer(comparison, ExportOptions(size=p.size, scale=p.scale))
    try:
        short = renderer.caption_px("Forget.")
        long = renderer.caption_px("The forget gate decides what to keep. " * 30)
        assert long < short
        assert long * p.scale >= TEXT_FLOOR_PX
    finally:
        renderer.close()


@pytest.mark.parametrize("panel", ["saturation", "clipping", "paths"])
def test_the_widest_panels_fit_the_slides_picture_at_a_legible_size(qapp, comparison, panel):
    p = PRESETS["slides"]
    renderer = FrameRenderer(comparison, ExportOptions(size=p.size, scale=p.scale, panel=panel))
    try:
        renderer.wait_ready()
        view = renderer.panel.graphics
        assert view.ci.geometry().width() <= view.viewport().width() + 0.5
        assert smallest_plot_text(renderer) >= TEXT_FLOOR_PX - 1e-6
    finally:
        renderer.close()


def test_an_svg_of_a_preset_is_shown_at_the_presets_pixel_size(qapp, comparison):
    import xml.etree.ElementTree as ET

    from lstm_viz.export import svg_bytes

    p = PRESETS["slides"]
    options = ExportOptions(size=p.size, scale=p.scale, content="diagram")
    renderer = FrameRenderer(comparison, options)
    try:
        root = ET.fromstring(svg_bytes(renderer, still_cursor(options, renderer.timeline)))
    finally:
        renderer.close()
    assert (root.get("width"), root.get("height")) == ("1920", "1080")
    assert root.get("viewBox").split() == ["0", "0", "960", "540"]
