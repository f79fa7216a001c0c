"""The embedding and the read-out head are found by shape among a file's other arrays."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lstm_viz.engine import save_weights
from lstm_viz.engine.io.heads import find_embedding, find_readout
from lstm_viz.engine.io.weights import load_weights
from tests.state.tutorials import STORED


def test_the_seq2seq_encoders_embedding_is_never_taken_as_its_readout() -> None:
    wf = load_weights(STORED / "seq2seq_encoder.npz")
    assert wf.hidden_size == wf.input_size == 8  # the embedding is V × H
    assert find_embedding(wf).key == "embedding.weight"
    assert find_readout(wf) is None
    assert wf.readout() is None


def test_the_pos_tagger_has_an_embedding_and_a_hidden2tag_head() -> None:
    wf = load_weights(STORED / "pos_tagger.npz")
    assert find_embedding(wf).key == "word_embeddings.weight"
    head = wf.readout()
    assert head.prefix == "hidden2tag." and head.weight.shape == (3, 6)


def test_the_char_rnn_reads_one_hot_letters_into_an_h2o_head() -> None:
    wf = load_weights(STORED / "char_rnn.npz")
    assert find_embedding(wf) is None
    assert wf.readout().prefix == "h2o." and wf.readout().weight.shape == (18, 16)


def test_two_unnamed_bias_less_matrices_are_no_embedding(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    params = {
        "weight_ih": rng.normal(size=(2, 3)),
        "weight_hh": rng.normal(size=(2, 2)),
        "bias_ih": np.zeros(2),
        "bias_hh": np.zeros(2),
    }
    extra = {"a.weight": rng.normal(size=(5, 3)), "b.weight": rng.normal(size=(4, 3))}
    wf = load_weights(save_weights(tmp_path / "w.npz", "rnn", params, extra))
    assert find_embedding(wf) is None
