"""Every way people save a recurrent model: stacks, several modules, checkpoints, suffixes."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys

import numpy as np
import pytest
from safetensors.numpy import save_file as save_safetensors

from lstm_viz.engine.cells.stack import MAX_LAYERS, RecurrentStack
from lstm_viz.engine.io import torch_files
from lstm_viz.engine.io.weights import WeightsError, load_weights, unsupported_reason


def stack_state(gates, hidden, inputs, layers=1, reverse=False, prefix="", seed=0):
    """An nn.LSTM/GRU/RNN-shaped state_dict with ``layers`` layers and directions."""
    rng = np.random.default_rng(seed)
    rows, dirs = gates * hidden, 2 if reverse else 1
    state = {}
    for k in range(layers):
        for tail in ("", "_reverse")[:dirs]:
            d = inputs if k == 0 else dirs * hidden
            state[f"{prefix}weight_ih_l{k}{tail}"] = rng.normal(size=(rows, d))
            state[f"{prefix}weight_hh_l{k}{tail}"] = rng.normal(size=(rows, hidden))
            state[f"{prefix}bias_ih_l{k}{tail}"] = rng.normal(size=rows)
            state[f"{prefix}bias_hh_l{k}{tail}"] = rng.normal(size=rows)
    return state


def write_npz(path, state):
    np.savez(path, **state)
    return path


def test_a_two_layer_bidirectional_stack_is_read_whole_into_stack(tmp_path):
    state = stack_state(4, 3, 2, layers=2, reverse=True, prefix="lstm.")
    wf = load_weights(write_npz(tmp_path / "bi.npz", state), runnable=False)
    assert (wf.kind, wf.layers, wf.bidirectional, wf.proj_size) == ("lstm", 2, True, 0)
    assert set(wf.stack) == {k.removeprefix("lstm.") for k in state}
    np.testing.assert_array_equal(
        wf.stack["weight_ih_l1_reverse"], state["lstm.weight_ih_l1_reverse"]
    )
    assert not wf.stack["weight_hh_l1"].flags.writeable
    assert wf.params["weight_hh"] is wf.stack["weight_hh_l0"]


def test_a_stacked_bidirectional_file_opens_and_runs_as_the_whole_stack(tmp_path):
    state = stack_state(3, 3, 2, layers=2, reverse=True)
    wf = load_weights(write_npz(tmp_path / "bi.npz", state))
    assert (wf.kind, wf.layers, wf.bidirectional) == ("gru", 2, True)
    assert unsupported_reason(wf) is None
    stack = RecurrentStack.from_state_dict(wf.kind, wf.stack)
    x = np.random.default_rng(1).normal(size=(7, 2))
    reference = RecurrentStack.from_state_dict("gru", state).forward(x)
    np.testing.assert_array_equal(stack.forward(x).output, reference.output)
    assert reference.output.shape == (7, 6)


def test_more_layers_than_the_engine_runs_are_refused_saying_what_to_do(tmp_path):
    state = stack_state(1, 2, 1, layers=MAX_LAYERS + 1)
    with pytest.raises(WeightsError) as info:
        load_weights(write_npz(tmp_path / "deep.npz", state))
    message = str(info.value)
    assert message.startswith(f"deep.npz: {MAX_LAYERS + 1} layers; the engine runs at most")
    assert "open a file with fewer layers" in message


def test_a_later_layer_of_the_wrong_width_is_named_with_both_shapes(tmp_path):
    state = stack_state(4, 3, 2, layers=2)
    state["weight_ih_l1"] = np.ones((12, 5))
    with pytest.raises(WeightsError, match=r"weight_ih_l1 has shape \(12, 5\); .* need \(12, 3\)"):
        load_weights(write_npz(tmp_path / "m.npz", state), runnable=False)


def test_a_missing_middle_layer_is_named(tmp_path):
    state = stack_state(1, 3, 2, layers=3)
    for key in [k for k in state if k.endswith("_l1")]:
        del state[key]
    with pytest.raises(WeightsError, match=r"layer 1 is missing: .*layers 0, 2"):
        load_weights(write_npz(tmp_path / "m.npz", state), runnable=False)


def test_chained_cell_modules_are_read_as_one_stack(tmp_path):
    # pytorch/examples' time-sequence model: LSTMCell(1, 51) feeding LSTMCell(51, 51).
    first = {k.removesuffix("_l0"): v for k, v in stack_state(4, 5, 1, prefix="lstm1.").items()}
    second = {k.removesuffix("_l0"): v for k, v in stack_state(4, 5, 5, prefix="lstm2.").items()}
    linear = {"linear.weight": np.ones((1, 5)), "linear.bias": np.zeros(1)}
    wf = load_weights(write_npz(tmp_path / "seq.npz", first | second | linear), runnable=False)
    assert (wf.layers, wf.modules) == (2, ("lstm1.", "lstm2."))
    np.testing.assert_array_equal(wf.stack["weight_hh_l1"], second["lstm2.weight_hh"])
    assert "read as one 2-layer stack" in wf.report.notes[0]
    assert wf.report.ignored == ("linear.weight", "linear.bias")
    alone = load_weights(tmp_path / "seq.npz", prefix="lstm2")
    assert (alone.layers, alone.input_size) == (1, 5)


def test_cell_modules_whose_sizes_do_not_chain_are_not_stacked(tmp_path):
    first = {k.removesuffix("_l0"): v for k, v in stack_state(4, 5, 1, prefix="a.").items()}
    second = {k.removesuffix("_l0"): v for k, v in stack_state(4, 5, 3, prefix="b.").items()}
    wf = load_weights(write_npz(tmp_path / "m.npz", first | second))
    assert (wf.layers, wf.input_size, wf.report.prefix) == (1, 1, "a.")


def test_the_content_decides_the_format_whatever_the_suffix(tmp_path):
    state = stack_state(3, 2, 2)
    save_safetensors(state, str(tmp_path / "model.bin"))
    write_npz(tmp_path / "model.npz", state)
    (tmp_path / "model.ckpt").write_bytes((tmp_path / "model.npz").read_bytes())
    for name in ("model.bin", "model.ckpt"):
        wf = load_weights(tmp_path / name)
        assert wf.kind == "gru"
        np.testing.assert_array_equal(wf.params["weight_ih"], state["weight_ih_l0"])
    assert str(load_weights(tmp_path / "model.bin").report.read) == "safetensors from model.bin"


def test_unrecognised_content_under_another_suffix_lists_the_formats(tmp_path):
    path = tmp_path / "model.dat"
    path.write_bytes(b"hello, not weights")
    with pytest.raises(
        WeightsError, match=r"model\.dat: unsupported file type '\.dat': its content"
    ):
        load_weights(path)


def test_the_load_report_is_json_able_and_says_each_thing_once(tmp_path):
    state = stack_state(1, 2, 2, prefix="encoder.rnn.")
    del state["encoder.rnn.bias_ih_l0"], state["encoder.rnn.bias_hh_l0"]
    state["fc.weight"] = np.ones((1, 2))
    wf = load_weights(write_npz(tmp_path / "m.npz", state))
    report = json.loads(json.dumps(wf.report.as_dict()))
    assert report["read"] == "NumPy .npz arrays from m.npz"
    assert report["prefix"] == "encoder.rnn." and report["ignored"] == ["fc.weight"]
    assert report["filled"] == ["no biases in the file (PyTorch bias=False): zeros used"]
    assert report["assumed"][0].startswith("nonlinearity tanh assumed")
    lines = [str(line) for line in wf.report.lines()]
    assert lines[1] == "recurrent module 'encoder.rnn.'"
    assert lines[-1] == "ignored 1 other key(s): fc.weight"


# --------------------------------------------------------------------------------------
# PyTorch files, when torch is installed
# --------------------------------------------------------------------------------------


def test_pytorch_stacks_with_projection_are_read_under_torchs_names_and_run(tmp_path):
    torch = pytest.importorskip("torch")
    lstm = torch.nn.LSTM(3, 6, num_layers=2, bidirectional=True, proj_size=2, batch_first=True)
    torch.save(lstm.state_dict(), tmp_path / "proj.pt")
    wf = load_weights(tmp_path / "proj.pt")
    assert (wf.layers, wf.bidirectional, wf.proj_size, wf.hidden_size) == (2, True, 2, 6)
    for name, tensor in lstm.state_dict().items():
        np.testing.assert_array_equal(wf.stack[name], tensor.double().numpy())
    assert unsupported_reason(wf) is None
    x = np.random.default_rng(2).normal(size=(5, 3))
    expected, _ = lstm.double()(torch.from_numpy(x[None]))
    ours = RecurrentStack.from_state_dict("lstm", wf.stack).forward(x).output
    np.testing.assert_allclose(ours, expected[0].detach().numpy(), rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("suffix", "wrap", "entry"),
    [
        (".pt", lambda sd: {"model_state_dict": sd, "optimizer_state_dict": {}, "epoch": 4},
         "model_state_dict"),
        (".net", lambda sd: {"n_hidden": 4, "state_dict": sd, "tokens": ["a", "b"]}, "state_dict"),
        (".ckpt", lambda sd: {"epoch": 1, "state_dict": {f"model.{k}": v for k, v in sd.items()}},
         "state_dict"),
        (".bin", lambda sd: {f"module.{k}": v for k, v in sd.items()}, None),
    ],
)  # fmt: skip
def test_checkpoints_open_whatever_their_suffix(tmp_path, suffix, wrap, entry):
    torch = pytest.importorskip("torch")

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = torch.nn.Module()
            self.encoder.rnn = torch.nn.GRU(2, 4)
            self.fc = torch.nn.Linear(4, 1)

    net = Net()
    path = tmp_path / f"model{suffix}"
    torch.save(wrap(net.state_dict()), path)
    wf = load_weights(path)
    assert (wf.kind, wf.hidden_size, wf.report.entry) == ("gru", 4, entry)
    assert wf.report.prefix.endswith("encoder.rnn.")
    np.testing.assert_array_equal(
        wf.params["weight_hh"], net.encoder.rnn.weight_hh_l0.double().detach()
    )
    if suffix == ".net":
        assert set(wf.report.ignored) == {"fc.weight", "fc.bias", "n_hidden", "tokens"}


def test_the_npz_conversion_hint_runs_on_a_checkpoint_and_keeps_float64(tmp_path):
    torch = pytest.importorskip("torch")
    lstm = torch.nn.LSTM(2, 3).double()
    torch.save({"model_state_dict": lstm.state_dict(), "epoch": 2}, tmp_path / "ckpt.pt")
    hint = torch_files.torch_conversion_hint(tmp_path / "ckpt.pt")
    code = shlex.split(hint)[2]  # python -c "<code>"
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True)
    wf = load_weights(tmp_path / "ckpt.npz", dtype=None)
    assert wf.params["weight_hh"].dtype == np.float64
    np.testing.assert_array_equal(wf.params["weight_hh"], lstm.weight_hh_l0.detach().numpy())


def test_a_checkpoint_with_python_objects_gets_our_message_without_ansi(tmp_path):
    torch = pytest.importorskip("torch")

    path = tmp_path / "odd.pt"
    torch.save({"state_dict": torch.nn.RNN(2, 2).state_dict(), "best": np.float64(0.5)}, path)
    with pytest.raises(WeightsError) as info:
        load_weights(path)
    message = str(info.value)
    assert message.startswith("odd.pt: holds Python objects (")
    assert 'torch.save(model.state_dict(), "odd_state.pt")' in message
    assert "\x1b" not in message and "weights_only" not in message
