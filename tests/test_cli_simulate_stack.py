"""`lstm-viz simulate` on stacked, bidirectional and relu models: --layer, --direction,
--nonlinearity, and the whole stack in --json."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lstm_viz.cli import main
from lstm_viz.engine.cells.stack import RecurrentStack
from lstm_viz.state import results as results_module
from tests.weight_files import read_as


def _two_layer_bilstm(monkeypatch) -> RecurrentStack:
    """A 2-layer bidirectional LSTM (D = 1, H = 3) that ``--weights model.pt`` reads."""
    rng = np.random.default_rng(5)
    tensors = {}
    for layer, width in ((0, 1), (1, 6)):
        for tail in ("", "_reverse"):
            tensors[f"weight_ih_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, (12, width))
            tensors[f"weight_hh_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, (12, 3))
            tensors[f"bias_ih_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, 12)
            tensors[f"bias_hh_l{layer}{tail}"] = rng.uniform(-0.5, 0.5, 12)
    wf = read_as(tensors, "model.pt")
    monkeypatch.setattr(results_module, "_load_weights_cached", lambda path, prefix=None: wf)
    return RecurrentStack.from_state_dict("lstm", tensors)


def test_simulate_json_holds_the_whole_stack_like_torch(tmp_path, monkeypatch) -> None:
    stack = _two_layer_bilstm(monkeypatch)
    out = tmp_path / "stack.json"
    args = ["simulate", "--weights", "model.pt", "--sequence", "sine", "--length", "9"]
    assert main([*args, "--layer", "1", "--direction", "reverse", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    x = np.array(report["sequence"]["values"])
    expected = stack.forward(x)
    np.testing.assert_allclose(report["output"], expected.output, rtol=0, atol=0)
    np.testing.assert_allclose(report["h_n"], expected.h_n, rtol=0, atol=0)
    np.testing.assert_allclose(report["c_n"], expected.c_n, rtol=0, atol=0)
    assert (report["layer"], report["direction"]) == (1, "reverse")
    # The top-level cell is the chosen one, in the order it read the input.
    np.testing.assert_allclose(report["h"], expected.layers[1][1].h, rtol=0, atol=0)
    for layer in report["layers"]:
        assert set(layer) == {"forward", "reverse"}
        assert len(layer["reverse"]["loss_grad_norm"]) == 9


def test_simulate_says_which_cell_of_a_stack_it_shows(monkeypatch, capsys) -> None:
    _two_layer_bilstm(monkeypatch)
    args = ["simulate", "--weights", "model.pt", "--sequence", "sine", "--length", "9"]
    assert main([*args, "--direction", "reverse"]) == 0
    text = capsys.readouterr().out
    assert "stack: 2 layer(s) × 2 direction(s)" in text
    assert "showing layer 0 reverse" in text


def test_a_layer_the_model_lacks_names_the_option(monkeypatch, capsys) -> None:
    _two_layer_bilstm(monkeypatch)
    assert main(["simulate", "--weights", "model.pt", "--sequence", "sine", "--layer", "2"]) != 0
    err = capsys.readouterr().err
    assert "--layer: the model has 2 layer(s), numbered 0 to 1; got 2" in err


def test_simulate_runs_a_relu_rnn(tmp_path) -> None:
    out = tmp_path / "relu.json"
    args = ["simulate", "--model", "rnn", "--nonlinearity", "relu", "--length", "15"]
    assert main([*args, "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["settings"]["nonlinearity"] == "relu"
    assert report["stack"]["nonlinearity"] == "relu"
    h = np.array(report["h"])
    assert (h >= 0).all() and (h == 0).any()
    np.testing.assert_array_equal(np.array(report["output"]), h)


@pytest.mark.parametrize("flag", [["--direction", "sideways"], ["--nonlinearity", "gelu"]])
def test_an_unknown_choice_is_refused(flag, capsys) -> None:
    assert main(["simulate", *flag]) != 0
    err = capsys.readouterr().err
    assert f"{flag[0]}: invalid choice: {flag[1]!r}" in err
