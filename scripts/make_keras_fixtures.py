"""Write the small Keras 3 fixtures the loader's tests read without Keras installed.

    KERAS_BACKEND=torch .venv/bin/python scripts/make_keras_fixtures.py

Each model is one recurrent layer (D=2, H=3) returning its whole sequence, saved as
``tests/data/keras/<name>.keras``; ``expected.npz`` holds the input ``x`` (T=6) and
Keras' own forward output for each model (``<name>``), which the tests compare with
the engine run on the loaded weights.

The stacked models (``stacked_<name>.keras``: Sequential models whose recurrent layers
feed one another, as tutorials build them) and their outputs
(``expected_stacked.npz``, same ``x``) are written by :func:`write_stacked` alone too.

The text models (``text_<name>.keras``: an Embedding of 12 tokens before the recurrent
layers and a softmax Dense after them) and Keras' probabilities for the token ids
``IDS`` (``expected_text.npz``) are written by :func:`write_text_models` alone too.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "keras"


def layers() -> dict[str, keras.layers.Layer]:
    init = {"bias_initializer": "random_normal"}  # non-zero biases: the mapping shows
    return {
        "lstm": keras.layers.LSTM(3, return_sequences=True, **init),
        "gru": keras.layers.GRU(3, return_sequences=True, **init),
        "simple_rnn": keras.layers.SimpleRNN(3, return_sequences=True, **init),
    }


def stacked() -> dict[str, list[keras.layers.Layer]]:
    init = {"bias_initializer": "random_normal"}
    return {
        # LSTM → Dropout → LSTM, the forecasting tutorials' shape.
        "lstm": [
            keras.layers.LSTM(3, return_sequences=True, **init),
            keras.layers.Dropout(0.2),
            keras.layers.LSTM(3, return_sequences=True, **init),
        ],
        "bigru": [
            keras.layers.Bidirectional(keras.layers.GRU(3, return_sequences=True, **init)),
            keras.layers.Bidirectional(keras.layers.GRU(3, return_sequences=True, **init)),
        ],
    }


def write_stacked() -> None:
    keras.utils.set_random_seed(1)
    OUT.mkdir(parents=True, exist_ok=True)
    x = np.random.default_rng(0).normal(size=(6, 2)).astype(np.float32)
    expected = {"x": x}
    for name, layers_ in stacked().items():
        model = keras.Sequential([keras.Input((None, 2)), *layers_])
        model.save(OUT / f"stacked_{name}.keras")
        expected[name] = np.asarray(model(x[None])[0].detach().cpu().numpy())
    np.savez(OUT / "expected_stacked.npz", **expected)


#: The token ids the text models' expected outputs are computed on.
IDS = [1, 2, 3, 4, 5, 1]


def text_models() -> dict[str, list[keras.layers.Layer]]:
    init = {"bias_initializer": "random_normal"}
    return {
        # A tagger: two bidirectional LSTMs feeding one another, then the tags.
        "bilstm": [
            keras.layers.Embedding(12, 4, name="embedding"),
            keras.layers.Bidirectional(
                keras.layers.LSTM(3, return_sequences=True, **init), name="bidirectional"
            ),
            keras.layers.Bidirectional(
                keras.layers.LSTM(3, return_sequences=True, **init), name="bidirectional_1"
            ),
            keras.layers.Dense(3, activation="softmax", name="dense"),
        ],
        # An LSTM feeding a GRU: two modules; the Dense reads the GRU's output.
        "chain": [
            keras.layers.Embedding(12, 4, name="embedding"),
            keras.layers.LSTM(3, return_sequences=True, name="lstm", **init),
            keras.layers.GRU(3, return_sequences=True, name="gru", **init),
            keras.layers.Dense(3, activation="softmax", name="dense"),
        ],
    }


def write_text_models() -> None:
    keras.utils.set_random_seed(2)
    OUT.mkdir(parents=True, exist_ok=True)
    ids = np.array([IDS], dtype=np.int32)
    expected = {}
    for name, layers_ in text_models().items():
        model = keras.Sequential([keras.Input((None,), dtype="int32"), *layers_])
        model.save(OUT / f"text_{name}.keras")
        expected[name] = np.asarray(model(ids)[0].detach().cpu().numpy())
    np.savez(OUT / "expected_text.npz", **expected)


def main() -> None:
    keras.utils.set_random_seed(0)
    OUT.mkdir(parents=True, exist_ok=True)
    x = np.random.default_rng(0).normal(size=(6, 2)).astype(np.float32)
    expected = {"x": x}
    for name, layer in layers().items():
        model = keras.Sequential([keras.Input((None, 2)), layer])
        model.save(OUT / f"{name}.keras")
        expected[name] = np.asarray(model(x[None])[0].detach().cpu().numpy())
    np.savez(OUT / "expected.npz", **expected)
    write_stacked()
    write_text_models()


if __name__ == "__main__":
    main()
