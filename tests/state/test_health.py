"""The health check says what is wrong with a model on its input, with numbers and a remedy."""

from __future__ import annotations

import numpy as np

from lstm_viz.engine.io.weights import save_weights
from lstm_viz.state.health import check_health
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings


def run(tmp_path, values, params=None, kind="rnn", **settings):
    table = tmp_path / "x.csv"
    table.write_text("\n".join(str(v) for v in values) + "\n")
    if params is not None:
        save_weights(tmp_path / "w.npz", kind, params)
        settings["weights"] = str(tmp_path / "w.npz")
    return compute(Settings(sequence="file", sequence_file=str(table), **settings))


def kinds(health):
    return [f.kind for f in health.findings]


def test_unscaled_input_is_named_with_its_peak_and_the_saturated_gates(tmp_path):
    airline = 112 + 510 * np.abs(np.sin(np.linspace(0, 6, 48)))  # peaks at 622
    health = check_health(run(tmp_path, airline, model="lstm", hidden_size=8))
    first = str(health.findings[0].text)
    assert first.startswith("inputs reach 622, far beyond the gates' working range")
    assert "the gates saturate — normalise the input" in first
    assert "saturation" in kinds(health)
    assert all(f.problem for f in health.problems)


def test_a_normalised_input_raises_no_input_scale_finding(tmp_path):
    x = np.sin(np.linspace(0, 6, 48))
    health = check_health(run(tmp_path, x, model="lstm", hidden_size=8))
    assert "input_scale" not in kinds(health)
    assert "sigma" in kinds(health)
    sigma = next(f for f in health.findings if f.kind == "sigma")
    assert str(sigma.text).startswith("σ_max of each block of W_hh: i ")


def test_a_contracting_rnn_is_said_to_vanish_at_this_length(tmp_path):
    h = 4
    params = {"weight_ih": np.full((h, 1), 0.1), "weight_hh": 0.3 * np.eye(h)}
    health = check_health(run(tmp_path, np.ones(60) * 0.1, params))
    vanishing = next(f for f in health.findings if f.kind == "vanishing")
    assert str(vanishing.text).startswith("gradients vanish over these 60 steps: ‖∂L/∂h_1‖ = ")
    assert "an LSTM or GRU keeps a longer memory" in str(vanishing.text)


def test_an_expanding_rnn_near_zero_is_said_to_explode_with_clipping_as_the_remedy(tmp_path):
    h = 4
    params = {"weight_ih": np.zeros((h, 1)), "weight_hh": 1.5 * np.eye(h)}
    health = check_health(run(tmp_path, np.zeros(40), params))
    exploding = next(f for f in health.findings if f.kind == "exploding")
    assert f"{1.5**39:.3g}" in str(exploding.text) and "gradient clipping" in str(exploding.text)


def test_units_that_never_move_are_counted_as_dead(tmp_path):
    w_ih = np.array([[1.0], [0.5], [0.0]])
    w_hh = np.diag([0.2, 0.2, 0.0])
    health = check_health(
        run(tmp_path, np.linspace(-1, 1, 20), {"weight_ih": w_ih, "weight_hh": w_hh})
    )
    dead = next(f for f in health.findings if f.kind == "dead")
    assert str(dead.text).startswith("1 of 3 hidden units never move")
    assert health.as_dict()[0]["problem"] is True
