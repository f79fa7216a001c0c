"""The attribution drawn over the tokens is the engine's, on a log colour scale."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import LSTM, save_weights
from lstm_viz.state.attribution import (
    DECADES,
    TokenAttribution,
    attribution_predictions,
    token_attribution,
)
from lstm_viz.state.prediction import attribution
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings
from tests.state.test_stack_results import torch_tensors
from tests.state.tutorials import bi_tagger_settings


def _language_model(folder: Path) -> Path:
    """A character LSTM over "abc" with a read-out head predicting the next character."""
    model = LSTM(3, 4, seed=1)
    rng = np.random.default_rng(2)
    head = {"fc.weight": rng.standard_normal((3, 4)) * 3, "fc.bias": np.zeros(3)}
    head["tokens"] = np.array([ord(c) for c in "abc"])
    return save_weights(folder / "lm.npz", "lstm", model.params, head)


def test_the_tokens_get_the_engines_exact_attribution(tmp_path: Path) -> None:
    results = compute(
        Settings(sequence="text", text="abcabca", weights=str(_language_model(tmp_path)))
    )
    found = token_attribution(results, 4)
    expected = attribution(results, 4)
    np.testing.assert_array_equal(found.norms, expected)
    assert (found.step, found.steps) == (4, 7)
    assert found.high == pytest.approx(np.log10(expected.max()))
    assert found.low == pytest.approx(max(np.log10(expected.min()), found.high - DECADES))


def test_shades_run_on_a_log_scale_and_later_tokens_have_none() -> None:
    norms = np.array([1e-9, 1e-4, 1e-3, 1e-1, 0.0])
    found = TokenAttribution(step=4, steps=7, norms=norms, low=-4.0, high=-1.0)
    shades = found.shades()
    np.testing.assert_allclose(shades[:5], [0.0, 0.0, 1 / 3, 1.0, 0.0])  # below the floor: 0
    assert np.isnan(shades[5:]).all()  # steps after t' = 4: not read by the prediction
    assert (found.smallest, found.largest) == (0.0, 0.1)


def test_an_overflowed_norm_is_flagged_not_shaded() -> None:
    norms = np.array([1e-2, np.inf, 1.0])
    found = TokenAttribution(step=2, steps=3, norms=norms, low=-2.0, high=0.0)
    assert found.overflowed().tolist() == [False, True, False]
    assert np.isnan(found.shades()[1]) and found.shades()[2] == 1.0


def test_the_scale_spans_at_most_the_given_decades(tmp_path: Path) -> None:
    text = "abc" * 30  # long enough for the first inputs to fade by many decades
    results = compute(Settings(sequence="text", text=text, weights=str(_language_model(tmp_path))))
    found = token_attribution(results, 89, decades=2.0)
    assert found.high - found.low <= 2.0 + 1e-12
    assert found.smallest < 10.0**found.low  # the real range goes further down


def test_without_a_head_there_is_nothing_to_attribute(tmp_path: Path) -> None:
    results = compute(Settings(sequence="text", text="abca", hidden_size=3))
    assert attribution_predictions(results) is None
    with pytest.raises(ValueError, match="read-out head"):
        token_attribution(results, 2)


def test_every_layer_shows_the_same_attribution_to_the_tokens(tmp_path: Path) -> None:
    # The prediction reads the top layer; its inputs are the tokens, whichever layer
    # the diagram draws.
    tensors = torch_tensors("lstm", 2, 1, 3, 4, seed=3)
    tensors |= {"fc.weight": np.ones((3, 4)), "tokens": np.array([ord(c) for c in "abc"])}
    np.savez(tmp_path / "two.npz", **tensors)
    settings = Settings(sequence="text", text="abca", weights=str(tmp_path / "two.npz"))
    first, second = compute(settings), compute(settings.replace(layer=1))
    assert attribution_predictions(second) is not None
    np.testing.assert_array_equal(
        token_attribution(first, 2).norms, token_attribution(second, 2).norms
    )


def test_a_reverse_cell_attributes_the_prediction_of_the_token_it_reads() -> None:
    forward = compute(bi_tagger_settings())
    reverse = forward.select(0, 1)
    last = token_attribution(reverse, 0)  # the reverse cell's first step reads "book"
    np.testing.assert_array_equal(last.norms, token_attribution(forward, 3).norms)
    assert len(last.norms) == 4 and np.isfinite(last.shades()).all()  # read every word
