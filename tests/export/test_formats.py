"""Every format is written and read back, equal to the frame function's pictures."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from lstm_viz.diagram.render import render_frame
from lstm_viz.export import export_animation, export_still, to_rgb
from lstm_viz.export.writers import frame_durations

from .conftest import leftovers


def expected(comparison, cursor, options) -> np.ndarray:
    image = render_frame(
        comparison.current_results,
        cursor,
        options.pixel_size,
        theme=options.theme,
        caption=options.caption,
    )
    return to_rgb(image)


def frames_of(path) -> list[Image.Image]:
    im = Image.open(path)
    out = []
    for k in range(im.n_frames):
        im.seek(k)
        out.append((im.convert("RGB").copy(), im.info.get("duration")))
    return out


def first_last(comparison, options):
    from lstm_viz.export import frame_cursors
    from lstm_viz.state.timeline import Timeline

    tl = Timeline.for_kind("lstm", comparison.current_results.steps)
    cursors = frame_cursors(options, tl)
    return expected(comparison, cursors[0], options), expected(comparison, cursors[-1], options)


def test_png_frames_equal_render_frame(qapp, comparison, small, tmp_path):
    out = tmp_path / "frames"
    result = export_animation(comparison, small, out)
    files = sorted(out.iterdir())
    assert result.frames == len(files) == 4 and files[0].name == "frame_00001.png"
    first, last = first_last(comparison, small)
    assert np.array_equal(np.asarray(Image.open(files[0]).convert("RGB")), first)
    assert np.array_equal(np.asarray(Image.open(files[-1]).convert("RGB")), last)
    assert leftovers(tmp_path) == []


def test_apng_frames_and_durations(qapp, comparison, small, tmp_path):
    out = tmp_path / "a.apng"
    export_animation(comparison, small, out)
    frames = frames_of(out)
    assert len(frames) == 4 and frames[0][0].size == (192, 108)
    first, last = first_last(comparison, small)
    assert np.array_equal(np.asarray(frames[0][0]), first)
    assert np.array_equal(np.asarray(frames[-1][0]), last)
    assert [d for _im, d in frames] == [100] * 4  # 10 fps


def test_gif_frames_close_to_the_picture_and_keep_pace(qapp, comparison, small, tmp_path):
    out = tmp_path / "a.gif"
    options = small.replace(fps=12)
    export_animation(comparison, options, out)
    frames = frames_of(out)
    assert len(frames) == 4
    first, last = first_last(comparison, options)
    for (im, _d), want in ((frames[0], first), (frames[-1], last)):
        # A colour table per frame: flat colours exact (tests/export/test_gif_colours.py),
        # anti-aliased edges of text the nearest entry.
        diff = np.abs(np.asarray(im).astype(int) - want)
        assert diff.mean() < 1.5 and np.percentile(diff, 99) <= 16
    durations = [d for _im, d in frames]
    assert durations == frame_durations(4, 12, tick_ms=10) == [80, 90, 80, 80]


def test_webp_is_lossless_and_keeps_pace(qapp, comparison, small, tmp_path):
    out = tmp_path / "a.webp"
    result = export_animation(comparison, small, out)
    frames = frames_of(out)
    assert result.frames == len(frames) == 4 and frames[0][0].size == (192, 108)
    first, last = first_last(comparison, small)
    assert np.array_equal(np.asarray(frames[0][0]), first)
    assert np.array_equal(np.asarray(frames[-1][0]), last)
    assert [d for _im, d in frames] == [100] * 4
    assert leftovers(tmp_path) == []


def test_webp_cancelled_midway_leaves_nothing(qapp, comparison, small, tmp_path):
    seen = []
    result = export_animation(
        comparison, small.replace(last_step=8), tmp_path / "a.webp",
        progress=lambda k, n: seen.append(k), cancelled=lambda: len(seen) >= 3,
    )  # fmt: skip
    assert result is None and list(tmp_path.iterdir()) == []


def test_mp4(qapp, comparison, small, tmp_path):
    pytest.importorskip("imageio_ffmpeg")
    out = tmp_path / "a.mp4"
    result = export_animation(comparison, small, out)
    assert result.frames == 4 and out.read_bytes()[4:8] == b"ftyp"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("content", ["window", "plots"])
def test_composed_contents(qapp, comparison, small, tmp_path, content):
    o = small.replace(content=content, title=True, size=(320, 180), scale=2)
    out = export_still(comparison, o, tmp_path / "w.png")
    im = Image.open(out)
    assert im.size == (640, 360)
    assert len(np.unique(np.asarray(im.convert("L")))) > 20  # something was drawn


def test_still_png_equals_render_frame(qapp, comparison, small, tmp_path):
    from lstm_viz.state.timeline import Cursor

    cursor = Cursor(2, 1, 0.5)
    out = export_still(comparison, small, tmp_path / "f.png", cursor=cursor)
    assert np.array_equal(
        np.asarray(Image.open(out).convert("RGB")), expected(comparison, cursor, small)
    )


def test_svg_is_vector_and_valid(qapp, comparison, small, tmp_path):
    from PySide6.QtSvg import QSvgRenderer

    out = export_still(comparison, small.replace(content="window"), tmp_path / "f.svg")
    text = out.read_text()
    assert (
        text.lstrip().startswith("<?xml")
        and "<path" in text
        and "<image" not in text.split("LSTM cell")[0][:0]
    )
    assert QSvgRenderer(str(out)).isValid()
