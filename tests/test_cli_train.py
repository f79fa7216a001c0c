"""`lstm-viz train` trains, reports, and writes weights that load_weights reads.

That the files have PyTorch's state_dict layout is checked in tests/engine/test_parity.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.cli.train import train_command
from lstm_viz.engine.io.weights import load_weights
from lstm_viz.engine.training.trainer import TrainConfig, Trainer

QUICK = ["--length", "10", "--hidden-size", "6", "--batch", "4", "--iters", "30", "--every", "10"]


def _trained(**changes) -> Trainer:
    cfg = TrainConfig(length=10, hidden_size=6, batch=4, iters=30, every=10).replace(**changes)
    tr = Trainer(cfg)
    list(tr.run())
    return tr


@pytest.mark.parametrize("model", ["lstm", "gru", "rnn"])
def test_writes_weights_and_a_json_report(tmp_path: Path, capsys, model: str) -> None:
    out, js = tmp_path / "w.safetensors", tmp_path / "h.json"
    assert train_command([*QUICK, "--model", model, "--out", str(out), "--json", str(js)]) == 0
    captured = capsys.readouterr()
    # Not a terminal: one progress line per report, then the summary on stdout.
    assert captured.err.count("iter ") == 3 and "wrote" in captured.err
    assert captured.out.startswith(f"{model.upper()} adding T=10") and "test MSE" in captured.out

    expected = _trained(model=model)
    wf = load_weights(out)
    assert wf.kind == model and wf.hidden_size == 6 and wf.input_size == 2
    for k, v in expected.model.params.items():
        np.testing.assert_array_equal(wf.params[k], v)
    ro = wf.readout()
    assert ro is not None and ro.prefix == "readout."
    np.testing.assert_array_equal(ro.weight, expected.readout[0])
    np.testing.assert_array_equal(ro.bias, expected.readout[1])

    report = json.loads(js.read_text())
    assert report["settings"]["model"] == model and report["settings"]["iters"] == 30
    assert report["status"] == "done" and report["iterations"] == 30
    assert len(report["history"]["loss"]) == 30 and len(report["history"]["grad_norm"]) == 30
    assert report["test_sequences"] == 1000
    assert report["test_mse"] == pytest.approx(expected.evaluate(1000).mse, rel=1e-12)
    assert report["test_mse"] != report["history"]["loss"][-1]  # held out, not the last batch
    assert report["trivial_loss"] == pytest.approx(1 / 6)


def test_npz_and_json_to_stdout(tmp_path: Path, capsys) -> None:
    out = tmp_path / "w.npz"
    assert train_command([*QUICK, "--task", "copy", "--out", str(out), "--json", "-"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["settings"]["task"] == "copy" and report["loss"] == "cross_entropy"
    assert 0 <= report["test_accuracy"] <= 1 and report["test_mse"] is not None
    assert "accuracy" in captured.err  # the summary moves to stderr
    assert load_weights(out).readout().weight.shape == (4, 6)


def test_a_divergence_exits_1_with_a_clear_status(tmp_path: Path, capsys, monkeypatch) -> None:
    # Force every step non-finite: a read-out so large that ŷ overflows.
    import lstm_viz.engine.training.trainer as training

    real = training.init_readout
    monkeypatch.setattr(
        training, "init_readout", lambda *a: tuple(x * 1e308 + 1e308 for x in real(*a))
    )
    js = tmp_path / "h.json"
    assert train_command([*QUICK, "--iters", "200", "--json", str(js)]) == 1
    report = json.loads(js.read_text())
    assert report["status"] == "diverged" and report["nonfinite_steps"] == 50
    assert report["history"]["loss"][0] is None  # inf/nan become null in JSON
    assert "DIVERGED" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--task", "sort"], "invalid choice"),
        (["--task", "copy", "--length", "4"], "copy task needs a length"),
        (["--lr", "-1"], "lr must be"),
        (["--hidden-size", "0"], "hidden_size"),
        (["--iters", "ten"], "--iters: expected a whole number, not 'ten'"),
        (["--clip", "nan"], "clip"),
        (["--momentum", "0.9"], "--optimizer sgd only"),
        (["--out", "w.pt"], ".safetensors or .npz"),
        (["--out", "/no/such/folder/w.npz"], "does not exist"),
        (["--json", "/no/such/folder/h.json"], "does not exist"),
        (["--bogus"], "unrecognized arguments"),
        (["--recurrent-scale", "nan"], "--recurrent-scale: expected a finite number, not 'nan'"),
        (["--recurrent-scale", "inf"], "--recurrent-scale: expected a finite number, not 'inf'"),
        (["--recurrent-scale", "-1"], "--recurrent-scale: must be a number from 0 to 1e+06"),
        (["--forget-bias", "1e9"], "--forget-bias: must be a number from -1e+06 to 1e+06"),
        (["--lang", "fr"], "--lang: invalid choice"),
        (["--json", "."], "is a folder — choose a file name"),
    ],
)
def test_bad_options_give_one_line_and_exit_2(args, message, capsys) -> None:
    assert train_command(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("lstm-viz train: error:") and message in err
    assert " — " in err and "usage:" not in err


def test_train_and_simulate_explain_a_bad_shared_value_in_the_same_words(capsys) -> None:
    from lstm_viz.cli import main

    for value in ("nan", "-1"):
        assert main(["train", "--recurrent-scale", value]) == 2
        train_err = capsys.readouterr().err
        assert main(["simulate", "--recurrent-scale", value]) == 2
        simulate_err = capsys.readouterr().err
        what = train_err.removeprefix("lstm-viz train: error: ").split(" — ")[0]
        assert what == simulate_err.removeprefix("lstm-viz simulate: error: ").split(" — ")[0]


def test_sigterm_during_training_exits_130_with_one_line_and_no_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    out, js = tmp_path / "w.npz", tmp_path / "h.json"
    args = ["--iters", "1000000", "--every", "1", "--out", str(out), "--json", str(js)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "lstm_viz", "train", *QUICK[:6], *args],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stderr is not None
    first = proc.stderr.readline()  # the first progress line: training has started
    assert first.startswith("iter "), first
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) == 130
    lines = [line for line in rest.splitlines() if not line.startswith("iter ")]
    assert len(lines) == 1 and lines[0].startswith("lstm-viz train: interrupted at iteration ")
    assert lines[0].endswith("— nothing was written")
    assert list(tmp_path.iterdir()) == []


def test_json_goes_into_a_symlinks_target_and_dev_null_stays_a_device(tmp_path: Path) -> None:
    import os
    import stat

    real = tmp_path / "history.json"
    real.write_text("{}")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    assert train_command([*QUICK, "--json", str(link)]) == 0
    assert link.is_symlink() and json.loads(real.read_text())["iterations"] == 30
    assert train_command([*QUICK, "--json", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_terminal_gets_a_progress_bar(capsys, monkeypatch) -> None:
    pytest.importorskip("tqdm")
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert train_command(QUICK) == 0
    captured = capsys.readouterr()
    assert "30/30" in captured.err and "iter " not in captured.err
    assert captured.out.startswith("LSTM adding")
