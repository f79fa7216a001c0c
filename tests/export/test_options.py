"""ExportOptions: parsed from the command line, validated in one place."""

from __future__ import annotations

import argparse

import pytest

from lstm_viz.export import ExportError, ExportOptions, format_for, frame_cursors
from lstm_viz.export.options import add_export_options, options_from_args
from lstm_viz.state.timeline import Cursor, Timeline


def parse(*argv: str) -> ExportOptions:
    p = argparse.ArgumentParser()
    add_export_options(p)
    return options_from_args(p.parse_args(["--out", "x.gif", *argv]))


def test_defaults_match_the_dataclass():
    assert parse() == ExportOptions()


def test_arguments_fill_every_field():
    o = parse(
        "--steps",
        "3-9",
        "--fps",
        "24",
        "--stages",
        "--pulse-frames",
        "4",
        "--size",
        "640x360",
        "--scale",
        "2",
        "--content",
        "plots",
        "--theme",
        "dark",
        "--no-caption",
        "--title",
        "--unrolled",
        "--panel",
        "paths",
    )
    assert o == ExportOptions(
        first_step=3,
        last_step=9,
        fps=24,
        stages=True,
        pulse_frames=4,
        size=(640, 360),
        scale=2,
        content="plots",
        theme="dark",
        caption=False,
        title=True,
        unrolled=True,
        panel="paths",
    )
    assert o.pixel_size == (1280, 720)
    assert parse("--steps", "40").last_step == 40


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--lang", "fr"), "must be en"),
        (("--size", "big"), "WIDTHxHEIGHT"),
        (("--steps", "9-3"), "first step"),
        (("--fps", "0"), "fps"),
        (("--size", "10x10"), "16 to"),
    ],
)
def test_bad_options_say_what_is_wrong(argv, words):
    with pytest.raises(ExportError, match=words):
        parse(*argv)


def test_format_from_suffix(tmp_path):
    assert format_for("a.GIF") == "gif"
    assert format_for("a.apng") == "apng"
    assert format_for(tmp_path) == "frames"
    assert format_for("frames/") == "frames"
    assert format_for("a.png", "apng") == "apng"
    with pytest.raises(ExportError, match=r"unknown file type '\.bmp'"):
        format_for("a.bmp")


def test_a_target_of_the_wrong_kind_is_refused(tmp_path):
    (tmp_path / "made.png").mkdir()
    (tmp_path / "taken").write_bytes(b"mine")
    (tmp_path / "frames.v2").mkdir()
    with pytest.raises(ExportError, match=r"made\.png is a folder; choose a file name"):
        format_for(tmp_path / "made.png")
    with pytest.raises(ExportError, match="is a folder"):
        format_for(f"{tmp_path}/new/", "png")
    with pytest.raises(ExportError, match="taken is a file; frames need a folder name"):
        format_for(tmp_path / "taken")
    with pytest.raises(ExportError, match="is a file"):
        format_for(tmp_path / "taken", "frames")
    assert format_for(tmp_path / "frames.v2") == "frames"
    assert format_for(tmp_path / "new.png", "frames") == "frames"


def test_frame_cursors_steps_and_stages():
    tl = Timeline(steps=10, stages=3)
    steps = frame_cursors(ExportOptions(first_step=2, last_step=4), tl)
    assert steps == [Cursor(1, 2, 1.0), Cursor(2, 2, 1.0), Cursor(3, 2, 1.0)]
    stages = frame_cursors(ExportOptions(last_step=1, stages=True, pulse_frames=2), tl)
    assert stages == [Cursor(0, s, p) for s in range(3) for p in (0.5, 1.0)]
    with pytest.raises(ExportError, match="only 10 steps"):
        frame_cursors(ExportOptions(first_step=11), tl)


def test_backward_animation_plays_from_the_last_step_to_the_first() -> None:
    from lstm_viz.export.options import ExportOptions, frame_cursors
    from lstm_viz.state.timeline import Cursor, Timeline

    tl = Timeline.for_kind("lstm", 6, backward=True)
    # The whole pass by default: T → 1.
    whole = frame_cursors(ExportOptions(backward=True), tl)
    assert [c.t for c in whole] == [5, 4, 3, 2, 1, 0]
    # Steps count along the pass: its steps 2–4 are time steps 5, 4, 3 (0-based 4, 3, 2).
    steps = frame_cursors(ExportOptions(first_step=2, last_step=4, backward=True), tl)
    assert steps == [Cursor(t, 0, 1.0, backward=True) for t in (4, 3, 2)]
    # --steps 3: the first three steps of the pass, from T.
    assert [c.t for c in frame_cursors(ExportOptions(last_step=3, backward=True), tl)] == [5, 4, 3]
    pulses = frame_cursors(
        ExportOptions(first_step=2, last_step=3, backward=True, stages=True, pulse_frames=2), tl
    )
    assert [(c.t, c.phase) for c in pulses] == [(4, 0.5), (4, 1.0), (3, 0.5), (3, 1.0)]
    assert all(c.backward for c in pulses)
    # A single frame shows the end of the pass's last step shown: --step 2 is time step T − 1.
    from lstm_viz.export.options import still_cursor

    assert still_cursor(ExportOptions(first_step=2, last_step=2, backward=True), tl).t == 4
    assert still_cursor(ExportOptions(backward=True), tl).t == 0
