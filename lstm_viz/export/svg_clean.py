"""Make Qt's SVG output render alike in every renderer (no Qt here: XML in, XML out).

QSvgGenerator writes SVG Tiny 1.2. pyqtgraph draws its curves, grid and cursor
lines with cosmetic pens inside the view's data transform (x in steps, y in
decades, scaled by hundreds), which the generator writes as
``vector-effect="non-scaling-stroke"`` shapes under that transform. Renderers
without that Tiny feature (librsvg, ImageMagick, resvg, cairosvg) scale the
stroke with the data: a 1.6 px curve becomes a band tens of pixels wide, the
dashed cursor line a black bar. Text comes as ``font-family="Sans Serif"``,
Qt's alias, which other renderers resolve to another font, so the runs Qt
placed side by side (Latin, then Chinese) overlap or leave gaps.

:func:`clean_svg` rewrites such a document so nothing depends on those
features: every non-scaling shape gets its coordinates mapped through its
group's transform and moves into a group without one (its stroke width is
then plain pixels), stroked shapes say ``fill="none"`` themselves, every text
names the real fonts the app draws with, and the size is given in pixels.
"""

from __future__ import annotations

import base64
import io
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from PIL import Image

__all__ = ["clean_svg", "font_family_list"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

_G = f"{{{SVG_NS}}}g"
_IMAGE = f"{{{SVG_NS}}}image"
_HREF = f"{{{XLINK_NS}}}href"
_PNG_DATA = "data:image/png;base64,"
#: The most pixels an enlarged picture may have (a 1080p frame is 2 M).
MAX_IMAGE_PIXELS = 4_000_000
_NON_SCALING = "non-scaling-stroke"
#: Qt's generic family names and what SVG calls them.
_GENERIC = {"sans serif": "sans-serif", "sans-serif": "sans-serif", "serif": "serif",
            "monospace": "monospace"}  # fmt: skip
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: Commands whose arguments are all absolute (x, y) pairs: what QSvgGenerator writes.
_PAIR_COMMANDS = set("MLCQST")

Matrix = tuple[float, float, float, float, float, float]


def font_family_list(families: Sequence[str]) -> str:
    """A CSS font-family value: ``families`` quoted, then the generic ``sans-serif``."""
    names = [f"'{f}'" for f in families if f.lower() not in _GENERIC]
    return ", ".join([*dict.fromkeys(names), "sans-serif"])


def _matrix(transform: str) -> Matrix | None:
    """The ``matrix(a,b,c,d,e,f)`` that QSvgGenerator writes; None for any other form."""
    m = re.fullmatch(r"\s*matrix\(([^)]*)\)\s*", transform)
    if m is None:
        return None
    values = [float(v) for v in _NUMBER.findall(m.group(1))]
    if len(values) != 6:
        return None
    a, b, c, d, e, f = values
    return a, b, c, d, e, f


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _num(v: float) -> str:
    return f"{v:.6g}"


def _points(m: Matrix, values: Sequence[float]) -> list[tuple[float, float]]:
    return [_apply(m, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]


def _points_text(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


def _path(m: Matrix, d: str) -> str:
    """Path data ``d`` with every point mapped through ``m``."""
    out: list[str] = []
    args: list[float] = []

    def flush() -> None:
        if len(args) % 2:
            raise ValueError(f"SVG path: odd number of coordinates in {d[:60]!r}")
        out.extend(_num(v) for xy in _points(m, args) for v in xy)
        args.clear()

    for token in _PATH_TOKEN.findall(d):
        if token.isalpha():
            flush()
            if token.upper() not in _PAIR_COMMANDS | {"Z"} or (token.islower() and token != "z"):
                raise ValueError(f"SVG path command {token!r} is not one QSvgGenerator writes")
            out.append(token)
        else:
            args.append(float(token))
    flush()
    return " ".join(out)


def _ellipse_path(m: Matrix, cx: float, cy: float, rx: float, ry: float) -> str:
    """An ellipse as four cubic Béziers (exact enough: 0.03 % of the radius), mapped."""
    k = 0.5522847498
    pts = [
        (cx + rx, cy),
        (cx + rx, cy + k * ry), (cx + k * rx, cy + ry), (cx, cy + ry),
        (cx - k * rx, cy + ry), (cx - rx, cy + k * ry), (cx - rx, cy),
        (cx - rx, cy - k * ry), (cx - k * rx, cy - ry), (cx, cy - ry),
        (cx + k * rx, cy - ry), (cx + rx, cy - k * ry), (cx + rx, cy),
    ]  # fmt: skip
    mapped = _points(m, [v for p in pts for v in p])
    first, rest = mapped[0], mapped[1:]
    curves = " ".join("C " + _points_text(rest[i : i + 3]) for i in range(0, 12, 3))
    return f"M {_num(first[0])},{_num(first[1])} {curves} Z"


def _bake(element: ET.Element, m: Matrix) -> ET.Element:
    """``element`` (a non-scaling shape under ``m``) drawn in the parent's coordinates."""
    tag = element.tag.removeprefix(f"{{{SVG_NS}}}")
    new = ET.Element(element.tag, {k: v for k, v in element.attrib.items() if k != "vector-effect"})
    new.text, new.tail = element.text, element.tail
    num = lambda key: float(element.get(key, "0"))  # noqa: E731
    if tag == "path":
        new.set("d", _path(m, element.get("d", "")))
    elif tag in ("polyline", "polygon"):
        values = [float(v) for v in _NUMBER.findall(element.get("points", ""))]
        new.set("points", _points_text(_points(m, values)))
    elif tag == "line":
        (x1, y1), (x2, y2) = _points(m, [num("x1"), num("y1"), num("x2"), num("y2")])
        new.attrib.update(x1=_num(x1), y1=_num(y1), x2=_num(x2), y2=_num(y2))
    elif tag == "rect":
        x, y, w, h = num("x"), num("y"), num("width"), num("height")
        corners = _points(m, [x, y, x + w, y, x + w, y + h, x, y + h])
        new = ET.Element(f"{{{SVG_NS}}}polygon", new.attrib)
        new.tail = element.tail
        for key in ("x", "y", "width", "height", "rx", "ry"):
            new.attrib.pop(key, None)
        new.set("points", _points_text(corners))
    elif tag in ("ellipse", "circle"):
        rx = num("r") if tag == "circle" else num("rx")
        ry = num("r") if tag == "circle" else num("ry")
        new = ET.Element(f"{{{SVG_NS}}}path", new.attrib)
        new.tail = element.tail
        for key in ("cx", "cy", "r", "rx", "ry"):
            new.attrib.pop(key, None)
        new.set("d", _ellipse_path(m, num("cx"), num("cy"), rx, ry))
    else:
        raise ValueError(f"SVG: a non-scaling <{tag}> cannot be redrawn in pixels")
    return new


def _split_group(group: ET.Element) -> list[ET.Element]:
    """``group`` as consecutive groups: the shapes that used non-scaling strokes mapped into
    plain pixels in groups without a transform, the rest kept under it, in paint order."""
    m = _matrix(group.get("transform", ""))
    children = list(group)
    if m is None or not any(c.get("vector-effect") == _NON_SCALING for c in children):
        return [group]
    plain = {k: v for k, v in group.attrib.items() if k != "transform"}
    if plain.get("stroke-width") in ("0", None):
        plain["stroke-width"] = "1"  # a cosmetic pen of width 0 is one pixel wide
    runs: list[ET.Element] = []
    current: ET.Element | None = None
    for child in children:
        baked = child.get("vector-effect") == _NON_SCALING
        if current is None or (current.get("transform") is None) != baked:
            current = ET.Element(_G, dict(plain) if baked else dict(group.attrib))
            current.text, current.tail = group.text, "\n"
            runs.append(current)
        if baked:
            child = _bake(child, m)
            # ImageMagick does not inherit fill="none" from the group: say it here.
            if child.get("fill") is None and plain.get("fill") == "none":
                child.set("fill", "none")
        current.append(child)
    runs[-1].tail = group.tail
    return runs


def _sharpen(image: ET.Element, m: Matrix) -> None:
    """Enlarge ``image`` (a colour strip: one pixel per cell, drawn unsmoothed) by whole
    factors to the pixels it covers, so a renderer that ignores ``image-rendering``
    (librsvg) blurs only the cells' edges, not the cells, when it scales it."""
    href = image.get(_HREF, "")
    if image.get("image-rendering") != "optimizeSpeed" or not href.startswith(_PNG_DATA):
        return
    with Image.open(io.BytesIO(base64.b64decode(href[len(_PNG_DATA) :]))) as source:
        picture = source.copy()
    w, h = picture.size
    shown_w = math.hypot(m[0], m[1]) * float(image.get("width", "0"))
    shown_h = math.hypot(m[2], m[3]) * float(image.get("height", "0"))
    kx, ky = max(1, math.ceil(shown_w / w - 1e-6)), max(1, math.ceil(shown_h / h - 1e-6))
    while kx * ky * w * h > MAX_IMAGE_PIXELS and max(kx, ky) > 1:
        kx, ky = max(1, kx // 2), max(1, ky // 2)
    if kx == ky == 1:
        return
    buffer = io.BytesIO()
    picture.resize((w * kx, h * ky), Image.Resampling.NEAREST).save(buffer, "PNG")
    image.set(_HREF, _PNG_DATA + base64.b64encode(buffer.getvalue()).decode("ascii"))


def _walk(parent: ET.Element, families: str) -> None:
    for group in parent.iter(_G):
        m = _matrix(group.get("transform", "")) or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        for image in group.findall(_IMAGE):
            _sharpen(image, m)
    for element in parent.iter():
        if element.get("font-family") is not None:
            element.set("font-family", families)
    for container in [parent, *parent.iter(_G)]:
        children = list(container)
        if not any(c.tag == _G for c in children):
            continue
        rebuilt = [piece for c in children for piece in (_split_group(c) if c.tag == _G else [c])]
        if [id(c) for c in rebuilt] != [id(c) for c in children]:
            container[:] = rebuilt


def clean_svg(data: bytes, families: Sequence[str], size: tuple[int, int]) -> bytes:
    """QSvgGenerator's ``data`` rewritten to render alike everywhere (see the module).

    ``families`` are the fonts the app draws text with (Latin first, then the CJK
    font); ``size`` is the picture's size in pixels, written as its width and height.
    """
    root = ET.fromstring(data)
    _walk(root, font_family_list(families))
    root.set("width", str(size[0]))
    root.set("height", str(size[1]))
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body + "\n").encode()
