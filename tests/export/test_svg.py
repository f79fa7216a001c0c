"""SVG that renders the same everywhere: the rewrite, and two independent rasterisers
compared with the PNG of the same frame.

Tolerances (measured at 640×360 when written: plot area mean 2.1–5.7 per channel,
93–97 % of pixels within 16 units of the PNG or a neighbouring PNG pixel, ink area
0.98–1.03 of the PNG's, with both rsvg-convert 2.54 and resvg 0.5; the SVG before the
rewrite: mean 58, ink 4.3×). Text anti-aliasing differs between renderers, which is
what the remaining differences are; the ink ratio catches curves drawn as bands and
the cursor as a bar.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from lstm_viz.export import ExportOptions, FrameRenderer, to_rgb
from lstm_viz.export.options import still_cursor
from lstm_viz.export.svg import svg_bytes, svg_families
from lstm_viz.export.svg_clean import SVG_NS, XLINK_NS, clean_svg, font_family_list

MEAN_ERROR = 8.0  # mean absolute channel error over the plot area, of 255
WITHIN = 16  # a pixel "matches" when every channel is within this of the PNG
MATCHING_SHARE = 0.9  # share of the plot area's pixels that match
INK_RATIO = (0.85, 1.2)  # the SVG raster's ink area over the PNG's
SIZE = (640, 360)

QT_SVG = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="100mm" height="50mm" viewBox="0 0 200 100" xmlns="{SVG_NS}"
 xmlns:xlink="{XLINK_NS}" version="1.2" baseProfile="tiny">
<g fill="none" stroke="black" stroke-width="1">
<g fill="none" stroke="#123456" stroke-width="1.6" transform="matrix(10,0,0,-20,5,90)"
 font-family="Sans Serif" font-size="12">
<path vector-effect="non-scaling-stroke" fill-rule="evenodd" d="M0,0 L1,2 L2,-1 "/>
<polyline fill="none" vector-effect="non-scaling-stroke" points="0,0 0,4 "/>
<text x="0" y="0">kept under its transform</text>
<rect vector-effect="non-scaling-stroke" x="0" y="0" width="1" height="1"/>
</g>
<g transform="matrix(8,0,0,4,0,0)"><image x="0" y="0" width="2" height="1"
 image-rendering="optimizeSpeed" xlink:href="data:image/png;base64,{{png}}"/></g>
</g>
</svg>"""


def _two_pixel_png() -> str:
    buffer = io.BytesIO()
    Image.fromarray(np.array([[[255, 0, 0], [0, 0, 255]]], np.uint8)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _cleaned() -> ET.Element:
    data = QT_SVG.replace("{png}", _two_pixel_png()).encode()
    return ET.fromstring(clean_svg(data, ["DejaVu Sans", "WenQuanYi Micro Hei"], (200, 100)))


def _tag(e: ET.Element) -> str:
    return e.tag.removeprefix(f"{{{SVG_NS}}}")


def test_non_scaling_strokes_are_redrawn_in_pixels_outside_the_data_transform():
    root = _cleaned()
    path = next(e for e in root.iter() if _tag(e) == "path")
    numbers = [float(v) for v in re.findall(r"-?[\d.]+", path.get("d"))]
    assert numbers == [5, 90, 15, 50, 25, 110]  # (x, y) ↦ (10x + 5, −20y + 90)
    polygon = next(e for e in root.iter() if _tag(e) == "polygon")  # the rect, mapped
    assert polygon.get("points") == "5,90 15,90 15,70 5,70"
    for shape in (path, polygon):
        assert shape.get("vector-effect") is None and shape.get("fill") == "none"
    parents = {c: p for p in root.iter() for c in p}
    assert parents[path].get("transform") is None
    assert parents[path].get("stroke-width") == "1.6"
    text = next(e for e in root.iter() if _tag(e) == "text")
    assert parents[text].get("transform") == "matrix(10,0,0,-20,5,90)"
    # Paint order is kept: path and polyline, then the text, then the rect.
    order = [_tag(e) for e in root.iter() if _tag(e) in ("path", "polyline", "text", "polygon")]
    assert order == ["path", "polyline", "text", "polygon"]
    assert "non-scaling-stroke" not in ET.tostring(root, encoding="unicode")


def test_text_names_the_app_fonts_and_the_size_is_in_pixels():
    root = _cleaned()
    families = {e.get("font-family") for e in root.iter() if e.get("font-family")}
    assert families == {"'DejaVu Sans', 'WenQuanYi Micro Hei', sans-serif"}
    assert (root.get("width"), root.get("height")) == ("200", "100")
    assert font_family_list(["Sans Serif", "Noto Sans SC"]) == "'Noto Sans SC', sans-serif"


def test_unsmoothed_strips_are_enlarged_to_the_pixels_they_cover():
    image = next(e for e in _cleaned().iter() if _tag(e) == "image")
    href = image.get(f"{{{XLINK_NS}}}href").split(",", 1)[1]
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(href))).convert("RGB"))
    assert picture.shape == (4, 16, 3)  # 2 × 1 cells shown 8 × 4 px each
    assert (picture[:, :8] == [255, 0, 0]).all() and (picture[:, 8:] == [0, 0, 255]).all()


def test_unknown_path_commands_are_refused():
    bad = QT_SVG.replace("M0,0 L1,2 L2,-1 ", "M0,0 h5").replace("{png}", _two_pixel_png())
    with pytest.raises(ValueError, match="'h'"):
        clean_svg(bad.encode(), ["DejaVu Sans"], (200, 100))


# -- rasterised by two independent renderers, compared with the PNG -----------------


def _rsvg(svg: bytes, w: int, h: int) -> np.ndarray:
    exe = shutil.which("rsvg-convert")
    if exe is None:
        pytest.skip("rsvg-convert is not installed (Debian: apt-get install librsvg2-bin)")
    png = subprocess.run(
        [exe, "-w", str(w), "-h", str(h)], input=svg, capture_output=True, check=True
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _resvg(svg: bytes, w: int, h: int) -> np.ndarray:
    resvg_py = pytest.importorskip("resvg_py", reason="resvg-py is not installed (the test extra)")
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg.decode(), width=w, height=h))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


RENDERERS = {"rsvg-convert": _rsvg, "resvg": _resvg}
CASES = [("window", "en", "light"), ("window", "zh", "dark"), ("plots", "zh", "light")]
_frames: dict[tuple[str, str, str], tuple[np.ndarray, bytes, tuple[int, int, int, int]]] = {}


def _frame(comparison, case):
    """The PNG picture, the SVG and the plot area (x0, y0, x1, y1) of one frame."""
    if case not in _frames:
        content, lang, theme = case
        options = ExportOptions(size=SIZE, scale=1.0, content=content, lang=lang, theme=theme)
        renderer = FrameRenderer(comparison, options)
        try:
            renderer.wait_ready()
            cursor = still_cursor(options, renderer.timeline)
            png = to_rgb(renderer.render(cursor))
            svg = svg_bytes(renderer, cursor)
            r = renderer._plot_rect().toAlignedRect()
        finally:
            renderer.close()
        _frames[case] = png, svg, (r.left(), r.top(), r.right() + 1, r.bottom() + 1)
    return _frames[case]


def _matching(png: np.ndarray, raster: np.ndarray) -> np.ndarray:
    """Per pixel: within WITHIN of the PNG at that pixel or one of its 8 neighbours
    (a line placed a fraction of a pixel apart is the same line)."""
    padded = np.pad(png, ((1, 1), (1, 1), (0, 0)), mode="edge")
    h, w = png.shape[:2]
    ok = np.zeros((h, w), bool)
    for dy in range(3):
        for dx in range(3):
            near = padded[dy : dy + h, dx : dx + w]
            ok |= np.abs(near - raster).max(-1) <= WITHIN
    return ok


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_rasterised_svg_matches_the_png_of_the_same_frame(qapp, comparison, renderer, case):
    png, svg, (x0, y0, x1, y1) = _frame(comparison, case)
    raster = RENDERERS[renderer](svg, *SIZE)
    assert raster.shape == png.shape
    a, b = png[y0:y1, x0:x1].astype(int), raster[y0:y1, x0:x1].astype(int)
    mean = float(np.abs(a - b).mean())
    share = float(_matching(a, b).mean())
    background = a[-2, -2]
    ink = [float((np.abs(p - background).max(-1) > 60).mean()) for p in (a, b)]
    ratio = ink[1] / ink[0]
    summary = f"{renderer} {case}: mean {mean:.2f}, matching {share:.3f}, ink ×{ratio:.2f}"
    assert mean <= MEAN_ERROR, summary
    assert share >= MATCHING_SHARE, summary
    assert INK_RATIO[0] <= ratio <= INK_RATIO[1], summary
    whole = float(np.abs(png.astype(int) - raster.astype(int)).mean())
    assert whole <= MEAN_ERROR, f"{summary}; whole frame mean {whole:.2f}"


def test_exported_svg_names_real_fonts_and_no_cosmetic_strokes(qapp, comparison):
    _, svg, _ = _frame(comparison, CASES[1])
    text = svg.decode()
    assert "non-scaling-stroke" not in text and '"Sans Serif"' not in text
    families = set(re.findall(r'font-family="([^"]*)"', text))
    assert families == {font_family_list(svg_families())}
    assert "WenQuanYi Micro Hei" in families.pop()
