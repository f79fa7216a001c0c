"""Text becomes the model's input: tokens, vocabularies from files and checkpoints, ids, vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine.data.sequences import SequenceError
from lstm_viz.engine.data.tokens import (
    Vocabulary,
    encode_text,
    labels_from_arrays,
    load_vocabulary,
    tokenize,
    vocabulary_from_arrays,
)


def test_characters_keep_spaces_and_words_split_off_punctuation() -> None:
    assert tokenize("a b\n", "chars") == ("a", " ", "b", "\n")
    assert tokenize("Don't stop, now!", "words") == ("Don", "'", "t", "stop", ",", "now", "!")


def test_an_unknown_tokenizer_is_refused_by_name() -> None:
    with pytest.raises(SequenceError, match="'bytes'"):
        tokenize("x", "bytes")


def test_vocabulary_lines_are_not_stripped_so_one_space_is_the_space_token(tmp_path: Path) -> None:
    path = tmp_path / "chars.txt"
    path.write_bytes(b"a\n \nb\r\n")
    vocab = load_vocabulary(path)
    assert vocab.tokens == ("a", " ", "b")
    assert vocab.index[" "] == 1


def test_json_vocabulary_is_read_in_id_order(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text('{"dog": 1, "the": 0, "<unk>": 2}')
    vocab = load_vocabulary(path)
    assert vocab.tokens == ("the", "dog", "<unk>")
    assert vocab.unknown_id == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"a": 0, "b": 0}', "share id 0"),
        ('{"a": 0, "b": 5}', "ids must be 0 to 1"),
        ('{"a": ', "not valid JSON"),
    ],
)
def test_a_bad_json_vocabulary_names_the_file_and_the_fault(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SequenceError, match=message) as err:
        load_vocabulary(path)
    assert "bad.json" in str(err.value)


def test_a_checkpoint_carries_its_vocabulary_as_code_points() -> None:
    chars = {"model.tokens": np.array([ord(c) for c in "ab "], dtype=np.int32)}
    assert vocabulary_from_arrays(chars, "f.npz").tokens == ("a", "b", " ")
    words = np.zeros((2, 5), dtype=np.int32)
    words[0, :3] = [ord(c) for c in "DET"]
    words[1, :2] = [ord(c) for c in "NN"]
    assert labels_from_arrays({"tags": words}, "f.npz") == ("DET", "NN")
    pairs = {"char2int": np.array([[ord("x"), 1], [ord("y"), 0]])}
    assert vocabulary_from_arrays(pairs, "f.npz").tokens == ("y", "x")
    assert vocabulary_from_arrays({"fc.weight": np.zeros((2, 2))}, "f.npz") is None


def test_unknown_tokens_are_marked_with_the_id_they_used() -> None:
    vocab = Vocabulary(("<pad>", "the", "dog", "<unk>"), "v.txt")
    text = encode_text(("the", "cat", "dog"), vocab)
    assert text.ids.tolist() == [1, 3, 2]
    assert text.unknown == [(1, "cat", 3)]
    np.testing.assert_array_equal(text.sequence.values, np.eye(4)[[1, 3, 2]])
    assert text.sequence.step_labels == ("the", "cat", "dog")


def test_tokens_go_through_the_embedding_rows() -> None:
    vocab = Vocabulary(("a", "b", "c"), "v")
    emb = np.arange(6.0).reshape(3, 2)
    text = encode_text(("c", "a"), vocab, embedding=emb, embedding_key="emb.weight")
    np.testing.assert_array_equal(text.sequence.values, [[4.0, 5.0], [0.0, 1.0]])
    assert text.how == "embedding 'emb.weight'"


def test_a_vocabulary_that_does_not_fit_the_model_is_refused() -> None:
    vocab = Vocabulary(("a", "b", "c"), "v.txt")
    with pytest.raises(SequenceError, match=r"reads 5 features per step .* has 3 tokens"):
        encode_text(("a",), vocab, input_size=5)
    with pytest.raises(SequenceError, match=r"has 4 rows .* has 3 tokens"):
        encode_text(("a",), vocab, embedding=np.zeros((4, 2)), embedding_key="e.weight")
    with pytest.raises(SequenceError, match="appears twice"):
        Vocabulary(("a", "a"), "v.txt")
