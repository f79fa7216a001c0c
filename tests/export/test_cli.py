"""`lstm-viz export` runs with no display, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image


def run(*argv: str, cwd) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "-m", "lstm_viz", "export", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_headless_gif(tmp_path):
    p = run(
        "--model",
        "lstm",
        "--sequence",
        "sine",
        "--length",
        "8",
        "--hidden-size",
        "4",
        "--steps",
        "5",
        "--fps",
        "12",
        "--size",
        "192x108",
        "--out",
        "lstm.gif",
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "wrote lstm.gif (5 frames)"
    assert Image.open(tmp_path / "lstm.gif").n_frames == 5


def test_headless_errors_are_one_line(tmp_path):
    for argv, words in (
        (("--out", "a.bmp"), "unknown file type"),
        (("--out", "a.gif", "--lang", "fr"), "must be en"),
        (("--out", "no/such/a.gif"), "does not exist"),
    ):
        p = run(*argv, "--size", "64x36", cwd=tmp_path)
        assert p.returncode == 2
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("lstm-viz export: error:")
        assert words in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_export_starts_from_a_scenario_file(tmp_path) -> None:
    import subprocess
    import sys

    from PIL import Image

    lesson = "resources/lessons/01_forget_gate.toml"
    out = tmp_path / "lesson.gif"
    run = subprocess.run(
        [sys.executable, "-m", "lstm_viz", "export", "--scenario", lesson, "--content",
         "diagram", "--steps", "12-13", "--size", "320x180", "--out", str(out)],
        capture_output=True, text=True, check=False,
        cwd=__import__("pathlib").Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert Image.open(out).n_frames == 2
    bad = subprocess.run(
        [sys.executable, "-m", "lstm_viz", "export", "--scenario", str(tmp_path / "no.toml"),
         "--out", str(tmp_path / "x.gif")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "cannot read" in bad.stderr and "no.toml" in bad.stderr
    assert not (tmp_path / "x.gif").exists()


def test_export_writes_through_a_symlink_and_into_dev_null(tmp_path):
    import stat

    real = tmp_path / "figures" / "cell.png"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "cell.png"
    link.symlink_to(real)
    p = run("--content", "diagram", "--size", "160x90", "--out", str(link), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert link.is_symlink() and Image.open(real).size == (160, 90)
    p = run("--content", "diagram", "--size", "160x90", "--format", "png", "--out", "/dev/null",
            cwd=tmp_path)  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_errors_name_what_to_do_on_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    p = run("--size", "64x36", "--format", "frames", "--out", "notes.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert (tmp_path / "notes.txt").read_text() == "mine"
    line = p.stderr.strip()
    assert line.startswith("lstm-viz export: error: ") and " — " in line
    assert "\n" not in line and "usage:" not in p.stderr
