"""``--module`` chooses a recurrent module; every load says what it read (stderr, --json)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.cli import main


def two_modules(path: Path) -> Path:
    """An encoder GRU (D=1, H=4) and a decoder LSTM (D=1, H=3) with a read-out."""
    rng = np.random.default_rng(0)
    state = {}
    for prefix, rows, hidden in (("encoder.", 12, 4), ("decoder.", 12, 3)):
        state[f"{prefix}weight_ih_l0"] = rng.normal(size=(rows, 1))
        state[f"{prefix}weight_hh_l0"] = rng.normal(size=(rows, hidden))
        state[f"{prefix}bias_ih_l0"] = rng.normal(size=rows)
        state[f"{prefix}bias_hh_l0"] = rng.normal(size=rows)
    state["fc.weight"] = rng.normal(size=(1, 3))
    np.savez(path, **state)
    return path


def test_module_option_chooses_the_module_and_json_holds_the_load_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = two_modules(tmp_path / "seq2seq.npz")
    out = tmp_path / "r.json"
    args = ["simulate", "--weights", str(weights), "--length", "5", "--json", str(out)]
    assert main([*args, "--module", "decoder"]) == 0
    report = json.loads(out.read_text())
    assert (report["model"], report["hidden_size"]) == ("lstm", 3)
    assert report["load"]["prefix"] == "decoder."
    assert report["load"]["read"] == "NumPy .npz arrays from seq2seq.npz"
    assert "fc.weight" not in report["load"]["ignored"]  # the decoder's read-out head
    assert report["load"]["used"] == ["read-out 'fc' (1 output(s)) gives the predictions"]
    assert report["load"]["assumed"] == [  # a state_dict does not say what fc reads
        "'fc' is assumed to read the module shown: the file has 2 recurrent modules and "
        "does not record which one it reads"
    ]
    err = capsys.readouterr().err
    assert "load: recurrent module 'decoder.'" in err


def test_without_module_the_first_is_run_and_stderr_says_how_to_choose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = two_modules(tmp_path / "seq2seq.npz")
    assert main(["simulate", "--weights", str(weights), "--length", "5"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("GRU  input_size=1  hidden_size=4")
    assert "2 recurrent modules ('encoder.', 'decoder.'); showing the first" in captured.err
    assert "--module PREFIX" in captured.err


def test_an_unknown_module_lists_the_files_modules(tmp_path: Path, capsys) -> None:
    weights = two_modules(tmp_path / "seq2seq.npz")
    assert main(["simulate", "--weights", str(weights), "--module", "dec"]) == 2
    err = capsys.readouterr().err
    assert "no recurrent module with prefix 'dec'; the file has 'encoder.', 'decoder.'" in err


def test_columns_option_reads_the_chosen_column_and_keeps_the_dates(tmp_path: Path) -> None:
    table = tmp_path / "air.csv"
    table.write_text("Month,Passengers\n1949-01,112\n1949-02,118\n")
    out = tmp_path / "r.json"
    args = ["simulate", "--sequence", str(table), "--columns", "Passengers", "--json", str(out)]
    assert main(args) == 0
    sequence = json.loads(out.read_text())["sequence"]
    assert sequence["values"] == [[112.0], [118.0]]
    assert sequence["step_labels"] == ["1949-01", "1949-02"]


def test_the_health_check_is_on_stderr_for_weights_and_in_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = two_modules(tmp_path / "seq2seq.npz")
    table = tmp_path / "big.csv"
    table.write_text("\n".join(str(v) for v in (112, 300, 622, 400)) + "\n")
    out = tmp_path / "r.json"
    args = ["simulate", "--weights", str(weights), "--sequence", str(table), "--json", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "health: inputs reach 622" in err and "normalise the input" in err
    health = json.loads(out.read_text())["health"]
    assert health[0]["kind"] == "input_scale" and health[0]["problem"] is True
