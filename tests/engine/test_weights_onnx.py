"""ONNX LSTM/GRU/RNN nodes map to PyTorch's layout and gate order; the rest is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import MODELS
from lstm_viz.engine.io.weights import WeightsError, load_weights

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "onnx"


@pytest.fixture(scope="module")
def expected():
    with np.load(FIXTURES / "expected.npz") as archive:
        return dict(archive)


@pytest.mark.parametrize("name", ["lstm", "gru", "rnn"])
def test_exported_modules_run_like_torchs_own_forward(expected, name):
    wf = load_weights(FIXTURES / f"{name}.onnx")
    assert (wf.kind, wf.input_size, wf.hidden_size) == (name, 2, 3)
    for key in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        np.testing.assert_array_equal(wf.params[key], expected[f"{name}.{key}_l0"])
    h = MODELS[name].from_params(wf.params).forward(expected["x"].astype(np.float64)).h
    np.testing.assert_allclose(h, expected[f"{name}.output"], atol=1e-6)
    if name == "rnn":  # the node records its activation: nothing assumed
        assert (wf.nonlinearity, wf.nonlinearity_assumed) == ("tanh", False)


def test_an_exported_stack_reads_as_one_module_with_every_layer_and_direction(expected):
    wf = load_weights(FIXTURES / "gru_stack.onnx", runnable=False)
    assert (wf.kind, wf.layers, wf.bidirectional, wf.modules) == ("gru", 2, True, ("",))
    for key, tensor in wf.stack.items():
        np.testing.assert_array_equal(tensor, expected[f"gru_stack.{key}"])


def node_model(op: str, hidden: int = 2, inputs: int = 1, peephole: bool = False, **attrs):
    """A one-node ONNX model with random weights, written to bytes."""
    gates = {"LSTM": 4, "GRU": 3, "RNN": 1}[op]
    rng = np.random.default_rng(0)
    weights = {
        "W": rng.normal(size=(1, gates * hidden, inputs)).astype(np.float32),
        "R": rng.normal(size=(1, gates * hidden, hidden)).astype(np.float32),
        "B": rng.normal(size=(1, 2 * gates * hidden)).astype(np.float32),
    }
    names = ["X", "W", "R", "B"]
    if peephole:
        weights["P"] = rng.normal(size=(1, 3 * hidden)).astype(np.float32)
        names += ["", "", "", "P"]
    node = helper.make_node(op, names, ["Y"], name=f"/{op}", hidden_size=hidden, **attrs)
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 1, inputs])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(v, k) for k, v in weights.items()],
    )
    return helper.make_model(graph).SerializeToString(), weights


@pytest.mark.parametrize(
    ("op", "options", "said"),
    [
        ("LSTM", {"peephole": True}, "peephole connections (input P)"),
        ("LSTM", {"activations": ["Sigmoid", "Tanh", "Relu"]},
         "activations=['Sigmoid', 'Tanh', 'Relu']"),
        ("GRU", {}, "linear_before_reset=0 (the reset gate before the recurrent matrix)"),
        ("RNN", {"direction": "reverse"}, "direction='reverse'"),
        ("LSTM", {"clip": 3.0}, "clip=3.0"),
    ],
)  # fmt: skip
def test_what_no_pytorch_module_computes_is_refused_naming_it(tmp_path, op, options, said):
    data, _ = node_model(op, **options)
    path = tmp_path / "m.onnx"
    path.write_bytes(data)
    with pytest.raises(WeightsError) as info:
        load_weights(path)
    assert f"node '/{op}' ({op}) uses {said}, which no PyTorch {op} computes" in str(info.value)


def test_onnx_lstm_gates_i_o_f_c_become_torchs_i_f_g_o(tmp_path):
    data, weights = node_model("LSTM", hidden=2, inputs=1)
    path = tmp_path / "m.onnx"
    path.write_bytes(data)
    wf = load_weights(path)
    i, o, f, c = np.split(weights["W"][0], 4)
    np.testing.assert_array_equal(wf.params["weight_ih"], np.concatenate([i, f, c, o]))
    rb = np.split(weights["B"][0][8:], 4)
    np.testing.assert_array_equal(
        wf.params["bias_hh"], np.concatenate([rb[0], rb[2], rb[3], rb[1]])
    )


def test_an_rnn_node_with_relu_is_read_as_relu(tmp_path):
    data, _ = node_model("RNN", activations=["Relu"])
    path = tmp_path / "relu.onnx"
    path.write_bytes(data)
    wf = load_weights(path, runnable=False)
    assert (wf.nonlinearity, wf.nonlinearity_assumed) == ("relu", False)


def test_a_damaged_onnx_file_is_reported_as_such(tmp_path):
    path = tmp_path / "bad.onnx"
    path.write_bytes(b"\xff\xff\xff not protobuf")
    with pytest.raises(WeightsError, match=r"bad\.onnx: is corrupt or not an ONNX model"):
        load_weights(path)
