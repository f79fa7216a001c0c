"""The equation table: its PyTorch names select the engine's numbers; one notation."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine import MODELS
from lstm_viz.state.equations import EQUATIONS, equation, equations, expanded, plain, tokens
from lstm_viz.state.timeline import STAGES


def _value(params: dict[str, np.ndarray], p, h: int) -> np.ndarray:
    """What a symbol of the table stands for, read from PyTorch's parameters by its names."""
    rows = slice(None) if p.block is None else slice(p.block * h, (p.block + 1) * h)
    parts = [params[k][rows] for k in p.keys]
    return np.hstack(parts) if p.symbol.startswith("W") else sum(parts)


@pytest.mark.parametrize("kind", list(EQUATIONS))
def test_the_pytorch_names_of_each_gate_give_the_engines_pre_activation(kind) -> None:
    m = MODELS[kind](3, 4, seed=2, forget_bias=1.0)
    x = np.random.default_rng(0).standard_normal((5, 3))
    tr = m.forward(x)
    gated = [e for e in EQUATIONS[kind] if e.params]
    assert {e.name for e in gated} == set(m.gate_names)
    for e in gated:
        v = {p.symbol: _value(m.params, p, 4) for p in e.params}
        for t in range(5):
            h, xt = tr.h_prev[t], x[t]
            if len(e.params) == 2:  # σ/tanh(W [h_{t-1}, x_t] + b)
                want = v[f"W_{e.name}"] @ np.concatenate([h, xt]) + v[f"b_{e.name}"]
            elif kind == "gru":
                r = tr.gates["r"][t]
                want = v["W_xn"] @ xt + r * (v["W_hn"] @ h + v["b_hn"]) + v["b_xn"]
            else:
                want = v["W_hh"] @ h + v["W_xh"] @ xt + v["b"]
            np.testing.assert_allclose(tr.pre[e.name][t], want, atol=1e-13, err_msg=e.name)
            assert e.block in (None, *range(m.blocks))


def test_every_stage_has_its_equations_in_order() -> None:
    for kind, table in EQUATIONS.items():
        keys = [key for key, _title in STAGES[kind]]
        assert [e.stage for e in table] == sorted((e.stage for e in table), key=keys.index)
        for key in keys:
            assert equations(kind, key)
        with pytest.raises(KeyError):
            equations(kind, "nonsense")


def test_plain_text_uses_unicode_subscripts_only_for_the_time_index() -> None:
    assert plain("h_{t-1}") == "hₜ₋₁"
    assert plain("W_xn x_t + b_hn") == "W_xn xₜ + b_hn"
    assert plain(equation("lstm", "c").markup) == "cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ"
    assert plain(expanded("rnn", "h", "a")) == "hₜ = tanh(W_hh hₜ₋₁ + W_xh xₜ + b)"
    kinds = [t.kind for t in tokens("σ(W_f [h_{t-1}, x_t])")]
    assert kinds[:3] == ["function", "text", "symbol"] and "space" in kinds


def test_the_torch_expressions_name_the_gate_rows() -> None:
    f = equation("lstm", "f")
    assert [p.torch for p in f.params] == [
        "[weight_hh[H:2H], weight_ih[H:2H]]",
        "bias_ih[H:2H] + bias_hh[H:2H]",
    ]
    assert equation("gru", "r").params[0].torch == "[weight_hh[:H], weight_ih[:H]]"
    assert [p.torch for p in equation("rnn", "a").params][-1] == "bias_ih + bias_hh"
