"""GIF frames whose colours are the PNG's: a palette per frame, built from what it shows.

A value's colour is the point of the app, so a GIF may not move it. Each frame
(its changed rectangle, in fact) gets its own 256-colour table:

1. every colour it contains that is one of the theme's fixed colours or a
   colour-scale entry (the lookup tables the strips are painted from) — kept
   exactly, the most frequent first…
2. …after every flat colour (one with ≥ :data:`FLAT_INTERIOR` pixels whose
   neighbours all share it: strip cells, fills), the most area first;
3. when room is left, the colour scales sampled every :data:`SCALE_STEP`-th
   entry (the legend's smooth bars, and blends of neighbouring cells);
4. the remaining slots from a median cut of what is left (the anti-aliased
   edges of text and lines).

Pixels are then mapped to their nearest table entry by our own exact lookup
(Pillow's palette mapping goes through a 6-bit cache that can move a colour by
a few levels), without dithering. The encoding itself (LZW) is Pillow's.
"""

from __future__ import annotations

import dataclasses
import io
from functools import cache

import numpy as np
from PIL import GifImagePlugin, Image

from ..diagram.colormaps import DIVERGING, DIVERGING_DARK, SEQUENTIAL
from ..palette import get_theme

__all__ = [
    "FLAT_INTERIOR",
    "choose_table",
    "gif_frame",
    "gif_header",
    "palette_for",
    "scale_colours",
]

#: A colour with at least this many pixels inside a flat area is kept exactly, first.
FLAT_INTERIOR = 4
#: Slots kept for the median cut of anti-aliased edges, when the exact colours leave room.
EDGE_SLOTS = 48
#: Every how many scale entries one is kept for the legend bars when the table has room.
SCALE_STEP = 8
#: The most pixels the median cut looks at (every n-th of the rest beyond that).
CUT_SAMPLE = 65_536


def _pack(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) uint8 → (...) uint32 0xRRGGBB."""
    c = rgb.astype(np.uint32)
    return (c[..., 0] << 16) | (c[..., 1] << 8) | c[..., 2]


def _unpack(packed: np.ndarray) -> np.ndarray:
    return np.stack([(packed >> 16) & 255, (packed >> 8) & 255, packed & 255], axis=-1).astype(
        np.uint8
    )


@cache
def scale_colours(theme: str) -> np.ndarray:
    """The sorted packed colours a frame of ``theme`` may show exactly: its fixed colours
    and every entry of the colour scales its strips use."""
    t = get_theme(theme)
    fixed = [
        int(v[1:7], 16)
        for f in dataclasses.fields(t)
        if isinstance(v := getattr(t, f.name), str) and v.startswith("#") and len(v) >= 7
    ]
    return np.unique(np.concatenate([np.array(fixed, np.uint32), *_luts(theme)]))


def _luts(theme: str) -> list[np.ndarray]:
    diverging = DIVERGING_DARK if theme == "dark" else DIVERGING
    return [m.lut & np.uint32(0xFFFFFF) for m in (SEQUENTIAL, diverging)]


@cache
def _scale_samples(theme: str) -> np.ndarray:
    return np.unique(np.concatenate([lut[::SCALE_STEP] for lut in _luts(theme)]))


def _colour_counts(region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted packed colours of the (H, W, 3) ``region`` and how many pixels each has.

    Pillow counts them in C with a hash table: no sort of the pixels.
    """
    h, w = region.shape[:2]
    found = Image.fromarray(region).getcolors(h * w)
    assert found is not None  # maxcolors = the pixel count: never too many
    counts = np.fromiter((c for c, _ in found), np.int64, len(found))
    rgb = np.array([p for _, p in found], np.uint8).reshape(-1, 3)
    packed = _pack(rgb)
    order = np.argsort(packed)
    return packed[order], counts[order]


def _interior(packed: np.ndarray) -> np.ndarray:
    """A mask of the pixels whose four neighbours share their colour (the border is out).

    Flat areas (strip cells, fills, swatches) have an interior; anti-aliased
    edges, text and the rings of a glow have almost none.
    """
    inside = np.zeros(packed.shape, bool)
    if packed.shape[0] >= 3 and packed.shape[1] >= 3:
        c = packed[1:-1, 1:-1]
        inside[1:-1, 1:-1] = (
            (c == packed[:-2, 1:-1]) & (c == packed[2:, 1:-1])
            & (c == packed[1:-1, :-2]) & (c == packed[1:-1, 2:])
        )  # fmt: skip
    return inside


def choose_table(
    colours: np.ndarray, counts: np.ndarray, interior: np.ndarray, theme: str
) -> np.ndarray:
    """The (≤ 256,) packed colour table for a frame with the sorted ``colours``, their pixel
    ``counts`` and ``interior`` counts, in this order: flat colours (by their interior),
    the theme's and the scales' colours (by count), scale samples when there is room,
    a median cut of the rest."""
    if len(colours) <= 256:
        return colours
    is_flat = interior >= FLAT_INTERIOR
    flat = colours[is_flat][np.argsort(-interior[is_flat], kind="stable")]
    known = np.isin(colours, scale_colours(theme), assume_unique=True) & ~is_flat
    known_order = colours[known][np.argsort(-counts[known], kind="stable")]
    exact = np.concatenate([flat, known_order])[: 256 - EDGE_SLOTS]
    samples = np.setdiff1d(_scale_samples(theme), exact)
    if 256 - len(exact) - len(samples) >= EDGE_SLOTS:
        exact = np.concatenate([exact, samples])
    # A frame with fewer exact colours gives the edges more slots.
    slots = 256 - len(exact)
    rest = np.setdiff1d(colours, exact, assume_unique=True)
    if slots and rest.size:
        step = max(1, rest.size // CUT_SAMPLE)
        sample = _unpack(rest[::step]).reshape(1, -1, 3)
        cut = Image.fromarray(sample).quantize(slots, method=Image.Quantize.MEDIANCUT)
        n = len(cut.getcolors(256) or ()) or slots
        edges = np.asarray(cut.getpalette()[: 3 * n], np.uint8).reshape(-1, 3)
        exact = np.concatenate([exact, np.setdiff1d(_pack(edges), exact)])
    return exact[:256]


def palette_for(packed: np.ndarray, theme: str) -> np.ndarray:
    """The colour table of the (H, W) packed pixels ``packed`` (see :func:`choose_table`)."""
    colours, counts = np.unique(packed, return_counts=True)
    inv = np.searchsorted(colours, packed)
    interior = np.bincount(inv[_interior(packed)], minlength=len(colours))
    return choose_table(colours, counts, interior, theme)


def _nearest(colours: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Index into ``table`` of the nearest entry to each of ``colours`` (packed)."""
    order = np.argsort(table)
    sorted_table = table[order]
    pos = np.clip(np.searchsorted(sorted_table, colours), 0, len(table) - 1)
    out = order[pos]
    miss = np.flatnonzero(sorted_table[pos] != colours)
    if miss.size:
        t = _unpack(table).astype(np.int32).T
        c = _unpack(colours[miss]).astype(np.int32)
        for start in range(0, len(c), 4096):  # bounded memory: 4096 × 256 distances
            chunk = c[start : start + 4096]
            d = sum((chunk[:, k, None] - t[k][None, :]) ** 2 for k in range(3))
            out[miss[start : start + 4096]] = np.argmin(d, axis=1)
    return out


def changed_box(rgb: np.ndarray, previous: np.ndarray | None) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of what differs from ``previous``; None if nothing does."""
    if previous is None or previous.shape != rgb.shape:
        return 0, 0, rgb.shape[1], rgb.shape[0]
    h = rgb.shape[0]
    diff = rgb != previous  # reduced along whole rows and over rows: contiguous, fast
    rows = np.flatnonzero(diff.reshape(h, -1).any(axis=1))
    if not rows.size:
        return None
    cols = np.flatnonzero(diff[rows[0] : rows[-1] + 1].any(axis=0).any(axis=1))
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def gif_header(size: tuple[int, int], loop: int = 0) -> bytes:
    """GIF89a, the canvas size, no global colour table (each frame has its own), looping."""
    w, h = size
    screen = b"GIF89a" + w.to_bytes(2, "little") + h.to_bytes(2, "little") + b"\x00\x00\x00"
    netscape = b"!\xff\x0bNETSCAPE2.0\x03\x01" + loop.to_bytes(2, "little") + b"\x00"
    return screen + netscape


def gif_frame(rgb: np.ndarray, previous: np.ndarray | None, theme: str, duration_ms: int) -> bytes:
    """One frame's blocks (control extension, image with its colour table, data).

    Only the rectangle that changed since ``previous`` is stored; the rest of
    the canvas stays as the earlier frames left it (disposal 1). A frame equal
    to the previous one stores a single pixel, so its delay is kept.
    """
    box = changed_box(rgb, previous) or (0, 0, 1, 1)
    left, top, right, bottom = box
    region = np.ascontiguousarray(rgb[top:bottom, left:right])
    colours, counts = _colour_counts(region)
    packed = _pack(region)
    inverse = np.searchsorted(colours, packed)  # each pixel's colour among ``colours``
    interior = np.bincount(inverse[_interior(packed)], minlength=len(colours))
    table = choose_table(colours, counts, interior, theme)
    index = _nearest(colours, table).astype(np.uint8)[inverse]
    im = Image.fromarray(index, "P")
    pal = _unpack(table)
    im.putpalette(np.concatenate([pal, np.zeros((256 - len(pal), 3), np.uint8)]).ravel().tobytes())
    blocks = GifImagePlugin.getdata(
        im, (left, top), duration=duration_ms, disposal=1, include_color_table=True
    )
    out = io.BytesIO()
    for b in blocks:
        out.write(b)
    return out.getvalue()
