"""``lstm_viz.inspect``/``show``: a live model or state_dict, no file written.

With numpy state_dicts always (against the engine's own stack, which the parity
fixtures hold to PyTorch); against torch's forward where torch is installed.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import lstm_viz
from lstm_viz.engine.cells.stack import RecurrentStack
from lstm_viz.engine.io.weights import WeightsError


def lstm_state(d: int, h: int, layers: int = 1, reverse: bool = False, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    state = {}
    for layer in range(layers):
        for tail in ("", "_reverse") if reverse else ("",):
            width = d if layer == 0 else h * (2 if reverse else 1)
            suffix = f"_l{layer}{tail}"
            state[f"weight_ih{suffix}"] = rng.normal(size=(4 * h, width)) * 0.4
            state[f"weight_hh{suffix}"] = rng.normal(size=(4 * h, h)) * 0.4
            state[f"bias_ih{suffix}"] = rng.normal(size=4 * h) * 0.1
            state[f"bias_hh{suffix}"] = rng.normal(size=4 * h) * 0.1
    return state


def test_a_numpy_state_dict_runs_as_the_engines_stack_and_says_it_was_live() -> None:
    state = lstm_state(3, 4, layers=2, reverse=True)
    x = np.random.default_rng(1).normal(size=(9, 3))
    results = lstm_viz.inspect({f"encoder.rnn.{k}": v for k, v in state.items()}, inputs=x)
    reference = RecurrentStack.from_state_dict("lstm", state).forward(x)
    np.testing.assert_array_equal(results.stack_trace.output, reference.output)
    np.testing.assert_array_equal(results.sequence.values, x)
    lines = [str(line) for line in results.weights.report.lines()]
    assert lines[0] == "a state_dict from a live module"
    assert "recurrent module 'encoder.rnn.'" in lines


def test_a_batch_of_one_is_read_along_the_axis_that_is_one() -> None:
    state = lstm_state(2, 3)
    x = np.random.default_rng(2).normal(size=(6, 2))
    flat = lstm_viz.inspect(state, inputs=x).trace.h
    np.testing.assert_array_equal(lstm_viz.inspect(state, inputs=x[None]).trace.h, flat)
    np.testing.assert_array_equal(lstm_viz.inspect(state, inputs=x[:, None]).trace.h, flat)


def test_a_real_batch_is_refused_saying_how_to_pass_one_sequence() -> None:
    x = np.zeros((6, 2, 2))
    with pytest.raises(WeightsError) as info:
        lstm_viz.inspect(lstm_state(2, 3), inputs=x, batch_first=False)
    assert str(info.value) == (
        "a live module: inputs of shape (6, 2, 2) are a batch of 2 in the module's "
        "(T, B, D) layout; pass one sequence (B = 1), e.g. inputs[:, 0]"
    )


def test_inputs_of_the_wrong_width_name_the_width_the_model_takes() -> None:
    with pytest.raises(WeightsError, match=r"shape \(5, 3\): the model takes \(T, 2\)"):
        lstm_viz.inspect(lstm_state(2, 3), inputs=np.zeros((5, 3)))


def test_an_object_that_is_no_model_is_refused_saying_what_to_pass() -> None:
    with pytest.raises(WeightsError, match=r"cannot read a str: pass a torch nn\.LSTM"):
        lstm_viz.inspect("model.pt", inputs=np.zeros((5, 3)))


def test_importing_and_inspecting_a_state_dict_imports_neither_qt_nor_torch() -> None:
    code = (
        "import sys, numpy as np, lstm_viz\n"
        "rng = np.random.default_rng(0)\n"
        "s = {'weight_ih_l0': rng.normal(size=(4, 2)), 'weight_hh_l0': rng.normal(size=(4, 4)),"
        " 'bias_ih_l0': np.zeros(4), 'bias_hh_l0': np.zeros(4)}\n"
        "lstm_viz.inspect(s, inputs=np.ones((5, 2)), nonlinearity='relu')\n"
        "print(sorted(m for m in ('PySide6', 'pyqtgraph', 'torch') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---- against PyTorch itself -----------------------------------------------------------


def torch_or_skip():
    return pytest.importorskip("torch")


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("LSTM", {"num_layers": 2, "bidirectional": True, "batch_first": True}),
        ("LSTM", {"proj_size": 2}),
        ("GRU", {"num_layers": 2, "dropout": 0.3}),
        ("RNN", {"nonlinearity": "relu", "bidirectional": True}),
    ],
)
def test_a_live_torch_module_gives_torchs_own_output(kind: str, options: dict) -> None:
    torch = torch_or_skip()
    torch.manual_seed(0)
    module = getattr(torch.nn, kind)(3, 4, **options).double().eval()
    batch_first = options.get("batch_first", False)
    x = (
        torch.randn(1, 8, 3, dtype=torch.float64)
        if batch_first
        else torch.randn(8, 1, 3, dtype=torch.float64)
    )
    with torch.no_grad():
        expected = module(x)[0].numpy()
    results = lstm_viz.inspect(module, inputs=x)
    output = results.stack_trace.output
    np.testing.assert_allclose(output, expected[0] if batch_first else expected[:, 0], atol=1e-12)
    assert str(results.weights.report.read) == "PyTorch weights from a live module"
    if kind == "RNN":  # the live module says relu; nothing was assumed
        assert not results.weights.nonlinearity_assumed and results.model.nonlinearity == "relu"


def test_a_whole_model_is_searched_for_its_recurrent_module_and_says_which() -> None:
    torch = torch_or_skip()

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = torch.nn.Embedding(10, 3)
            self.lstm = torch.nn.LSTM(3, 5, batch_first=True)
            self.head = torch.nn.Linear(5, 4)

    torch.manual_seed(1)
    model = Tagger().double()
    x = torch.randn(1, 7, 3, dtype=torch.float64)
    with torch.no_grad():
        expected = model.lstm(x)[0][0].numpy()
    results = lstm_viz.inspect(model, inputs=x)
    np.testing.assert_allclose(results.trace.h, expected, atol=1e-12)
    lines = [str(line) for line in results.weights.report.lines()]
    assert "recurrent module 'lstm.'" in lines
    assert "ignored 3 other key(s): embed.weight, head.weight, head.bias" in lines


def test_a_float32_module_is_computed_exactly_in_float64() -> None:
    torch = torch_or_skip()
    torch.manual_seed(2)
    module = torch.nn.GRU(2, 3)
    x = torch.randn(6, 2)
    h = lstm_viz.inspect(module, inputs=x).trace.h
    with torch.no_grad():
        expected = module.double()(x.double())[0].numpy()  # .double() converts in place
    np.testing.assert_allclose(h, expected, atol=1e-12)


# ---- the window ------------------------------------------------------------------------


def test_show_refuses_a_bad_input_before_qt_is_imported() -> None:
    code = (
        "import sys, numpy as np, lstm_viz\n"
        "s = {'weight_ih_l0': np.ones((4, 2)), 'weight_hh_l0': np.ones((4, 4))}\n"
        "try:\n"
        "    lstm_viz.show(s, inputs=np.ones((5, 3)))\n"
        "except ValueError as err:\n"
        "    print(err)\n"
        "print('PySide6' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [
        "a live module: inputs of shape (5, 3): the model takes (T, 2) with T ≥ 1",
        "False",
    ]


def test_show_opens_the_window_on_settings_that_compute_the_live_model(monkeypatch) -> None:
    from lstm_viz.app import launch
    from lstm_viz.state.results import compute

    opened = []
    monkeypatch.setattr(launch, "run_app", lambda settings, playing: opened.append(settings) or 0)
    state = lstm_state(2, 3, layers=2)
    x = np.random.default_rng(3).normal(size=(5, 2))
    assert lstm_viz.show(state, inputs=x, layer=1) == 0
    (settings,) = opened
    assert settings.layer == 1 and settings.sequence == "custom"
    reference = RecurrentStack.from_state_dict("lstm", state).forward(x)
    np.testing.assert_array_equal(compute(settings).trace.h, reference.layers[1][0].h)


# ---- Keras 3 (torch backend), when installed -------------------------------------------


@pytest.fixture(scope="module")
def keras():
    import os

    os.environ.setdefault("KERAS_BACKEND", "torch")
    torch_or_skip()
    module = pytest.importorskip("keras")
    if module.backend.backend() != "torch":
        pytest.skip("these tests build Keras models on the torch backend")
    module.utils.set_random_seed(5)
    return module


def test_a_live_keras_sequential_stack_gives_keras_own_output(keras) -> None:
    init = {"bias_initializer": "random_normal"}
    model = keras.Sequential(
        [keras.Input((None, 2)),
         keras.layers.Bidirectional(keras.layers.GRU(3, return_sequences=True, **init)),
         keras.layers.Bidirectional(keras.layers.GRU(3, return_sequences=True, **init)),
         keras.layers.Dense(1, name="head")]
    )  # fmt: skip
    x = np.random.default_rng(6).normal(size=(1, 8, 2)).astype(np.float32)
    hidden = keras.Model(model.inputs[0], model.layers[1].output)
    expected = np.asarray(hidden(x)[0].detach().cpu().numpy())
    results = lstm_viz.inspect(model, inputs=x)
    assert (results.stack.num_layers, results.stack.bidirectional) == (2, True)
    np.testing.assert_allclose(results.stack_trace.output, expected, atol=2e-6)
    lines = [str(line) for line in results.weights.report.lines()]
    assert lines[0] == "Keras weights from a live module"
    assert results.weights.extra["head.weight"].shape == (1, 6)  # the head, as PyTorch lays it


def test_a_live_keras_layer_alone_is_read(keras) -> None:
    layer = keras.layers.SimpleRNN(4, activation="relu", return_sequences=True)
    x = np.random.default_rng(7).normal(size=(1, 5, 3)).astype(np.float32)
    expected = np.asarray(layer(x)[0].detach().cpu().numpy())
    results = lstm_viz.inspect(layer, inputs=x)
    assert (results.kind, results.model.nonlinearity) == ("rnn", "relu")
    np.testing.assert_allclose(results.trace.h, expected, atol=2e-6)


def test_a_live_keras_embedding_is_kept_as_pytorch_lays_it(keras) -> None:
    model = keras.Sequential(
        [keras.Input((None,), dtype="int32"),
         keras.layers.Embedding(7, 3, name="emb"),
         keras.layers.LSTM(4, return_sequences=True, name="lstm"),
         keras.layers.Dense(2, name="head")]
    )  # fmt: skip
    table = np.asarray(model.layers[0].get_weights()[0])
    x = table[[1, 2, 3]]  # what the embedding hands the LSTM for the ids 1, 2, 3
    results = lstm_viz.inspect(model, inputs=x)
    np.testing.assert_array_equal(results.weights.extra["emb.weight"], table)
    expected = keras.Model(model.inputs[0], model.layers[1].output)(np.array([[1, 2, 3]]))
    np.testing.assert_allclose(
        results.trace.h, np.asarray(expected[0].detach().cpu().numpy()), atol=2e-6
    )
    assert results.predictions.readout.prefix == "head."
