"""`lstm-viz train` trains, reports, and writes weights that load_weights reads.

That the files have PyTorch's state_dict layout is checked in tests/engine/test_parity.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine.io.weights import load_weights
from lstm_viz.engine.training.trainer import TrainConfig, Trainer
from lstm_viz.train_cli import train_command

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
        (["--iters", "ten"], "invalid int value"),
        (["--clip", "nan"], "clip"),
        (["--momentum", "0.9"], "--optimizer sgd only"),
        (["--out", "w.pt"], ".safetensors or .npz"),
        (["--out", "/no/such/folder/w.npz"], "does not exist"),
        (["--json", "/no/such/folder/h.json"], "does not exist"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_options_give_one_line_and_exit_2(args, message, capsys) -> None:
    assert train_command(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("lstm-viz train: error:") and message in err


def test_a_terminal_gets_a_progress_bar(capsys, monkeypatch) -> None:
    pytest.importorskip("tqdm")
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert train_command(QUICK) == 0
    captured = capsys.readouterr()
    assert "30/30" in captured.err and "iter " not in captured.err
    assert captured.out.startswith("LSTM adding")
