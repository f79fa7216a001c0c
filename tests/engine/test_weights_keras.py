"""Keras 3 files map to PyTorch's layout and gate order exactly (.keras and .weights.h5)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import MODELS
from lstm_viz.engine.io.weights import WeightsError, load_weights, unsupported_reason

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "keras"


def engine_h(wf, x: np.ndarray) -> np.ndarray:
    return MODELS[wf.kind].from_params(wf.params).forward(x.astype(np.float64)).h


@pytest.mark.parametrize(
    ("name", "kind"), [("lstm", "lstm"), ("gru", "gru"), ("simple_rnn", "rnn")]
)
def test_stored_keras_models_run_like_keras_own_forward(name, kind):
    expected = np.load(FIXTURES / "expected.npz")
    wf = load_weights(FIXTURES / f"{name}.keras")
    assert (wf.kind, wf.input_size, wf.hidden_size) == (kind, 2, 3)
    assert str(wf.report.read) == f"a Keras 3 model (.keras) from {name}.keras"
    np.testing.assert_allclose(engine_h(wf, expected["x"]), expected[name], atol=2e-6)
    if kind == "rnn":  # the .keras config records the activation: nothing assumed
        assert (wf.nonlinearity, wf.nonlinearity_assumed) == ("tanh", False)
    if kind != "gru":  # one Keras bias per gate
        assert not wf.params["bias_hh"].any() and wf.report.filled


# --------------------------------------------------------------------------------------
# Built with Keras 3 (torch backend), when installed
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def keras():
    os.environ.setdefault("KERAS_BACKEND", "torch")
    pytest.importorskip("torch")
    module = pytest.importorskip("keras")
    if module.backend.backend() != "torch":
        pytest.skip("these tests build Keras models on the torch backend")
    module.utils.set_random_seed(1)
    return module


def keras_forward(model, x: np.ndarray) -> np.ndarray:
    return np.asarray(model(x[None].astype(np.float32))[0].detach().cpu().numpy())


@pytest.mark.parametrize("layer", ["LSTM", "GRU", "SimpleRNN"])
@pytest.mark.parametrize("save", ["model", "weights"])
def test_keras_layers_saved_either_way_give_keras_hidden_states(keras, tmp_path, layer, save):
    rnn = getattr(keras.layers, layer)(4, return_sequences=True, bias_initializer="random_normal")
    model = keras.Sequential([keras.Input((None, 3)), rnn, keras.layers.Dense(2)])
    x = np.random.default_rng(2).normal(size=(9, 3))
    if save == "model":
        path = tmp_path / "m.keras"
        model.save(path)
    else:
        path = tmp_path / "m.weights.h5"
        model.save_weights(path)
    wf = load_weights(path)
    hidden = keras.Model(model.inputs[0], model.layers[0].output)
    np.testing.assert_allclose(engine_h(wf, x), keras_forward(hidden, x), atol=2e-6)
    readout = wf.readout()
    assert readout is not None and readout.weight.shape == (2, 4)
    assert wf.nonlinearity_assumed == (layer == "SimpleRNN" and save == "weights")


def test_a_keras_relu_rnn_is_read_as_relu_not_assumed_and_runs(keras, tmp_path):
    model = keras.Sequential([keras.Input((None, 2)), keras.layers.SimpleRNN(3, activation="relu")])
    model.save(tmp_path / "relu.keras")
    wf = load_weights(tmp_path / "relu.keras")
    assert (wf.nonlinearity, wf.nonlinearity_assumed) == ("relu", False)
    assert unsupported_reason(wf) is None


def test_a_keras_gru_with_reset_after_false_is_refused_saying_why(keras, tmp_path):
    model = keras.Sequential([keras.Input((None, 2)), keras.layers.GRU(3, reset_after=False)])
    for path in (tmp_path / "old.keras", tmp_path / "old.weights.h5"):
        model.save(path) if path.suffix == ".keras" else model.save_weights(path)
        with pytest.raises(WeightsError) as info:
            load_weights(path)
        message = str(info.value)
        assert "GRU with reset_after=False" in message
        assert "no PyTorch GRU computes" in message and "reset_after=True" in message


def test_a_keras_bidirectional_lstm_is_one_module_with_reverse_weights(keras, tmp_path):
    bi = keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True))
    model = keras.Sequential([keras.Input((None, 2)), bi])
    model.save(tmp_path / "bi.keras")
    wf = load_weights(tmp_path / "bi.keras", runnable=False)
    assert (wf.kind, wf.bidirectional, wf.layers) == ("lstm", True, 1)
    x = np.random.default_rng(3).normal(size=(5, 2))
    out = keras_forward(model, x)
    forward = MODELS["lstm"].from_params(wf.params).forward(x).h
    backward_params = {n: wf.stack[f"{n}_l0_reverse"] for n in wf.params}
    backward = MODELS["lstm"].from_params(backward_params).forward(x[::-1]).h[::-1]
    np.testing.assert_allclose(np.concatenate([forward, backward], axis=1), out, atol=2e-6)


def test_keras_options_that_change_the_equations_are_refused(keras, tmp_path):
    model = keras.Sequential(
        [keras.Input((None, 2)), keras.layers.LSTM(3, recurrent_activation="hard_sigmoid")]
    )
    model.save(tmp_path / "hard.keras")
    with pytest.raises(WeightsError, match=r"uses recurrent_activation='hard_sigmoid'"):
        load_weights(tmp_path / "hard.keras")


def test_keras_dropout_is_said_to_be_ignored_at_inference(keras, tmp_path):
    layer = keras.layers.GRU(3, dropout=0.2, recurrent_dropout=0.1)
    keras.Sequential([keras.Input((None, 2)), layer]).save(tmp_path / "drop.keras")
    wf = load_weights(tmp_path / "drop.keras")
    assert "dropout=0.2, recurrent_dropout=0.1 ignored, as at inference" in wf.report.notes[0]


def test_a_keras_2_h5_model_is_told_how_to_resave(tmp_path):
    h5py = pytest.importorskip("h5py")
    with h5py.File(tmp_path / "old.h5", "w") as f:
        f.create_group("model_weights")
    with pytest.raises(WeightsError, match=r"old\.h5: has no layers group.*a Keras 2 \.h5 model"):
        load_weights(tmp_path / "old.h5")
