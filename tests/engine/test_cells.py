"""The cells compute PyTorch's equations, and their backward pass is exact."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine import GRU, LSTM, MODELS, RNN

EPS = 1e-6


def central_difference(f, a: np.ndarray) -> np.ndarray:
    out = np.zeros_like(a)
    for idx in np.ndindex(a.shape):
        shifted = a.copy()
        shifted[idx] += EPS
        up = f(shifted)
        shifted[idx] -= 2 * EPS
        out[idx] = (up - f(shifted)) / (2 * EPS)
    return out


def relative_error(got: np.ndarray, want: np.ndarray) -> float:
    return float(np.abs(got - want).max() / max(np.abs(want).max(), 1e-12))


@pytest.fixture(params=["unbatched", "batched"])
def batched(request) -> bool:
    return request.param == "batched"


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_every_gradient_matches_central_differences(kind: str, batched: bool) -> None:
    rng = np.random.default_rng(7)
    model = MODELS[kind](3, 4, seed=1, forget_bias=1.0)
    lead = (5, 2) if batched else (5,)
    state = (2, 4) if batched else (4,)
    x = rng.standard_normal((*lead, 3))
    h0 = rng.standard_normal(state)
    c0 = rng.standard_normal(state) if kind == "lstm" else None
    # A loss with its own gradient at every step, on h and (LSTM) on c.
    w_h = rng.standard_normal((*lead, 4))
    w_c = rng.standard_normal((*lead, 4)) if kind == "lstm" else None

    def loss(m, x_, h0_, c0_) -> float:
        tr = m.forward(x_, h0_, c0_)
        value = float((w_h * tr.h).sum())
        if w_c is not None:
            value += float((w_c * tr.c).sum())
        return value

    grads = model.backward(model.forward(x, h0, c0), w_h, w_c)
    checks = {
        "x": (grads.x, central_difference(lambda a: loss(model, a, h0, c0), x)),
        "h0": (grads.h0, central_difference(lambda a: loss(model, x, a, c0), h0)),
    }
    if kind == "lstm":
        checks["c0"] = (grads.c0, central_difference(lambda a: loss(model, x, h0, a), c0))
    for key, value in model.params.items():
        numeric = central_difference(
            lambda a, key=key: loss(model.with_params(**{key: a}), x, h0, c0), np.array(value)
        )
        checks[key] = (grads.params[key], numeric)
    for name, (got, want) in checks.items():
        assert got.shape == want.shape, name
        assert relative_error(got, want) < 1e-6, name


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_total_state_gradient_is_the_loss_gradient_with_respect_to_each_state(kind: str) -> None:
    # g.h[t] is the total ∂L/∂h_t: perturbing h_t and running the rest of the
    # sequence from there changes the loss by exactly that much.
    rng = np.random.default_rng(3)
    model = MODELS[kind](2, 3, seed=0)
    x = rng.standard_normal((6, 2))
    w = rng.standard_normal((6, 3))
    tr = model.forward(x)
    g = model.backward(tr, w)
    t = 2
    c_t = tr.c[t] if kind == "lstm" else None

    def loss_from(h_t: np.ndarray) -> float:
        rest = model.forward(x[t + 1 :], h_t, c_t)
        return float(
            (w[: t + 1] * tr.h[: t + 1]).sum()
            + (w[t + 1 :] * rest.h).sum()
            + w[t] @ (h_t - tr.h[t])
        )

    numeric = central_difference(loss_from, tr.h[t].copy())
    assert relative_error(g.h[t], numeric) < 1e-6


def test_batched_run_equals_each_sequence_run_alone() -> None:
    rng = np.random.default_rng(0)
    for cls in (LSTM, GRU, RNN):
        model = cls(2, 5, seed=4)
        x = rng.standard_normal((7, 3, 2))
        dh = rng.standard_normal((7, 3, 5))
        batch = model.forward(x)
        g_batch = model.backward(batch, dh)
        param_sum = {k: np.zeros_like(v) for k, v in model.params.items()}
        for b in range(3):
            alone = model.forward(x[:, b])
            np.testing.assert_allclose(batch.h[:, b], alone.h, rtol=0, atol=1e-14)
            for name in cls.gate_names:
                np.testing.assert_allclose(batch.gates[name][:, b], alone.gates[name], atol=1e-14)
            g = model.backward(alone, dh[:, b])
            np.testing.assert_allclose(g_batch.x[:, b], g.x, atol=1e-13)
            for k in param_sum:
                param_sum[k] += g.params[k]
        for k, v in param_sum.items():
            np.testing.assert_allclose(g_batch.params[k], v, atol=1e-12)


def test_lstm_forward_follows_the_written_equations() -> None:
    rng = np.random.default_rng(1)
    m = LSTM(3, 4, seed=2)
    x = rng.standard_normal((4, 3))
    tr = m.forward(x)
    p = m.params
    sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    h = c = np.zeros(4)
    for t in range(4):
        z = p["weight_ih"] @ x[t] + p["bias_ih"] + p["weight_hh"] @ h + p["bias_hh"]
        i, f, g, o = sig(z[:4]), sig(z[4:8]), np.tanh(z[8:12]), sig(z[12:])
        c = f * c + i * g
        h = o * np.tanh(c)
        for name, want in zip("ifgo", (i, f, g, o), strict=True):
            np.testing.assert_allclose(tr.gates[name][t], want, atol=1e-15)
        for k, name in enumerate("ifgo"):  # the pre-activations the forward pass kept
            np.testing.assert_allclose(tr.pre[name][t], z[4 * k : 4 * k + 4], atol=1e-14)
        np.testing.assert_allclose(tr.c[t], c, atol=1e-15)
        np.testing.assert_allclose(tr.h[t], h, atol=1e-15)


def test_gru_forward_follows_the_written_equations() -> None:
    rng = np.random.default_rng(1)
    m = GRU(3, 4, seed=2)
    x = rng.standard_normal((4, 3))
    tr = m.forward(x)
    p = m.params
    sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    h = np.zeros(4)
    for t in range(4):
        gi = p["weight_ih"] @ x[t] + p["bias_ih"]
        gh = p["weight_hh"] @ h + p["bias_hh"]
        r = sig(gi[:4] + gh[:4])
        z = sig(gi[4:8] + gh[4:8])
        n = np.tanh(gi[8:] + r * gh[8:])
        pre = (gi[:4] + gh[:4], gi[4:8] + gh[4:8], gi[8:] + r * gh[8:], gh[8:])
        h = (1 - z) * n + z * h
        for name, want in zip("rzn", (r, z, n), strict=True):
            np.testing.assert_allclose(tr.gates[name][t], want, atol=1e-15)
        for name, want in zip(("r", "z", "n", "hn"), pre, strict=True):
            np.testing.assert_allclose(tr.pre[name][t], want, atol=1e-14)
        np.testing.assert_allclose(tr.h[t], h, atol=1e-15)


def test_rnn_records_pre_activation_and_tanh_of_it() -> None:
    m = RNN(2, 3, seed=0)
    x = np.random.default_rng(0).standard_normal((5, 2))
    tr = m.forward(x)
    np.testing.assert_allclose(np.tanh(tr.gates["a"]), tr.h, atol=1e-15)
    p = m.params
    want0 = p["weight_ih"] @ x[0] + p["bias_ih"] + p["bias_hh"]
    np.testing.assert_allclose(tr.gates["a"][0], want0, atol=1e-15)
    np.testing.assert_array_equal(tr.pre["a"], tr.gates["a"])


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_batched_pre_activations_are_each_sequences_and_the_trace_stays_frozen(kind) -> None:
    model = MODELS[kind](2, 3, seed=1)
    x = np.random.default_rng(2).standard_normal((6, 2, 2))
    batch = model.forward(x)
    for b in range(2):
        alone = model.forward(x[:, b])
        assert set(alone.pre) >= set(model.gate_names)
        for name, value in alone.pre.items():
            assert value.shape == (6, 3)
            np.testing.assert_allclose(batch.pre[name][:, b], value, atol=1e-14)
    with pytest.raises(AttributeError):
        batch.pre = {}  # type: ignore[misc]


def _per_item_model(kind: str, items: int, seed: int = 3):
    """A model with one W_hh per batch item, and the ordinary model of each item."""
    base = MODELS[kind](2, 3, seed=seed, forget_bias=1.0)
    rng = np.random.default_rng(seed)
    w_hh = np.stack([base.params["weight_hh"] * s for s in rng.uniform(0.5, 2.0, items)])
    stacked = base.with_params(weight_hh=w_hh)
    alone = [base.with_params(weight_hh=w) for w in w_hh]
    return stacked, alone


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_per_item_recurrent_weights_run_each_item_with_its_own_w_hh(kind) -> None:
    stacked, alone = _per_item_model(kind, 3)
    assert stacked.items == 3 and alone[0].items is None
    rng = np.random.default_rng(0)
    x = rng.standard_normal((8, 3, 2))
    dh = rng.standard_normal((8, 3, 3))
    tr = stacked.forward(x)
    grads = stacked.backward(tr, dh)
    jac = stacked.state_jacobians(tr)
    for b, m in enumerate(alone):
        one = m.forward(x[:, b])
        np.testing.assert_allclose(tr.h[:, b], one.h, rtol=1e-12, atol=1e-15)
        for name in one.pre:
            np.testing.assert_allclose(tr.pre[name][:, b], one.pre[name], atol=1e-14)
        g = m.backward(one, dh[:, b])
        np.testing.assert_allclose(grads.h[:, b], g.h, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(grads.x[:, b], g.x, rtol=1e-12, atol=1e-15)
        for key, value in g.params.items():  # every gradient is per item
            np.testing.assert_allclose(grads.params[key][b], value, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(jac["h"][:, b], m.state_jacobians(one)["h"], atol=1e-14)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_per_item_gradients_match_central_differences(kind) -> None:
    stacked, _ = _per_item_model(kind, 2, seed=5)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 2, 2))
    h0 = rng.standard_normal((2, 3))
    c0 = rng.standard_normal((2, 3)) if kind == "lstm" else None
    w_h = rng.standard_normal((4, 2, 3))
    grads = stacked.backward(stacked.forward(x, h0, c0), w_h)

    def loss(params, x_=x, h0_=h0, item=None) -> float:
        m = type(stacked).from_params(params)
        h = m.forward(x_, h0_, c0).h
        return float((w_h * h).sum() if item is None else (w_h[:, item] * h[:, item]).sum())

    p = dict(stacked.params)
    checks = {
        "x": (grads.x, central_difference(lambda a: loss(p, x_=a), x)),
        "h0": (grads.h0, central_difference(lambda a: loss(p, h0_=a), h0)),
        "weight_hh": (
            grads.params["weight_hh"],
            central_difference(lambda a: loss({**p, "weight_hh": a}), p["weight_hh"]),
        ),
    }
    for key in ("weight_ih", "bias_ih", "bias_hh"):  # shared weights, per-item gradients
        for b in range(2):
            fd = central_difference(lambda a, k=key, b=b: loss({**p, k: a}, item=b), p[key])
            checks[f"{key}[{b}]"] = (grads.params[key][b], fd)
    for name, (got, want) in checks.items():
        assert relative_error(got, want) < 1e-6, name


def test_per_item_weights_need_a_batch_of_that_many_items() -> None:
    stacked, _ = _per_item_model("gru", 3)
    with pytest.raises(ValueError, match=r"one weight_hh per batch item.*\(T, 3, D\)"):
        stacked.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"\(T, 3, D\)"):
        stacked.forward(np.zeros((4, 2, 2)))
    with pytest.raises(ValueError, match="weight_hh must have shape"):
        stacked.with_params(weight_hh=np.zeros((3, 9, 4)))


def test_float32_is_selectable_and_close_to_float64() -> None:
    x = np.random.default_rng(0).standard_normal((20, 3))
    for cls in (LSTM, GRU, RNN):
        m64 = cls(3, 8, seed=5)
        m32 = cls(3, 8, seed=5, dtype=np.float32)
        t64, t32 = m64.forward(x), m32.forward(x)
        assert t32.h.dtype == np.float32
        g32 = m32.backward(t32, np.ones_like(t32.h))
        assert all(v.dtype == np.float32 for v in g32.params.values())
        np.testing.assert_allclose(t32.h, t64.h, atol=1e-5)


def test_parameter_layout_and_count_match_pytorch() -> None:
    d, h = 5, 7
    for cls, blocks in ((LSTM, 4), (GRU, 3), (RNN, 1)):
        m = cls(d, h)
        assert m.params["weight_ih"].shape == (blocks * h, d)
        assert m.params["weight_hh"].shape == (blocks * h, h)
        assert m.params["bias_ih"].shape == (blocks * h,)
        assert m.n_params == blocks * (h * d + h * h + 2 * h)
    # The LSTM has four blocks to the RNN's one: four times the parameters.
    assert LSTM(d, h).n_params == 4 * RNN(d, h).n_params


def test_same_seed_gives_same_model_and_different_seed_does_not() -> None:
    a, b, c = LSTM(2, 3, seed=9), LSTM(2, 3, seed=9), LSTM(2, 3, seed=10)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["weight_hh"], c.params["weight_hh"])


def test_default_init_is_pytorch_uniform_range() -> None:
    h = 16
    m = LSTM(3, h, seed=0)
    bound = 1 / np.sqrt(h)
    for v in m.params.values():
        assert np.abs(v).max() <= bound


def test_recurrent_scale_sets_largest_singular_value_of_each_block() -> None:
    for cls in (LSTM, GRU, RNN):
        for init in ("uniform", "orthogonal"):
            m = cls(2, 6, seed=1, recurrent_scale=1.7, init=init)
            w = m.params["weight_hh"]
            for k in range(cls.blocks):
                assert np.linalg.norm(w[6 * k : 6 * (k + 1)], 2) == pytest.approx(1.7, rel=1e-12)


def test_forget_bias_sets_the_effective_sum_of_both_biases() -> None:
    m = LSTM(2, 3, seed=0, forget_bias=2.5)
    p = m.params
    np.testing.assert_array_equal((p["bias_ih"] + p["bias_hh"])[3:6], 2.5)
    g = GRU(2, 3, seed=0, forget_bias=-1.0)
    np.testing.assert_array_equal((g.params["bias_ih"] + g.params["bias_hh"])[3:6], -1.0)


def test_parameters_are_read_only() -> None:
    m = LSTM(2, 3)
    with pytest.raises(ValueError):
        m.params["weight_hh"][0, 0] = 1.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: m.forward(np.zeros((4, 3))), "expects input_size=2"),
        (lambda m: m.forward(np.zeros(4)), "shape (T, D) or (T, B, D)"),
        (lambda m: m.forward(np.zeros((0, 2))), "no steps"),
        (lambda m: m.forward(np.array([["a", "b"]])), "numeric"),
        (lambda m: m.forward(np.zeros((4, 2)), h0=np.zeros(5)), "h0 must have shape (3,)"),
        (lambda m: m.backward(m.forward(np.zeros((4, 2))), np.zeros((3, 3))), "dh must have"),
    ],
)
def test_bad_shapes_get_a_message_that_says_what(call, message: str) -> None:
    with pytest.raises(ValueError, match=None) as err:
        call(LSTM(2, 3))
    assert message in str(err.value)


def test_sizes_out_of_range_are_rejected_with_the_name() -> None:
    with pytest.raises(ValueError, match="hidden_size"):
        LSTM(2, 0)
    with pytest.raises(ValueError, match="input_size"):
        RNN(10**6, 3)


@pytest.mark.parametrize("batched", [False, True])
def test_lstm_backward_is_exact_when_split_into_many_chunks(monkeypatch, batched: bool) -> None:
    # Long sequences and big batches are differentiated a few steps at a time;
    # force tiny chunks so every chunk boundary of a short test is exercised.
    import lstm_viz.engine.cells.lstm as lstm_module

    rng = np.random.default_rng(11)
    model = LSTM(3, 4, seed=2, forget_bias=1.0)
    shape = (9, 2, 3) if batched else (9, 3)
    x = rng.standard_normal(shape)
    dh = rng.standard_normal((*shape[:-1], 4))
    dc = rng.standard_normal((*shape[:-1], 4))
    whole = model.backward(model.forward(x), dh, dc)
    monkeypatch.setattr(lstm_module, "_CHUNK_ELEMENTS", 1)
    monkeypatch.setattr(lstm_module, "_MIN_ROWS", 1)
    chunked = model.backward(model.forward(x), dh, dc)
    for a, b in ((whole.h, chunked.h), (whole.c, chunked.c), (whole.x, chunked.x)):
        np.testing.assert_allclose(b, a, rtol=1e-13, atol=1e-15)
    for key in model.params:
        np.testing.assert_allclose(chunked.params[key], whole.params[key], rtol=1e-12, atol=1e-15)
    jac = model.state_jacobians(model.forward(x[:, 0] if batched else x), of="c")
    assert np.isfinite(jac["c"]).all()


def test_total_cell_gradient_matches_central_differences() -> None:
    # g.c[t] is the total ∂L/∂c_t: moving c_t also moves h_t = o_t ⊙ tanh(c_t).
    rng = np.random.default_rng(5)
    model = LSTM(2, 3, seed=1, forget_bias=1.0)
    x = rng.standard_normal((7, 2))
    w = rng.standard_normal((7, 3))
    tr = model.forward(x)
    g = model.backward(tr, w)
    t, o_t = 3, tr.gates["o"][3]

    def loss_from(c_t: np.ndarray) -> float:
        h_t = o_t * np.tanh(c_t)
        rest = model.forward(x[t + 1 :], h_t, c_t)
        return float((w[:t] * tr.h[:t]).sum() + w[t] @ h_t + (w[t + 1 :] * rest.h).sum())

    numeric = central_difference(loss_from, tr.c[t].copy())
    assert relative_error(g.c[t], numeric) < 1e-6
