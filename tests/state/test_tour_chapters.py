"""Every chapter of the tour (00–49) is true of the numbers it opens on, in both languages."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine.gradients.sweep import DEFAULT_SCALES
from lstm_viz.state.comparison import compare
from lstm_viz.state.plot_data import clip_summary, run_sweeps, sweep_request
from lstm_viz.state.teaching import (
    NEAR_STEPS,
    explosion_request,
    first_input_memory,
    run_distance_shares,
    run_explosion,
)
from lstm_viz.state.timeline import STAGE_SECONDS, STAGES
from lstm_viz.state.tour import chapter_files, read_chapter

OURS = {
    "00_gates_and_names.toml",
    "10_three_stages.toml",
    "20_vanishing.toml",
    "25_near_and_far.toml",
    "30_first_input.toml",
    "40_explosions.toml",
    "45_clipping.toml",
}


def _chapter(name: str):
    item = next(f for f in chapter_files() if f.name == name)
    scenario = read_chapter(item)
    # What the tour shows: the title above the text.
    en = "\n".join(scenario.text_in("en"))
    zh = "\n".join(scenario.text_in("zh_CN"))
    assert zh != en
    return scenario, compare(scenario.settings), en, zh


def _both(number: str, en: str, zh: str) -> None:
    assert number in en and number in zh, number


def test_the_tour_lists_its_chapters_in_file_name_order() -> None:
    names = [f.name for f in chapter_files()]
    assert names == sorted(names) and set(names) >= OURS


@pytest.mark.parametrize("name", sorted(f.name for f in chapter_files() if f.name[:2] < "50"))
def test_every_chapter_00_to_49_has_its_claims_test(name: str) -> None:
    assert name in OURS


def test_00_the_gates_are_the_notes_z_and_their_values_at_step_10() -> None:
    s, c, en, zh = _chapter("00_gates_and_names.toml")
    assert c.current == "lstm" and s.settings.hidden_size == 8 and c["lstm"].steps == 40
    for mark in ("z", "zⁱ", "zᶠ", "zᵒ"):
        _both(mark, en, zh)
    gates = c["lstm"].trace.gates
    t = s.cursor.t
    assert t == 9 and s.view.panel == "gates"
    for gate, text in (("f", "0.72"), ("i", "0.48"), ("o", "0.50")):
        assert f"{gates[gate][t].mean():.2f}" == text
        _both(text, en, zh)
    assert np.all(np.abs(gates["g"]) < 1) and all(
        np.all((gates[k] > 0) & (gates[k] < 1)) for k in "ifo"
    )


def test_10_the_three_stages_and_the_cell_state_at_step_10() -> None:
    s, c, en, zh = _chapter("10_three_stages.toml")
    assert STAGES["lstm"][s.cursor.stage][0] == "remember" and s.cursor.t == 9
    for term in ("忘记阶段", "选择记忆阶段", "输出阶段"):
        _both(term, en, zh)
    tr = c["lstm"].trace
    assert round(tr.gates["f"][9].mean() * 100) == 72
    _both("72%", en, zh)
    norms = np.linalg.norm(tr.c, axis=1)
    assert (f"{norms[8]:.2f}", f"{norms[9]:.2f}") == ("1.39", "1.32")
    _both("1.39", en, zh)
    _both("1.32", en, zh)
    assert f"{STAGE_SECONDS:g} s" in en


def test_20_the_rnns_backward_curve_vanishes_and_the_lstms_does_not() -> None:
    s, c, en, zh = _chapter("20_vanishing.toml")
    assert c.current == "rnn" and s.cursor.backward and s.cursor.t == 0
    assert s.view.panel == "gradient"
    _both("梯度消失", en, zh)
    assert c["rnn"].diagnostics.loss_grad[0] < 1e-6 < 1e-2 < c["lstm"].diagnostics.loss_grad[0]
    _both("10⁻⁶", en, zh)
    _both("10⁻²", en, zh)


def test_25_the_nearby_steps_dominate_the_rnns_gradient() -> None:
    s, c, en, zh = _chapter("25_near_and_far.toml")
    assert s.view.panel == "distance"
    shares = run_distance_shares(c)
    got = {k: round(shares[k].near_share(NEAR_STEPS) * 100) for k in c.kinds}
    assert got == {"rnn": 89, "lstm": 49, "gru": 30}
    for v in got.values():
        _both(f"{v}%", en, zh)
    assert f"last {NEAR_STEPS} steps" in en


def test_30_the_cell_state_keeps_the_first_input() -> None:
    s, c, en, zh = _chapter("30_first_input.toml")
    assert s.view.panel == "memory" and s.cursor.t == 14
    lstm, rnn = first_input_memory(c["lstm"]), first_input_memory(c["rnn"])
    assert f"{lstm.c_diff[14]:.2f}" == "0.20" and round(lstm.kept(15) * 100) == 72
    _both("0.20", en, zh)
    _both("72%", en, zh)
    assert rnn.kept(15) < 0.01 and "less than 1%" in en


def test_40_the_lstm_explodes_less_often_than_the_rnn() -> None:
    s, c, en, zh = _chapter("40_explosions.toml")
    assert s.view.panel == "explosion"
    r = run_explosion(c.current_results.sequence.values, explosion_request(c))
    assert r.scales.size == 16 and r.seeds.size == 20 and r.runs == 320 and r.threshold == 10
    got = {k: round(r.overall(k) * 100) for k in r.kinds}
    assert got == {"rnn": 35, "lstm": 5, "gru": 1}
    assert 0 < r.count("lstm") < r.count("rnn")
    for v in got.values():
        _both(f"{v}%", en, zh)
    _both("梯度爆炸", en, zh)
    _both("320", en, zh)


def test_45_clipping_fires_for_the_rnn_and_not_for_the_lstm() -> None:
    s, c, en, zh = _chapter("45_clipping.toml")
    assert s.view.panel == "clipping" and s.view.clip == 3.0
    g = c["rnn"].diagnostics.grads.params
    assert round(float(np.sqrt(sum(np.sum(v**2) for v in g.values()))), -1) == 130
    _both("130", en, zh)
    request = sweep_request(c.current_results, ("rnn", "lstm"), clip=s.view.clip)
    sweeps = run_sweeps(c.current_results.sequence.values, request)
    assert clip_summary(sweeps["rnn"]) == (20, DEFAULT_SCALES.size)
    assert clip_summary(sweeps["lstm"]) == (0, DEFAULT_SCALES.size)
    assert "20 of the panel's 40 scales" in en
    _both("梯度截断", en, zh)
    _both("梯度裁剪", en, zh)
