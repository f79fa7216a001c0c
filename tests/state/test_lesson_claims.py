"""Every lesson's intro is true of the numbers it opens on (English and Chinese say the same)."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine.gradients.sweep import DEFAULT_SCALES
from lstm_viz.state.comparison import compare
from lstm_viz.state.lessons import lessons_folder
from lstm_viz.state.plot_data import clip_summary, run_sweeps, sweep_request
from lstm_viz.state.scenario import read_scenario
from lstm_viz.state.teaching import (
    NEAR_STEPS,
    explosion_request,
    first_input_memory,
    run_distance_shares,
    run_explosion,
)


def _lesson(name: str):
    scenario = read_scenario(lessons_folder() / name)
    import tomllib

    data = tomllib.loads((lessons_folder() / name).read_text(encoding="utf-8"))
    return scenario, data["intro"], data["translations"]["zh_CN"]["intro"]


def _global_norm(results) -> float:
    g = results.diagnostics.grads.params
    return float(np.sqrt(sum(np.sum(v**2) for v in g.values())))


def test_lesson_1_the_cell_state_still_differs_at_step_15_and_the_rnn_forgets() -> None:
    scenario, en, zh = _lesson("01_forget_gate.toml")
    assert scenario.view.panel == "memory" and scenario.cursor.t == 14  # step 15, on the panel
    c = compare(scenario.settings)
    lstm, rnn = first_input_memory(c["lstm"]), first_input_memory(c["rnn"])
    assert f"{lstm.c_diff[14]:.2f}" == "0.20" and "0.20" in en and "0.20" in zh
    assert round(lstm.kept(15) * 100) == 72 and "72%" in en and "72%" in zh
    assert rnn.kept(15) < 0.01 and "less than 1%" in en
    lower = compare(scenario.settings.replace(forget_bias=1.0))
    assert first_input_memory(lower["lstm"]).kept(15) < 0.05 and "less than 5%" in en
    # The drift: both runs' cell states grow alike; the difference stays a fraction of them.
    assert lstm.c[14] > 5 * lstm.c_diff[14] and abs(lstm.c[14] - lstm.c_without[14]) < 0.1


def test_lesson_2_opens_on_the_whole_backward_curve_and_the_rnn_vanishes() -> None:
    scenario, en, zh = _lesson("02_vanishing_gradients.toml")
    # The backward pass complete (step 1 reached): the shown model's curve is drawn in full.
    assert scenario.cursor.backward and scenario.cursor.t == 0 and scenario.cursor.phase == 1.0
    c = compare(scenario.settings)
    assert c.current == "rnn" and scenario.view.panel == "gradient"
    rnn, lstm = c["rnn"].diagnostics.loss_grad, c["lstm"].diagnostics.loss_grad
    assert rnn.size == 40 and rnn[0] < 1e-6 and lstm[0] > 1e-2
    assert "10⁻⁶" in en and "10⁻²" in en and "10⁻⁶" in zh and "10⁻²" in zh
    share = run_distance_shares(c)["rnn"].near_share(NEAR_STEPS)
    assert round(share * 100) == 89 and "89%" in en and "89%" in zh


def test_lesson_3_the_threshold_fires_for_the_rnn_and_never_for_the_lstm() -> None:
    scenario, en, zh = _lesson("03_exploding_gradients.toml")
    assert scenario.view.panel == "clipping" and scenario.view.clip == 3.0
    c = compare(scenario.settings)
    assert round(_global_norm(c["rnn"]), -1) == 130 and "130" in en and "130" in zh
    request = sweep_request(c.current_results, ("rnn", "lstm"), clip=scenario.view.clip)
    sweeps = run_sweeps(c.current_results.sequence.values, request)
    assert clip_summary(sweeps["rnn"]) == (20, DEFAULT_SCALES.size)
    assert clip_summary(sweeps["lstm"]) == (0, DEFAULT_SCALES.size)
    assert "20 of them" in en and "40" in en
    lstm = sweeps["lstm"].param_grad_norm
    assert lstm.min() >= 1.5 and lstm.max() <= 2.2
    # "The LSTM can still explode, less often (the Explosions panel counts it)."
    rates = run_explosion(c.current_results.sequence.values, explosion_request(c))
    assert 0 < rates.count("lstm") < rates.count("rnn")


def test_lesson_4_states_the_parameter_counts() -> None:
    scenario, en, zh = _lesson("04_gru.toml")
    c = compare(scenario.settings)
    n = {k: c[k].model.n_params for k in c.kinds}
    assert n == {"rnn": 88, "lstm": 352, "gru": 264}
    assert n["lstm"] == 4 * n["rnn"] and n["gru"] == 3 * n["rnn"]
    for number in ("352", "88", "264"):
        assert number in en and number in zh


@pytest.mark.parametrize(
    "name", sorted(p.name for p in lessons_folder().iterdir() if p.name.endswith(".toml"))
)
def test_every_lesson_has_a_claims_test(name: str) -> None:
    assert name in {
        "01_forget_gate.toml",
        "02_vanishing_gradients.toml",
        "03_exploding_gradients.toml",
        "04_gru.toml",
    }
