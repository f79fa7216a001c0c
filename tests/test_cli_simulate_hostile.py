"""``lstm-viz simulate`` on hostile input: one line on stderr, exit status 2, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "data" / "hostile"
# Guards the test run against a regression that hangs; never a measure of speed.
HANG_GUARD = 120


def _simulate(*args: str, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_viz.cli", "simulate", *args, "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--hidden-size", "256", "--length", "100000"), "lower the length to at most"),
        (("--sequence", str(CORPUS / "long_line.csv")), "line too long"),
        (("--sequence", str(CORPUS / "utf16.csv")), "UTF-16"),
        (("--weights", str(CORPUS / "liar_header.npz")), "claims shape"),
        (("--weights", str(CORPUS / "zip_bomb.npz")), "not a NumPy array"),
        (("--weights", str(CORPUS / "liar.safetensors")), "claims shape"),
        (("--sequence", "/dev/zero"), "is a device"),
        (("--sequence", "/dev/urandom"), "is a device"),
        (("--text-file", "/dev/zero"), "--text-file: /dev/zero: is a device"),
        (("--text-file", "/dev/urandom"), "is a device"),
        (("--text", "ab", "--vocab", "/dev/zero"), "/dev/zero: is a device"),
        (("--text-file", str(CORPUS)), "is a folder"),
        (("--text", "ab", "--vocab", str(CORPUS / "deep.json")), "nested too deeply"),
        (("--text-file", str(CORPUS / "utf16.csv")), "not UTF-8 text"),
    ],
)
def test_simulate_refuses_hostile_input_in_one_line_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    if any(a.startswith("/dev/") and not os.path.exists(a) for a in args):
        pytest.skip("no such device here")
    out = tmp_path / "report.json"
    done = _simulate(*args, out=out)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lstm-viz simulate: error: "), done.stderr
    assert words in lines[0] and "Traceback" not in done.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_simulate_refuses_a_named_pipe_instead_of_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    for option in ("--sequence", "--text-file"):
        done = _simulate(option, str(fifo), out=tmp_path / "r.json")
        assert done.returncode == 2 and "named pipe (FIFO)" in done.stderr
        assert not (tmp_path / "r.json").exists()
