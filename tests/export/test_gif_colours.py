"""A GIF shows every strip cell in its PNG colour: values are colours, a GIF may not move them."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from lstm_viz.diagram.items import StripItem
from lstm_viz.export import ExportOptions, FrameRenderer, export_animation, frame_cursors, to_rgb
from lstm_viz.export.gif import palette_for, scale_colours
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings

#: The largest channel difference allowed between a strip cell's centre in the GIF and in
#: the PNG, where the centre is flat (its 3×3 neighbourhood one colour). Measured: 0 — every
#: flat colour a frame shows is in its own colour table.
TOLERANCE = 0
#: …and where it is not (a hatched pending cell, a cell a few pixels wide crossed by its
#: separator or border: blends that no flat area has). Measured: 37 (H = 24, light), 24
#: (dark); 0 at H = 4, where every centre is flat.
TOLERANCE_BLEND = 40


def cell_centres(renderer: FrameRenderer, size: tuple[int, int]) -> list[tuple[int, int]]:
    """Pixel positions of the centre of every visible strip cell of the diagram."""
    scene = renderer.scene
    rect = scene.sceneRect()
    w, h = size
    s = min(w / rect.width(), h / rect.height())
    ox = (w - rect.width() * s) / 2 - rect.left() * s
    oy = (h - rect.height() * s) / 2 - rect.top() * s
    legend = scene._chrome.legend_strips  # a smooth scale drawn small, not unit cells
    out = []
    for item in scene.items():
        if not isinstance(item, StripItem) or not item.isVisible() or item in legend:
            continue
        rows, cols = item._shape
        r = item.boundingRect().adjusted(1, 1, -1, -1)
        for i in range(rows):
            for j in range(cols):
                local = r.topLeft() + type(r.topLeft())(
                    (j + 0.5) * r.width() / cols, (i + 0.5) * r.height() / rows
                )
                p = item.mapToScene(local)
                out.append((int(p.x() * s + ox), int(p.y() * s + oy)))
    return out


def gif_frames(path) -> list[np.ndarray]:
    im = Image.open(path)
    frames = []
    for k in range(im.n_frames):
        im.seek(k)
        frames.append(np.asarray(im.convert("RGB")))
    return frames


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("hidden", [4, 24])
def test_every_strip_cell_keeps_its_png_colour_in_the_gif(qapp, tmp_path, theme, hidden):
    comparison = compare(Settings(hidden_size=hidden, length=6, sequence="sine"))
    options = ExportOptions(
        size=(960, 540), last_step=6, fps=10, content="diagram", theme=theme, stages=True,
        pulse_frames=1,
    )  # fmt: skip
    out = tmp_path / "a.gif"
    export_animation(comparison, options, out)
    renderer = FrameRenderer(comparison, options)
    try:
        cursors = frame_cursors(options, renderer.timeline)
        got = gif_frames(out)
        assert len(got) == len(cursors)
        worst, worst_blend, cells = 0, 0, 0
        for cursor, gif in zip(cursors, got, strict=True):
            png = to_rgb(renderer.render(cursor))
            centres = cell_centres(renderer, options.pixel_size)
            xs, ys = np.array(centres).T
            diff = np.abs(gif[ys, xs].astype(int) - png[ys, xs].astype(int)).max(axis=1)
            around = np.stack([png[ys + dy, xs + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)])
            flat = (around == png[ys, xs][None]).all(axis=(0, 2))
            worst = max(worst, int(diff[flat].max(initial=0)))
            worst_blend = max(worst_blend, int(diff[~flat].max(initial=0)))
            cells += int(flat.sum())
            # Away from the strips the picture is close too (edges are mapped to the nearest).
            assert np.abs(gif.astype(int) - png.astype(int)).mean() < 1.0
    finally:
        renderer.close()
    assert cells > 4 * hidden * len(cursors)
    assert worst <= TOLERANCE and worst_blend <= TOLERANCE_BLEND, (worst, worst_blend)


def test_a_scale_colour_in_a_crowded_frame_is_kept_exactly():
    rng = np.random.default_rng(0)
    scale = scale_colours("light")
    # 5000 random anti-aliasing colours, and 40 scale colours in flat patches.
    noise = rng.integers(0, 1 << 24, 5000, dtype=np.uint32)
    chosen = scale[rng.choice(len(scale), 40, replace=False)]
    pixels = np.concatenate([noise, np.repeat(chosen, 30)]).reshape(1, -1)
    table = palette_for(pixels, "light")
    assert len(table) <= 256
    assert np.isin(chosen, table).all()
