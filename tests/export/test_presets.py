"""Export presets: the size and density each names, and text that stays legible at it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from lstm_viz.cli.export import export_parser
from lstm_viz.diagram.scene import SCENE_W
from lstm_viz.export import ExportOptions, FrameRenderer, options_from_args
from lstm_viz.export.options import DEFAULT_PRESET, PRESETS

#: The picture each preset must make, in pixels, and its density (layout × scale).
EXPECTED = {
    "slides": ((1920, 1080), 2.0),
    "slides-4x3": ((2048, 1536), 2.0),
    "document": ((2480, 1396), 2.0),
    "social": ((1080, 1080), 2.0),
}
#: The smallest diagram text, in the picture's own pixels. 11 px everywhere but the
#: square: its 1080 px are narrower than the diagram's 1280-px scene (9.3 px, measured).
FLOOR = {"slides": 11.0, "slides-4x3": 11.0, "document": 11.0, "social": 9.0}


def args(*argv: str):
    return export_parser().parse_args(["--out", "a.png", *argv])


def smallest_diagram_text(renderer: FrameRenderer) -> float:
    """The smallest text height of the diagram in output pixels (fonts × transform)."""
    o = renderer.options
    draw = renderer._diagram_rect().width() * o.scale / SCENE_W
    sizes = [
        item.font().pixelSize() * item.sceneTransform().m22() * draw
        for item in renderer.scene.items()
        if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible() and item.text()
    ]
    return min(sizes)


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


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_keeps_the_diagram_text_legible(qapp, comparison, name):
    p = PRESETS[name]
    renderer = FrameRenderer(comparison, ExportOptions(size=p.size, scale=p.scale))
    try:
        assert renderer.stacked() == (name == "social")
        assert smallest_diagram_text(renderer) >= FLOOR[name]
    finally:
        renderer.close()
