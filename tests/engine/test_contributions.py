"""Near vs far: the per-distance terms of the weight gradients add up to the gradient."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine import GRU, LSTM, RNN
from lstm_viz.engine.cells.lstm_proj import ProjectedLSTM
from lstm_viz.engine.gradients.contributions import distance_shares, step_terms
from lstm_viz.engine.gradients.diagnostics import last_step_loss_gradient

RNG = np.random.default_rng(3)
X = RNG.normal(size=(15, 3))


@pytest.mark.parametrize("cls", [RNN, LSTM, GRU])
@pytest.mark.parametrize("weight", ["weight_hh", "weight_ih"])
def test_the_terms_of_every_step_add_up_to_the_full_gradient(cls, weight) -> None:
    m = cls(3, 5, seed=1)
    tr = m.forward(X)
    dh = RNG.normal(size=tr.h.shape)  # any loss, not only the last step's
    terms = step_terms(m, tr, dh, weight)
    np.testing.assert_allclose(terms.sum(axis=0), m.backward(tr, dh).params[weight], atol=1e-12)


@pytest.mark.parametrize("cls", [RNN, LSTM, GRU])
def test_each_distance_norm_is_the_norm_of_its_steps_term(cls) -> None:
    m = cls(3, 5, seed=2)
    tr = m.forward(X)
    d = distance_shares(m, tr)
    terms = step_terms(m, tr, last_step_loss_gradient(tr))
    by_distance = np.linalg.norm(terms.reshape(terms.shape[0], -1), axis=1)[::-1]
    np.testing.assert_allclose(d.weight_hh, by_distance, rtol=1e-10, atol=1e-300)
    assert d.total_hh == pytest.approx(np.linalg.norm(terms.sum(axis=0)))
    assert d.shares().sum() == pytest.approx(1.0)
    assert d.near_share(d.steps) == pytest.approx(1.0)
    # Step 1 multiplies h_0 = 0: the farthest distance contributes nothing to W_hh.
    assert d.weight_hh[-1] == 0.0


@pytest.mark.parametrize(
    "make",
    [
        lambda: RNN(3, 5, seed=4),
        lambda: LSTM(3, 5, seed=4),
        lambda: GRU(3, 5, seed=4),
        lambda: ProjectedLSTM(3, 5, 2, seed=4),
    ],
)
def test_the_totals_are_the_norms_of_the_backward_passs_weight_gradients(make) -> None:
    m = make()
    tr = m.forward(X)
    d = distance_shares(m, tr)
    params = m.backward(tr, last_step_loss_gradient(tr)).params
    assert d.total_hh == pytest.approx(np.linalg.norm(params["weight_hh"]), rel=1e-12)
    assert d.total_ih == pytest.approx(np.linalg.norm(params["weight_ih"]), rel=1e-12)


def _untied_rnn_loss(m: RNN, x: np.ndarray, step: int, w_step: np.ndarray) -> float:
    """The last-step loss when step ``step`` (0-based) alone uses ``w_step`` as W_hh."""
    p = m.params
    h = np.zeros(m.hidden_size)
    for t in range(x.shape[0]):
        w = w_step if t == step else p["weight_hh"]
        h = np.tanh(p["weight_ih"] @ x[t] + p["bias_ih"] + w @ h + p["bias_hh"])
    return float(h.sum() / np.sqrt(m.hidden_size))


def test_a_steps_term_is_the_derivative_through_that_steps_copy_of_w_hh() -> None:
    """Finite differences on a W_hh untied at one step give that step's term."""
    m = RNN(3, 4, seed=5)
    tr = m.forward(X)
    terms = step_terms(m, tr, last_step_loss_gradient(tr))
    eps = 1e-6
    for step in (3, 9, 14):
        fd = np.zeros((4, 4))
        for a in range(4):
            for b in range(4):
                w = np.array(m.params["weight_hh"])
                w[a, b] += eps
                up = _untied_rnn_loss(m, X, step, w)
                w[a, b] -= 2 * eps
                fd[a, b] = (up - _untied_rnn_loss(m, X, step, w)) / (2 * eps)
        np.testing.assert_allclose(terms[step], fd, atol=1e-8)


def test_the_rnn_gradient_is_dominated_by_the_nearby_steps_more_than_the_lstms() -> None:
    x = np.sin(np.linspace(0, 6, 40))[:, None]
    rnn = RNN(1, 8, seed=0)
    lstm = LSTM(1, 8, seed=0, forget_bias=3.0)
    near_rnn = distance_shares(rnn, rnn.forward(x)).near_share(5)
    near_lstm = distance_shares(lstm, lstm.forward(x)).near_share(5)
    assert near_rnn > 0.8 > near_lstm


def test_a_batch_is_refused_with_a_message() -> None:
    m = RNN(3, 4)
    with pytest.raises(ValueError, match="one sequence"):
        distance_shares(m, m.forward(X[:, None, :]))
