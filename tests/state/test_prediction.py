"""The tutorial models open with their own words and characters and say what PyTorch says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.cli import main
from lstm_viz.engine import LSTM, save_weights
from lstm_viz.state.prediction import attribution
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings
from tests.state.tutorials import INPUTS, LANGUAGES, NAMES, POS_TAGS, STORED, build


@pytest.fixture(scope="module")
def tutorials(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built by torch when it is installed, else the stored copies torch built."""
    folder = tmp_path_factory.mktemp("tutorials")
    try:
        import torch  # noqa: F401
    except ImportError:
        for path in STORED.iterdir():
            shutil.copy(path, folder)
    else:
        for name in NAMES:
            build(name, folder)
    return folder


def _settings(folder: Path, name: str, **more: object) -> Settings:
    base = {
        "pos_tagger": {"tokenizer": "words", "vocab_file": "pos_tagger.vocab.json"},
        "char_rnn": {"vocab_file": "char_rnn.letters.txt"},
        "seq2seq_encoder": {"tokenizer": "words", "vocab_file": "seq2seq_encoder.vocab.txt"},
        "bi_tagger": {"tokenizer": "words", "vocab_file": "bi_tagger.vocab.json"},
    }[name]
    files = {k: str(folder / v) for k, v in base.items() if k.endswith("_file")}
    return Settings().replace(
        sequence="text",
        text=INPUTS[name],
        weights=str(folder / f"{name}.npz"),
        **{**base, **files, **more},
    )


def test_the_pos_tagger_tags_the_tutorial_sentence_as_pytorch_does(tutorials: Path) -> None:
    labels = str(tutorials / "pos_tagger.tags.txt")
    results = compute(_settings(tutorials, "pos_tagger", labels_file=labels))
    expected = np.exp(np.load(tutorials / "pos_tagger.expected.npz")["output"])
    assert results.sequence.step_labels == ("The", "dog", "ate", "the", "apple")
    assert results.text.how == "embedding 'word_embeddings.weight'"
    np.testing.assert_allclose(results.predictions.probabilities, expected, rtol=1e-5, atol=1e-6)
    top = results.predictions.top(1, k=3)
    assert top[0][0] == POS_TAGS[int(np.argmax(expected[1]))]
    assert [p for _, p in top] == sorted((p for _, p in top), reverse=True)


def test_the_char_rnn_reads_a_name_with_its_space_one_hot(tutorials: Path) -> None:
    labels = str(tutorials / "char_rnn.languages.txt")
    results = compute(_settings(tutorials, "char_rnn", labels_file=labels))
    expected = np.exp(np.load(tutorials / "char_rnn.expected.npz")["output"])
    assert results.text.how == "one-hot" and results.text.known.all()  # " " and "'" too
    np.testing.assert_allclose(results.predictions.probabilities, expected, rtol=1e-5, atol=1e-6)
    assert results.predictions.top(-1, 1)[0][0] == LANGUAGES[int(np.argmax(expected[-1]))]


def test_the_seq2seq_encoder_runs_its_embedding_and_has_no_prediction(tutorials: Path) -> None:
    results = compute(_settings(tutorials, "seq2seq_encoder"))
    expected = np.load(tutorials / "seq2seq_encoder.expected.npz")["output"]
    np.testing.assert_allclose(
        results.trace.h, expected, rtol=1e-5, atol=1e-6
    )  # torch ran in float32
    assert results.predictions is None


def test_a_bidirectional_stack_predicts_from_its_top_layer_whatever_cell_is_shown(
    tutorials: Path,
) -> None:
    labels = str(tutorials / "bi_tagger.tags.txt")
    results = compute(_settings(tutorials, "bi_tagger", labels_file=labels))
    expected = np.exp(np.load(tutorials / "bi_tagger.expected.npz")["output"])
    assert results.predictions.readout.prefix == "fc."
    for layer, direction in ((0, 0), (0, 1), (1, 0), (1, 1)):
        shown = results.select(layer, direction)
        np.testing.assert_allclose(
            shown.predictions.probabilities, expected, rtol=1e-5, atol=1e-6
        )  # torch ran in float32


def _numeric_attribution(results, step: int, eps: float = 1e-6) -> np.ndarray:
    """‖∂ŷ_step/∂x_t‖ for every t by central differences through the whole stack."""
    stack, x = results.stack, np.array(results.sequence.values)
    pred = results.predictions
    w, b = np.asarray(pred.readout.weight), np.asarray(pred.readout.bias)
    k = int(np.argmax(pred.probabilities[step]))

    def y(values: np.ndarray) -> float:
        z = stack.forward(values).output[step] @ w.T + b
        p = np.exp(z - z.max())
        return float(p[k] / p.sum())

    norms = []
    for t in range(len(x)):
        g = np.zeros(x.shape[1])
        for d in range(x.shape[1]):
            up, down = x.copy(), x.copy()
            up[t, d] += eps
            down[t, d] -= eps
            g[d] = (y(up) - y(down)) / (2 * eps)
        norms.append(np.linalg.norm(g))
    return np.array(norms)


def test_a_bidirectional_prediction_depends_on_later_words_too(tutorials: Path) -> None:
    results = compute(_settings(tutorials, "bi_tagger"))
    for step in (0, 2):
        exact = attribution(results, step)
        assert exact.shape == (results.steps,)  # the reverse direction read every word
        np.testing.assert_allclose(exact, _numeric_attribution(results, step), rtol=1e-5)
    assert exact[-1] > 0


def test_the_load_report_says_what_the_run_used_instead_of_calling_it_ignored(
    tutorials: Path,
) -> None:
    from lstm_viz.state.load_report import run_report

    report = run_report(compute(_settings(tutorials, "bi_tagger")))
    assert report.ignored == ()
    used = [str(s) for s in report.used]
    assert used == [
        "embedding 'embedding.weight' (9 tokens × 8) reads the text",
        "read-out 'fc' (3 output(s)) gives the predictions",
    ]
    encoder = run_report(compute(_settings(tutorials, "seq2seq_encoder")))
    assert [str(s) for s in encoder.used] == [
        "embedding 'embedding.weight' (12 tokens × 8) reads the text"
    ]


def test_labels_that_do_not_fit_the_head_are_named(tutorials: Path, tmp_path: Path) -> None:
    labels = tmp_path / "two.txt"
    labels.write_text("A\nB\n")
    results = compute(_settings(tutorials, "pos_tagger", labels_file=str(labels)))
    with pytest.raises(ValueError, match=r"two.txt names 2 classes .* 'hidden2tag.weight' has 3"):
        _ = results.predictions


def test_weights_without_a_vocabulary_ask_for_one(tutorials: Path) -> None:
    settings = _settings(tutorials, "pos_tagger").replace(vocab_file=None)
    with pytest.raises(ValueError, match=r"vocab_file: pos_tagger.npz carries no vocabulary"):
        compute(settings)


def test_attribution_is_the_exact_gradient_norm_by_finite_differences(tutorials: Path) -> None:
    results = compute(_settings(tutorials, "pos_tagger"))
    for step in (0, 2, 4):
        exact, numeric = attribution(results, step), _numeric_attribution(results, step)
        np.testing.assert_allclose(exact, numeric[: step + 1], rtol=1e-5)
        assert np.all(numeric[step + 1 :] == 0)  # a one-way model has not read them
    assert exact.shape == (5,) and np.all(exact > 0)


def test_simulate_json_has_tokens_predictions_and_attribution(tutorials: Path) -> None:
    out = tutorials / "pos.json"
    args = ["simulate", "--weights", str(tutorials / "pos_tagger.npz"), "--tokens", "words"]
    args += [
        "--text",
        "The dog ate the banana",
        "--vocab",
        str(tutorials / "pos_tagger.vocab.json"),
    ]
    args += ["--labels", str(tutorials / "pos_tagger.tags.txt"), "--top-k", "2", "--json", str(out)]
    assert main(args) == 0
    report = json.loads(out.read_text())
    assert report["tokens"] == ["The", "dog", "ate", "the", "banana"]
    assert report["unknown_tokens"] == [{"t": 5, "token": "banana", "id": 0}]
    assert len(report["predictions"]) == 5
    assert all(len(step) == 2 and step[0][0] in POS_TAGS for step in report["predictions"])
    assert [len(row) for row in report["attribution"]] == [1, 2, 3, 4, 5]


def test_a_regressor_predicts_its_value_with_no_label(tmp_path: Path) -> None:
    model = LSTM(3, 4, seed=1)
    head = {"fc.weight": np.ones((1, 4)), "fc.bias": np.array([0.5])}
    head["tokens"] = np.array([ord(c) for c in "abc"])
    path = save_weights(tmp_path / "reg.npz", "lstm", model.params, head)
    out = tmp_path / "reg.json"
    assert main(["simulate", "--weights", str(path), "--text", "abca", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    h = model.forward(np.eye(3)[[0, 1, 2, 0]]).h
    values = [step[0][1] for step in report["predictions"]]
    assert all(step[0][0] is None and len(step) == 1 for step in report["predictions"])
    np.testing.assert_allclose(values, h.sum(axis=1) + 0.5, rtol=1e-12)


def test_a_scenario_keeps_the_text_and_its_vocabulary(tutorials: Path, tmp_path: Path) -> None:
    from lstm_viz.state.scenario import Scenario, read_scenario
    from lstm_viz.state.scenario_write import write_scenario

    settings = _settings(tutorials, "pos_tagger").replace(weights=None, text="the dog\nate")
    folder = tmp_path / "lesson"
    folder.mkdir()
    path = write_scenario(folder / "s.toml", Scenario(settings=settings))
    back = read_scenario(path, strict=True).settings
    assert (back.sequence, back.text, back.tokenizer) == ("text", "the dog\nate", "words")
    assert Path(back.vocab_file).read_text() == Path(settings.vocab_file).read_text()
    assert Path(back.vocab_file).parent == folder  # copied beside the scenario


def test_simulate_prints_each_steps_token_and_prediction_and_what_it_used(
    tutorials: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["simulate", "--weights", str(tutorials / "bi_tagger.npz"), "--tokens", "words"]
    args += ["--text", INPUTS["bi_tagger"], "--vocab", str(tutorials / "bi_tagger.vocab.json")]
    args += ["--labels", str(tutorials / "bi_tagger.tags.txt")]
    assert main(args) == 0
    out, err = capsys.readouterr()
    results = compute(
        _settings(tutorials, "bi_tagger", labels_file=str(tutorials / "bi_tagger.tags.txt"))
    )
    rows = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]
    assert [row[1] for row in rows] == INPUTS["bi_tagger"].split()
    for t, row in enumerate(rows):
        label, p = results.predictions.top(t, 1)[0]
        assert row[-2:] == [label, f"({p:.2f})"]
    assert "load: read-out 'fc' (3 output(s)) gives the predictions" in err
    assert "ignored" not in err


def test_too_many_different_words_for_one_hot_say_what_to_do_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    words = " ".join(f"w{i}" for i in range(65))
    assert main(["simulate", "--tokens", "words", "--text", words]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.count(" — ") == 1  # its own advice, no second hint
    assert "65 different tokens" in err and err.endswith("open a weight file with an embedding")
    assert main(["simulate", "--tokens", "words", "--text", " ".join(words.split()[:64])]) == 0


def test_a_reverse_cell_shows_the_prediction_of_the_token_it_is_reading(tutorials: Path) -> None:
    from lstm_viz.state.frame import frame_at, readout_at, readout_history
    from lstm_viz.state.timeline import Cursor

    labels = str(tutorials / "bi_tagger.tags.txt")
    reverse = compute(_settings(tutorials, "bi_tagger", labels_file=labels)).select(0, 1)
    cursor = Cursor(0, 2, 1.0)  # the reverse cell's first step reads the last word
    shown = readout_at(reverse, frame_at(reverse, cursor))
    assert shown.top == tuple(reverse.predictions.top(reverse.steps - 1, 3))
    later = Cursor(3, 2, 1.0)
    current = readout_at(reverse, frame_at(reverse, later))
    history = readout_history(reverse, later, 0, reverse.steps, current)
    p = reverse.predictions.probabilities
    best = reverse.predictions.best()
    np.testing.assert_array_equal(history.values, p[[3, 2, 1, 0], best[[3, 2, 1, 0]]])


def test_simulate_shows_a_reverse_cells_steps_with_the_prediction_of_their_token(
    tutorials: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["simulate", "--weights", str(tutorials / "bi_tagger.npz"), "--tokens", "words"]
    args += ["--text", INPUTS["bi_tagger"], "--vocab", str(tutorials / "bi_tagger.vocab.json")]
    args += ["--labels", str(tutorials / "bi_tagger.tags.txt"), "--direction", "reverse"]
    assert main(args) == 0
    out = capsys.readouterr().out
    results = compute(
        _settings(tutorials, "bi_tagger", labels_file=str(tutorials / "bi_tagger.tags.txt"))
    )
    rows = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit()]
    words = INPUTS["bi_tagger"].split()
    assert [row[1] for row in rows] == words[::-1]  # the reverse cell reads the last word first
    for t, row in enumerate(rows):
        label, p = results.predictions.top(len(words) - 1 - t, 1)[0]
        assert row[-2:] == [label, f"({p:.2f})"]
