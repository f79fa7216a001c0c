"""`lstm-viz simulate` prints and writes the engine's real numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.cli import main
from lstm_viz.engine import LSTM
from lstm_viz.engine.data.sequences import make_sequence
from lstm_viz.engine.gradients.diagnostics import diagnose
from lstm_viz.engine.io.weights import save_weights


def test_simulate_json_holds_the_engines_numbers(tmp_path: Path) -> None:
    out = tmp_path / "lstm.json"
    args = ["simulate", "--sequence", "impulse", "--length", "30", "--hidden-size", "5"]
    assert main([*args, "--seed", "3", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    model = LSTM(1, 5, seed=3, forget_bias=1.0)
    trace = model.forward(make_sequence("impulse", 30).values)
    diag = diagnose(model, trace)
    assert report["model"] == "lstm" and report["hidden_size"] == 5 and report["steps"] == 30
    np.testing.assert_allclose(report["h"], trace.h, rtol=1e-15)
    np.testing.assert_allclose(report["gates"]["f"], trace.gates["f"], rtol=1e-15)
    np.testing.assert_allclose(report["jacobian_norm"], diag.jacobian_spectral, rtol=1e-15)
    np.testing.assert_allclose(report["highway"], diag.highway, rtol=1e-15)
    assert len(report["loss_grad_norm"]) == 30
    assert report["pascanu"]["threshold"] == 1.0
    assert report["finite"] is True


def test_simulate_prints_a_table_of_diagnostics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--model", "rnn", "--recurrent-scale", "0.5", "--length", "20"]) == 0
    text = capsys.readouterr().out
    assert "RNN" in text and "σ_max(W_hh) = 0.5" in text
    assert "‖∂h_T/∂h_t‖" in text


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_the_pascanu_line_names_the_rnns_own_nonlinearity(
    capsys: pytest.CaptureFixture[str], nonlinearity: str
) -> None:
    args = ["simulate", "--model", "rnn", "--nonlinearity", nonlinearity, "--length", "10"]
    assert main(args) == 0
    line = next(s for s in capsys.readouterr().out.splitlines() if "Pascanu" in s)
    assert f"for a {nonlinearity} RNN)" in line


def test_simulate_marks_overflow_as_null(tmp_path: Path) -> None:
    out = tmp_path / "boom.json"
    rc = main(
        ["simulate", "--model", "rnn", "--init", "orthogonal", "--recurrent-scale", "5",
         "--hidden-size", "32", "--sequence", "impulse", "--length", "3000", "--json", str(out)]
    )  # fmt: skip
    assert rc == 0
    report = json.loads(out.read_text())
    # ‖∂h_T/∂h_t‖ grows past 1e308 far from the end: those steps are null, not a crash.
    assert report["finite"] is False
    steps = report["nonfinite_steps"]["jacobian_norm"]
    assert steps and steps[0] == 1
    assert report["jacobian_norm"][0] is None
    assert report["jacobian_norm"][-1] == 1.0


def test_simulate_with_weights_uses_them(tmp_path: Path) -> None:
    model = LSTM(1, 3, seed=11)
    path = save_weights(tmp_path / "w.safetensors", "lstm", model.params)
    out = tmp_path / "r.json"
    assert main(["simulate", "--weights", str(path), "--length", "12", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    trace = model.forward(make_sequence("sine", 12).values)
    np.testing.assert_allclose(report["h"], trace.h, rtol=1e-15)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hidden-size", "0"], "--hidden-size: must be a whole number from 1 to 256"),
        (["--recurrent-scale", "nan"], "--recurrent-scale: expected a finite number"),
        (["--recurrent-scale", "inf"], "--recurrent-scale: expected a finite number"),
        (["--recurrent-scale", "-1"], "--recurrent-scale: must be a number from 0"),
        (["--lang", "fr"], "--lang: invalid choice"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--sequence", "nonsense"], "neither a built-in sequence"),
        (["--sequence", "missing.csv"], "missing.csv"),
        (["--weights", "missing.npz"], "missing.npz"),
    ],
)
def test_simulate_bad_input_fails_with_one_clear_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("lstm-viz simulate: error:")
    assert err.count("\n") == 1 and " — " in err, "one line: what, then what to do"
    assert "usage:" not in err


def test_simulate_unwritable_output_leaves_nothing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "no such folder" / "out.json"
    assert main(["simulate", "--json", str(target)]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and err.count("\n") == 1
    assert not target.parent.exists()


def test_simulate_with_weights_and_no_sequence_says_which_it_ran(tmp_path: Path, capsys) -> None:
    path = save_weights(tmp_path / "w.npz", "lstm", LSTM(1, 3, seed=1).params)
    assert main(["simulate", "--weights", str(path), "--json", str(tmp_path / "r.json")]) == 0
    err = capsys.readouterr().err
    assert "no --sequence given; ran the built-in 'sine' sequence (40 steps)" in err


def test_simulate_speaks_the_language_of_lang(capsys) -> None:
    try:
        assert main(["simulate", "--lang", "zh", "--length", "5"]) == 0
        out = capsys.readouterr().out
        assert main(["simulate", "--lang", "zh", "--hidden-size", "0"]) == 2
        err = capsys.readouterr().err
    finally:
        main(["simulate", "--lang", "en", "--length", "2"])
    assert "序列 'adding'：5 个时间步" in out  # the first screen's sequence
    assert err.startswith("lstm-viz simulate: error: --hidden-size: ") and "查看" in err


def test_sigterm_while_simulating_exits_130_with_one_line_and_no_file(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import os
    import signal

    import lstm_viz.state.report as report_module

    real = report_module.simulation_report

    def killed_midway(results):
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the report is being made
        return real(results)

    monkeypatch.setattr(report_module, "simulation_report", killed_midway)
    out = tmp_path / "r.json"
    assert main(["simulate", "--length", "5", "--json", str(out)]) == 130
    err = capsys.readouterr().err
    assert err == "lstm-viz simulate: interrupted — nothing was written\n"
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, "the handler is put back"


def test_json_to_closed_standard_output_is_one_line(tmp_path: Path) -> None:
    import os

    run = subprocess.run(
        [sys.executable, "-m", "lstm_viz", "simulate", "--json", "-", "--length", "5"],
        capture_output=True, text=True, check=False,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.startswith("lstm-viz simulate: error: standard output is closed")
    assert run.stderr.count("\n") == 1


def test_simulate_runs_as_a_command_with_no_display(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "lstm_viz", "simulate", "--json", "-", "--length", "5"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["steps"] == 5


def test_window_without_display_explains_instead_of_crashing(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "lstm_viz"], capture_output=True, text=True, env=env, check=False
    )
    assert run.returncode == 2
    assert "lstm-viz simulate" in run.stderr or "lstm-viz export" in run.stderr
    assert "xcb" not in run.stderr.lower()


def test_window_command_rejects_a_bad_file_before_opening_anything(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip at all")
    assert main(["--weights", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lstm-viz: error:") and "broken.npz" in err


def test_options_that_a_weight_file_decides_are_reported_as_ignored(tmp_path: Path, capsys) -> None:
    path = save_weights(tmp_path / "w.npz", "lstm", LSTM(1, 3, seed=1).params)
    assert main(["simulate", "--weights", str(path), "--model", "gru", "--hidden-size", "9"]) == 0
    err = capsys.readouterr().err
    assert "ignoring --model, --hidden-size" in err
