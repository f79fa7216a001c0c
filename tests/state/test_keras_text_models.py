"""Keras text models open with their Embedding and their Dense head, and the head is a
read-out only of the recurrent module whose output it really reads."""

from __future__ import annotations

import string
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.state.load_report import run_report
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "keras"
IDS = [1, 2, 3, 4, 5, 1]  # as scripts/make_keras_fixtures.py feeds them
TOKENS = string.ascii_lowercase[:12]


@pytest.fixture
def vocab(tmp_path: Path) -> Path:
    path = tmp_path / "letters.txt"
    path.write_text("\n".join(TOKENS) + "\n")
    return path


def _settings(name: str, vocab: Path, **more) -> Settings:
    return Settings().replace(
        sequence="text",
        text="".join(TOKENS[i] for i in IDS),
        vocab_file=str(vocab),
        weights=str(FIXTURES / f"text_{name}.keras"),
        **more,
    )


def test_a_keras_bidirectional_tagger_predicts_what_keras_predicts(vocab: Path) -> None:
    results = compute(_settings("bilstm", vocab))
    expected = np.load(FIXTURES / "expected_text.npz")["bilstm"]
    assert (results.stack.num_layers, results.stack.bidirectional) == (2, True)
    assert results.text.how == "embedding 'embedding.weight'"
    np.testing.assert_allclose(results.predictions.probabilities, expected, atol=2e-6)
    assert [str(s) for s in run_report(results).used][-1] == (
        "read-out 'dense' (3 output(s)) gives the predictions"
    )


def test_a_dense_after_another_module_is_no_read_out_of_the_first(vocab: Path) -> None:
    results = compute(_settings("chain", vocab))
    assert results.weights.report.prefix == "lstm."
    assert results.predictions is None  # the Dense reads the GRU, not this LSTM
    report = run_report(results)
    assert "dense.weight" in report.ignored
    assert (
        "'dense' reads the output of 'gru', not of the module shown: it gives no "
        "predictions here (choose 'gru' to see them)"
    ) in [str(line) for line in report.lines()]


def test_the_module_a_keras_dense_reads_gets_its_predictions_without_an_assumption(
    vocab: Path,
) -> None:
    from lstm_viz.engine.io.weights import load_weights

    wf = load_weights(FIXTURES / "text_chain.keras", prefix="gru.")
    assert wf.readout().prefix == "dense." and wf.report.readers == ("dense.",)
    results = compute(
        Settings().replace(
            weights=str(FIXTURES / "text_chain.keras"),
            weights_module="gru.",
            sequence="sine",
            length=6,
        )
    )
    assert run_report(results).assumed == ()
