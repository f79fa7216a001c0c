"""The facts' numbers prepared without Qt: contributions per model, explosions, the first input."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine.gradients.contributions import distance_shares
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings
from lstm_viz.state.teaching import (
    explosion_request,
    first_input_memory,
    run_distance_shares,
    run_explosion,
    run_first_input,
)

IMPULSE = Settings(sequence="impulse", length=30, forget_bias=3.0, hidden_size=8)


@pytest.fixture(scope="module")
def impulse():
    return compare(IMPULSE)


def test_every_model_of_the_comparison_gets_its_contributions(impulse) -> None:
    shares = run_distance_shares(impulse)
    assert set(shares) == {"lstm", "gru", "rnn"}
    r = impulse["rnn"]
    np.testing.assert_array_equal(
        shares["rnn"].weight_hh, distance_shares(r.model, r.trace).weight_hh
    )


@pytest.mark.parametrize("job", [run_distance_shares, run_first_input])
def test_a_teaching_job_reports_its_progress_by_each_models_gate_blocks(impulse, job) -> None:
    fractions: list[float] = []
    job(impulse, fractions.append)
    blocks = [impulse[k].model.blocks for k in impulse]
    assert fractions == pytest.approx(list(np.cumsum(blocks) / sum(blocks)))
    assert fractions[-1] == 1.0


def test_the_explosion_chart_runs_the_screens_sequence_and_sizes(impulse) -> None:
    request = explosion_request(impulse, threshold=4.0)
    assert (
        request.hidden_size == 8 and request.forget_bias == 3.0 and request.kinds == impulse.kinds
    )
    rates = run_explosion(impulse["lstm"].sequence.values, request)
    assert rates.threshold == 4.0 and rates.seeds.size == request.seeds


def test_without_the_first_input_the_difference_is_what_the_first_input_left(impulse) -> None:
    m = first_input_memory(impulse["lstm"])
    x = np.array(impulse["lstm"].trace.x)
    x[0] = 0.0
    without = impulse["lstm"].model.forward(x)
    np.testing.assert_allclose(
        m.c_diff, np.linalg.norm(impulse["lstm"].trace.c - without.c, axis=1)
    )
    assert m.first_input == 1.0 and m.kept(1) == 1.0


def test_the_lstm_with_forget_bias_3_keeps_the_first_input_and_the_rnn_loses_it(impulse) -> None:
    lstm, rnn = first_input_memory(impulse["lstm"]), first_input_memory(impulse["rnn"])
    assert lstm.kept(15) > 0.5
    assert rnn.kept(15) < 0.01


def test_a_sequence_whose_first_input_is_zero_leaves_no_difference() -> None:
    c = compare(Settings(sequence="custom", custom_text="0\n1\n0\n0", hidden_size=4))
    for kind in c.kinds:
        assert not first_input_memory(c[kind]).h_diff.any()


def test_the_explosion_chart_refuses_sizes_that_would_take_minutes() -> None:
    from lstm_viz.state.teaching import ExplosionTooLarge

    big = compare(Settings(hidden_size=128, length=400))
    with pytest.raises(ExplosionTooLarge, match="fewer steps or units"):
        run_explosion(big["lstm"].sequence.values, explosion_request(big))
