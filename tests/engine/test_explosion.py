"""Explodes less often: every run's norm is the engine's, and the rates count them."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine import MODELS
from lstm_viz.engine.gradients.diagnostics import last_step_loss_gradient
from lstm_viz.engine.gradients.explosion import explosion_rates

X = np.sin(np.linspace(0, 6, 40))[:, None]


def _global_norm(kind: str, scale: float, seed: int) -> float:
    m = MODELS[kind](1, 8, seed=seed, init="orthogonal", recurrent_scale=scale, forget_bias=1.0)
    tr = m.forward(X)
    g = m.backward(tr, last_step_loss_gradient(tr)).params
    return float(np.sqrt(sum(np.sum(v**2) for v in g.values())))


def test_each_runs_norm_is_the_global_gradient_norm_of_that_model() -> None:
    scales = np.array([0.8, 2.0])
    r = explosion_rates(
        X, 8, ("rnn", "lstm"), scales=scales, seeds=(0, 4), init="orthogonal", forget_bias=1.0
    )
    for kind in ("rnn", "lstm"):
        for i, s in enumerate(scales):
            for j, seed in enumerate((0, 4)):
                assert r.norms[kind][i, j] == pytest.approx(_global_norm(kind, s, seed), rel=1e-9)


def test_the_rates_count_the_runs_above_the_threshold() -> None:
    r = explosion_rates(X, 8, ("rnn",), seeds=range(5), init="orthogonal", threshold=3.0)
    above = r.norms["rnn"] > 3.0
    assert r.count("rnn") == int(above.sum())
    np.testing.assert_allclose(r.rate("rnn"), above.mean(axis=1))
    assert r.overall("rnn") == pytest.approx(above.mean())
    assert r.runs == r.scales.size * 5


def test_the_lstm_explodes_less_often_than_the_rnn_on_the_charts_sweep() -> None:
    r = explosion_rates(X, 8, init="orthogonal", forget_bias=1.0)
    assert 0 < r.count("lstm") < r.count("rnn") / 2
    assert r.first_scale("rnn") is not None and r.first_scale("lstm") is None


def test_a_bad_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        explosion_rates(X, 4, threshold=0.0)


def test_the_progress_counts_each_sweep_by_its_models_gate_blocks() -> None:
    fractions: list[float] = []
    explosion_rates(
        X, 3, ("rnn", "lstm"), scales=[1.0, 2.0], seeds=(0, 1), progress=fractions.append
    )
    # Two RNN sweeps (1 block each), then two LSTM sweeps (4 each), of 10 blocks in all.
    assert fractions == pytest.approx([0.1, 0.2, 0.6, 1.0])
