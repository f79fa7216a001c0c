"""A Keras Sequential model's chained recurrent layers open as one stack, like
PyTorch's ``num_layers``; layers that do not chain stay separate modules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine.cells.stack import RecurrentStack
from lstm_viz.engine.io.weights import load_weights

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "keras"


def stack_output(wf, x: np.ndarray) -> np.ndarray:
    stack = RecurrentStack.from_state_dict(wf.kind, wf.stack, nonlinearity=wf.nonlinearity)
    return stack.forward(x.astype(np.float64)).output


@pytest.mark.parametrize(
    ("name", "kind", "bidirectional", "layers"),
    [("lstm", "lstm", False, ("lstm", "lstm_1")),
     ("bigru", "gru", True, ("bidirectional", "bidirectional_1"))],
)  # fmt: skip
def test_stored_stacked_keras_models_run_as_one_stack_like_keras(name, kind, bidirectional, layers):
    expected = np.load(FIXTURES / "expected_stacked.npz")
    wf = load_weights(FIXTURES / f"stacked_{name}.keras")
    assert (wf.kind, wf.layers, wf.bidirectional) == (kind, 2, bidirectional)
    assert wf.modules == (f"{layers[0]}.",)
    np.testing.assert_allclose(stack_output(wf, expected["x"]), expected[name], atol=2e-6)
    listed = ", ".join(repr(n) for n in layers)
    assert (
        f"the Keras layers {listed} feed one another (return_sequences=True), so they are "
        "read as one 2-layer stack (layer 0 is the first)"
    ) in [str(line) for line in wf.report.lines()]


# --------------------------------------------------------------------------------------
# Built with Keras 3 (torch backend), when installed
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def keras():
    import os

    os.environ.setdefault("KERAS_BACKEND", "torch")
    pytest.importorskip("torch")
    module = pytest.importorskip("keras")
    if module.backend.backend() != "torch":
        pytest.skip("these tests build Keras models on the torch backend")
    module.utils.set_random_seed(3)
    return module


def test_three_keras_layers_whose_last_returns_one_step_end_in_keras_output(keras, tmp_path):
    init = {"bias_initializer": "random_normal"}
    model = keras.Sequential(
        [keras.Input((None, 2)),
         keras.layers.SimpleRNN(4, activation="relu", return_sequences=True, **init),
           keras.layers.SimpleRNN(4, activation="relu", return_sequences=True, **init),
           keras.layers.SimpleRNN(4, activation="relu", **init),
           keras.layers.Dense(1)]
    )  # fmt: skip
    model.save(tmp_path / "deep.keras")
    x = np.random.default_rng(4).normal(size=(7, 2))
    wf = load_weights(tmp_path / "deep.keras")
    assert (wf.kind, wf.layers, wf.nonlinearity, wf.nonlinearity_assumed) == (
        "rnn", 3, "relu", False
    )  # fmt: skip
    last = keras.Model(model.inputs[0], model.layers[2].output)
    expected = np.asarray(last(x[None].astype(np.float32))[0].detach().cpu().numpy())
    np.testing.assert_allclose(stack_output(wf, x)[-1], expected, atol=2e-6)
    assert wf.readout() is not None


def test_keras_layers_of_different_widths_stay_separate_modules(keras, tmp_path):
    model = keras.Sequential(
        [keras.Input((None, 2)),
         keras.layers.LSTM(4, return_sequences=True, name="wide"),
         keras.layers.LSTM(3, name="narrow")]
    )  # fmt: skip
    model.save(tmp_path / "two.keras")
    wf = load_weights(tmp_path / "two.keras")
    assert (wf.layers, wf.hidden_size, wf.modules) == (1, 4, ("wide.", "narrow."))
    assert any("showing the first, 'wide.'" in str(line) for line in wf.report.lines())


def test_a_layer_that_returns_one_step_ends_the_stack(keras, tmp_path):
    model = keras.Sequential(
        [keras.Input((None, 2)),
         keras.layers.GRU(3, name="encoder"),
         keras.layers.RepeatVector(5),
         keras.layers.GRU(3, return_sequences=True, name="decoder")]
    )  # fmt: skip
    model.save(tmp_path / "seq2seq.keras")
    wf = load_weights(tmp_path / "seq2seq.keras")
    assert (wf.layers, wf.modules) == (1, ("encoder.", "decoder."))
