"""`lstm-viz export` in a subprocess: it exits cleanly, and a stop signal leaves nothing behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import pytest

STOPPED = "lstm-viz export: stopped; nothing was written"


def _env() -> dict[str, str]:
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return {k: v for k, v in os.environ.items() if k not in drop}


def start(*argv: str, cwd) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "lstm_viz", "export", *argv],
        cwd=cwd,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def read_until(proc: subprocess.Popen[bytes], pattern: bytes) -> bytes:
    """What the process wrote on stderr up to the first match of ``pattern``."""
    assert proc.stderr is not None
    seen = b""
    while not re.search(pattern, seen):
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, f"stderr ended before {pattern!r}: {seen[-500:]!r}"
        seen += chunk
    return seen


def visible_lines(stderr: str) -> list[str]:
    """The lines a terminal shows at the end: a progress bar redraws its line after \\r."""
    return [s for line in stderr.split("\n") if (s := line.split("\r")[-1].strip())]


def finish(proc: subprocess.Popen[bytes], seen: bytes) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return proc.returncode, out.decode(), (seen + err).decode()


@pytest.mark.parametrize(
    ("name", "sig"),
    [("a.gif", signal.SIGINT), ("frames", signal.SIGINT), ("a.apng", signal.SIGTERM)],
)
def test_a_stop_signal_mid_export_exits_130_with_one_line_and_leaves_nothing(tmp_path, name, sig):
    proc = start(
        "--length", "3000", "--size", "96x54", "--content", "diagram", "--out", name,
        cwd=tmp_path,
    )  # fmt: skip
    # Some frames are rendered (and, for a folder, written into its temporary) by now.
    seen = read_until(proc, rb"\b[1-9]\d*/3000\b")
    proc.send_signal(sig)
    code, out, err = finish(proc, seen)
    assert code == 130, err[-2000:]
    assert visible_lines(err) == [STOPPED]
    assert "Traceback" not in err and "QPaintDevice" not in err
    assert out == ""
    assert list(tmp_path.iterdir()) == [], "no file and no temporary left"


def test_a_stop_while_computing_large_settings_says_what_it_computed(tmp_path):
    proc = start("--length", "100000", "--out", "x.png", cwd=tmp_path)
    seen = read_until(proc, rb"computing .*100000 steps.*\n")
    proc.send_signal(signal.SIGINT)
    code, out, err = finish(proc, seen)
    assert code == 130 and out == "", err[-2000:]
    lines = visible_lines(err)
    assert len(lines) == 2 and "Ctrl+C" in lines[0] and lines[1] == STOPPED
    assert list(tmp_path.iterdir()) == []


def test_a_stop_while_a_plot_is_computing_exits_130_and_leaves_nothing(tmp_path):
    # The stability sweep runs in a pool thread that nothing can interrupt.
    proc = start("--length", "30000", "--content", "plots", "--panel", "stability",
                 "--out", "s.png", cwd=tmp_path)  # fmt: skip
    seen = read_until(proc, rb"sweeping .*\n")
    proc.send_signal(signal.SIGINT)
    code, out, err = finish(proc, seen)
    assert code == 130 and out == "", err[-2000:]
    assert visible_lines(err)[-1] == STOPPED and len(visible_lines(err)) == 3
    assert list(tmp_path.iterdir()) == []


def test_a_plot_export_exits_cleanly_every_time(tmp_path):
    # Issue #18: "wrote c.png" and then a segfault at exit, in 13 of 21 runs.
    for k in range(5):
        argv = ("--content", "plots", "--panel", "connectivity", "--out", "c.png")
        proc = start(*argv, cwd=tmp_path)
        code, out, err = finish(proc, b"")
        assert (code, out.strip(), err) == (0, "wrote c.png (1 frame)", ""), f"run {k + 1}"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--out", "made.png"), "is a folder"),
        (("--format", "png", "--out", "new/"), "is a folder"),
        (("--format", "frames", "--out", "taken.gif"), "is a file"),
    ],
)
def test_a_target_of_the_wrong_kind_is_one_line_before_any_work(tmp_path, argv, words):
    (tmp_path / "made.png").mkdir()
    (tmp_path / "taken.gif").write_bytes(b"mine")
    # Settings this large take seconds to compute (and say so): the check comes first.
    proc = start("--length", "100000", *argv, cwd=tmp_path)
    code, out, err = finish(proc, b"")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lstm-viz export: error:") and words in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["made.png", "taken.gif"]
    assert list((tmp_path / "made.png").iterdir()) == []
