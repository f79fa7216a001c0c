"""``lstm-viz simulate`` shows the progress of its slow part on stderr and stops on Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np

from lstm_viz.cli import main
from lstm_viz.cli import simulate as simulate_module

INTERRUPTED = "lstm-viz simulate: interrupted — nothing was written"


def test_slow_diagnostics_show_their_progress_in_tenths(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr(simulate_module, "SLOW_WORK_FLOPS", 0.0)  # every size counts as slow
    out = tmp_path / "r.json"
    assert main(["simulate", "--length", "50", "--json", str(out)]) == 0
    lines = capsys.readouterr().err.splitlines()
    # The LSTM: a pass for ∂h_T/∂h_t and one for ∂c_T/∂c_t, 50 steps each.
    assert lines[0] == "computing the full Jacobians, 100 steps in all (Ctrl+C stops)…"
    tenths = [line for line in lines if line.startswith("full Jacobians: ")]
    percents = [int(re.search(r"\((\d+)%\)", line).group(1)) for line in tenths]
    assert percents == sorted(percents) and percents[-1] == 100 and len(percents) <= 10
    assert tenths[-1].startswith("full Jacobians: 100/100 steps (100%), ")
    assert out.exists()


def test_a_quick_run_shows_no_progress(tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.json"
    assert main(["simulate", "--length", "50", "--json", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out}\n"


def test_ctrl_c_while_computing_exits_130_with_one_line_and_no_file(tmp_path: Path) -> None:
    # The size #18 found slow: tens of seconds of Jacobians and a 170 MB report.
    # Ctrl+C reaches the child even when the suite runs as a shell's background job
    # (which ignores SIGINT, and an ignored signal stays ignored across exec).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lstm_viz", "simulate", "--hidden-size", "256", "--length",
             "2000", "--json", "out.json"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
    finally:
        signal.signal(signal.SIGINT, previous)
    assert proc.stderr is not None
    seen = b""
    while b"full Jacobians: " not in seen:  # a tenth of the work is done: it is working
        chunk = os.read(proc.stderr.fileno(), 4096)
        assert chunk, f"stderr ended before any progress: {seen[-500:]!r}"
        seen += chunk
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 130, (seen + err)[-2000:]
    lines = (seen + err).decode().splitlines()
    assert lines[0].startswith("computing the full Jacobians, 4000 steps in all")
    rest = [line for line in lines[1:] if not line.startswith("full Jacobians: ")]
    assert rest == [INTERRUPTED], lines
    assert out == b"" and list(tmp_path.iterdir()) == []


def test_the_progress_run_reports_what_the_plain_run_reports(tmp_path, monkeypatch) -> None:
    # A projected bidirectional LSTM (H = 4, P = 2): its cells' Jacobians come from their
    # own class, not the plain LSTM's pass.
    rng = np.random.default_rng(0)
    shapes = {"weight_ih": (16, 1), "weight_hh": (16, 2), "bias_ih": (16,), "bias_hh": (16,),
              "weight_hr": (2, 4)}  # fmt: skip
    tensors = {
        f"{key}_l0{tail}": rng.uniform(-0.5, 0.5, shape)
        for key, shape in shapes.items()
        for tail in ("", "_reverse")
    }
    weights = tmp_path / "proj.npz"
    np.savez(weights, **tensors)
    args = ["simulate", "--weights", str(weights), "--sequence", "sine", "--length", "12"]
    plain, shown = tmp_path / "plain.json", tmp_path / "shown.json"
    assert main([*args, "--json", str(plain)]) == 0
    monkeypatch.setattr(simulate_module, "SLOW_WORK_FLOPS", 0.0)
    assert main([*args, "--json", str(shown)]) == 0
    report = json.loads(shown.read_text())
    assert report["stack"]["proj_size"] == 2 and report["stack"]["bidirectional"]
    assert report == json.loads(plain.read_text())


def test_a_slow_attribution_shows_its_backward_passes(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr(simulate_module, "SLOW_WORK_FLOPS", 0.0)
    tutorials = Path(__file__).resolve().parent / "data" / "tutorials"
    out = tmp_path / "r.json"
    args = ["simulate", "--weights", str(tutorials / "pos_tagger.npz"), "--tokens", "words"]
    args += ["--text", "The dog ate the apple", "--vocab", str(tutorials / "pos_tagger.vocab.json")]
    assert main([*args, "--json", str(out)]) == 0
    lines = capsys.readouterr().err.splitlines()
    start = "computing the attribution of every step's prediction, 5 steps in all (Ctrl+C stops)…"
    assert start in lines
    done = "attribution of every step's prediction: 5/5 steps"
    assert any(line.startswith(done) for line in lines)
    assert len(json.loads(out.read_text())["attribution"]) == 5
