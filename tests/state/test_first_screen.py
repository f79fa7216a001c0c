"""The first screen tells the notes' story with real numbers: the trained LSTM's cell-state
highway stays open over the whole sequence while the RNN's gradient vanishes."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.cli._options import settings_from_args
from lstm_viz.cli.simulate import simulate_parser
from lstm_viz.engine.training.bundled import find_trained
from lstm_viz.state.comparison import compare
from lstm_viz.state.plot_data import run_paths
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.training_note import forget_means, highway_floor, training_note


@pytest.fixture(scope="module")
def first():
    return compare(Settings())


def test_simulate_without_options_computes_the_first_launchs_settings() -> None:
    assert settings_from_args(simulate_parser().parse_args([])) == Settings()


def test_the_first_screen_shows_every_model_after_training(first) -> None:
    assert first.current == "lstm"
    for kind, results in first.results.items():
        assert results.trained is not None and results.trained.kind == kind
        assert results.sequence.name == "adding" and results.steps == 80


def test_the_trained_highway_stays_within_100x_of_1_while_the_rnn_vanishes(first) -> None:
    curves = run_paths(first["lstm"], first["rnn"])  # what the LSTM-paths panel draws
    assert curves.highway.shape == (80,)
    assert np.all(curves.highway >= 1e-2) and np.all(curves.highway <= 1.0)
    ratio = curves.rnn_jacobian / curves.highway
    assert ratio.min() < 1e-4
    assert curves.rnn_jacobian[0] < 1e-4 * curves.highway[0]  # at the far end, step 1


def test_before_training_the_same_lstm_highway_vanishes() -> None:
    before = compare(Settings(trained=False))
    curves = run_paths(before["lstm"], before["rnn"])
    assert curves.highway.min() < 1e-2


def test_before_and_after_training_start_from_the_same_weights() -> None:
    after = compute(Settings())
    before = compute(Settings(trained=False))
    assert after.trained is not None and before.trained is None
    for key, value in after.trained.untrained().params.items():
        assert np.array_equal(before.model.params[key], value)
    assert not np.array_equal(before.model.params["weight_hh"], after.model.params["weight_hh"])
    assert np.array_equal(before.sequence.values, after.sequence.values)


def test_the_note_says_why_with_this_screens_numbers(first) -> None:
    lstm = first["lstm"]
    note = training_note(lstm)
    m = lstm.trained
    assert float(note.slots["floor"]) <= highway_floor(lstm) < float(note.slots["floor"]) + 0.01
    assert note.slots["steps"] == 80 and note.slots["iters"] == m.iterations
    assert float(note.slots["loss"]) == pytest.approx(m.test_loss, rel=0.05)
    after = forget_means(lstm.trace).max()
    before = forget_means(m.untrained().forward(lstm.sequence.values)).mean()
    assert note.slots["after"] == f"{after:.3f}" and after > 0.99
    assert note.slots["before"] == f"{before:.2f}" and abs(before - 0.73) < 0.02
    # "stays at {floor} or above": the panel's highway never dips below it.
    assert run_paths(lstm, None).highway.min() >= float(note.slots["floor"])
    assert "After training" in note and "0.75 or above" in note


def test_the_rnn_note_says_it_did_not_learn(first) -> None:
    rnn = first["rnn"]
    note = training_note(rnn)
    assert "did not learn" in note
    assert rnn.trained.test_loss > 0.9 * rnn.trained.trivial


def test_settings_without_a_trained_twin_say_so_and_show_the_untrained_model() -> None:
    results = compute(Settings(hidden_size=6))
    assert results.trained is None
    note = training_note(results)
    assert note.startswith("Before training") and "H = 8, seed 0, D = 2" in note
    assert find_trained("lstm", 2, 6, 0, forget_bias=1.0) is None


def test_a_weight_file_needs_no_training_note(tmp_path) -> None:
    from lstm_viz.engine.io.weights import save_weights

    m = compute(Settings(trained=False)).model
    path = save_weights(tmp_path / "w.npz", "lstm", m.params)
    assert training_note(compute(Settings(weights=str(path)))) is None
    assert compute(Settings(weights=str(path))).trained is None


def test_trained_must_be_true_or_false() -> None:
    from lstm_viz.state.settings import SettingsError

    with pytest.raises(SettingsError, match="trained"):
        Settings().replace(trained=1)
