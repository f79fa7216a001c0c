"""What the showcase's units learned, measured on standard-library files it never saw.

The shipped model (``scripts/make_showcase_model.py``) reads held-out files of the
installed Python; for each feature of Karpathy et al. (2015) we find the unit whose
c, h or gate is best correlated with it. The README states these numbers.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import MODELS
from lstm_viz.engine.data.showcase import (
    SHOWCASE_ALPHABET,
    best_units,
    held_out,
    python_features,
    stdlib_files,
    stdlib_text,
)
from lstm_viz.engine.data.tokens import vocabulary_from_arrays
from lstm_viz.engine.io.heads import find_embedding
from lstm_viz.engine.io.weights import load_weights

MODEL = Path(str(resources.files("lstm_viz.resources") / "models" / "showcase_char_lstm.npz"))
FILES, CHARS = 10, 6000  # ≈ 60,000 held-out characters
#: Measured with the shipped model (README): |r| = 0.64 for the position in the line, and
#: at least 0.31 for every feature. The bounds sit just below, so a worse model fails.
POSITION_R, FLOOR = 0.6, 0.28


@pytest.fixture(scope="module")
def measured() -> dict[str, tuple[str, int, float]]:
    wf = load_weights(MODEL)
    model = MODELS[wf.kind].from_params(wf.params)
    embedding = find_embedding(wf).weight
    index = {ch: i for i, ch in enumerate(SHOWCASE_ALPHABET)}
    states: dict[str, list[np.ndarray]] = {}
    features = []
    for path in [p for p in stdlib_files() if held_out(p)][:FILES]:
        text = stdlib_text(path)[:CHARS]
        trace = model.forward(embedding[[index[ch] for ch in text]])
        for name, values in {"c": trace.c, "h": trace.h, **trace.gates}.items():
            states.setdefault(name, []).append(values)
        features.append(python_features(text))
    return best_units({k: np.concatenate(v) for k, v in states.items()}, np.concatenate(features))


def test_the_showcase_carries_its_alphabet_and_heads() -> None:
    wf = load_weights(MODEL)
    vocab = vocabulary_from_arrays(wf.extra, MODEL.name)
    assert vocab.tokens == SHOWCASE_ALPHABET
    assert find_embedding(wf).key == "embedding.weight"
    assert wf.readout().prefix == "fc." and wf.readout().weight.shape[0] == len(vocab)


def test_held_out_files_are_never_trained_on_and_exist() -> None:
    files = stdlib_files()
    assert sum(held_out(p) for p in files) >= FILES
    assert sum(not held_out(p) for p in files) > 5 * FILES


def test_python_features_follow_pythons_own_tokenizer() -> None:
    text = 'x = f("a(b", [1,\n    2])\n'
    f = python_features(text)
    assert f[text.index('"'), 0] == 1 and f[text.index("b"), 0] == 1 and f[0, 0] == 0
    assert f[text.index("b"), 1] == 1  # the "(" inside the string opens nothing
    assert f[text.index("2"), 1] == 2 and f[text.index("2"), 2] == 4
    assert f[text.index("2"), 3] == 4


def test_a_unit_tracks_the_position_in_the_line(measured) -> None:
    name, unit, r = measured["line_position"]
    assert abs(r) >= POSITION_R, (name, unit, r)


def test_every_feature_has_a_correlated_unit(measured) -> None:
    for feature, (_name, _unit, r) in measured.items():
        assert abs(r) >= FLOOR, (feature, r)
