"""The tour chapters of facts 4, 5 and 7 and of the trained first screen (resources/tour/5x):
each intro's claims, asserted on the numbers the chapter opens on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.app.train_form import CLIP_RESCUE
from lstm_viz.engine.training.bundled import bundled_models
from lstm_viz.engine.training.milestones import FRACTION, WINDOW, run_outcome
from lstm_viz.engine.training.trainer import Trainer
from lstm_viz.state.comparison import compare
from lstm_viz.state.forgetting import forgetting
from lstm_viz.state.plot_data import format_value, run_paths
from lstm_viz.state.results import compute
from lstm_viz.state.scenario import read_scenario

TOUR = Path(__file__).resolve().parents[2] / "resources" / "tour"
MINE = ("50_after_training", "52_paths", "54_clipping_rescue", "55_selective_forgetting", "57_gru")


def chapter(name: str):
    scenario = read_scenario(TOUR / f"{name}.toml", strict=True)
    zh = dict((lang, (title, intro)) for lang, title, intro in scenario.translations)["zh_CN"]
    return scenario, scenario.intro, zh[1]


@pytest.mark.parametrize("name", MINE)
def test_each_chapter_reads_cleanly_in_both_languages(name: str) -> None:
    scenario, intro, zh = chapter(name)
    assert scenario.title and intro and zh
    assert not scenario.unknown_fields
    assert any(term in zh for term in ("梯度消失", "梯度爆炸", "梯度裁剪", "忘记阶段", "参数"))


def test_after_training_the_highway_holds_and_the_rnn_vanishes() -> None:
    scenario, intro, zh = chapter("50_after_training")
    s = scenario.settings
    assert s.trained and scenario.view.panel == "paths" and scenario.cursor.backward
    after = compare(s)
    curves = run_paths(after["lstm"], after["rnn"])
    assert after["lstm"].trained is not None and after["lstm"].trained.config.length == 80
    assert curves.highway.shape == (80,) and curves.highway.min() >= 0.75
    assert (curves.rnn_jacobian / curves.highway).min() < 1e-20
    before = compare(s.replace(trained=False))
    assert run_paths(before["lstm"], None).highway.min() < 1e-8
    for text in (intro, zh):
        assert "0.75" in text and "80" in text and "10⁻²⁰" in text and "10⁻⁸" in text
    assert "梯度消失" in zh


@pytest.fixture(scope="module")
def rescue():
    runs = {}
    for clip in (CLIP_RESCUE.clip, 0.0):
        trainer = Trainer(CLIP_RESCUE.replace(clip=clip))
        for _ in trainer.run():
            pass
        runs[clip] = (trainer.status, run_outcome(trainer.history, CLIP_RESCUE.train_task.trivial))
    return runs


def test_clipping_rescue_numbers_are_the_runs(rescue) -> None:
    scenario, intro, zh = chapter("54_clipping_rescue")
    s = scenario.settings
    # The chapter shows the very RNN the rescue trains (its initial weights).
    c = CLIP_RESCUE
    assert (s.model, s.hidden_size, s.sequence, s.length, s.seed) == (
        c.model, c.hidden_size, c.task, c.length, c.seed,
    )  # fmt: skip
    assert np.array_equal(
        compute(s).model.params["weight_hh"], Trainer(c).model.params["weight_hh"]
    )
    assert "trainDock" in scenario.view.docks
    status, clipped = rescue[c.clip]
    free_status, free = rescue[0.0]
    assert status == "done" and clipped.learned and free_status == "diverged"
    numbers = (
        f"{free.peak_norm:.2g}",
        f"iteration {free.first_nonfinite}",
        f"{clipped.final_loss:.2g}",
        "0.25",
        "0.6",
        "T = 20",
    )
    for n in numbers:
        assert n in intro
    assert f"{free.peak_norm:.2g}" in zh and f"第 {free.first_nonfinite} 次迭代" in zh
    assert f"{clipped.final_loss:.2g}" in zh and "梯度裁剪（梯度截断）" in zh and "梯度爆炸" in zh
    assert clipped.final_loss < 0.5 * 0.5 and "0.5 of always predicting 0" in intro


def test_selective_forgetting_numbers_are_the_screens() -> None:
    scenario, intro, zh = chapter("55_selective_forgetting")
    s = scenario.settings
    assert scenario.view.panel == "forgetting" and scenario.cursor.t == 33
    assert scenario.cursor.stage == 0 and not scenario.cursor.backward  # the forget stage
    d = forgetting(compute(s))
    assert d is not None and d.forgets_at == d.marked == (34, 71)
    u = d.unit
    claims = {
        "0.73": f"{d.before.mean():.2f}",
        "0.63": f"{np.floor(d.before.min() * 100) / 100:.2f}",
        "0.84": f"{np.ceil(d.before.max() * 100) / 100:.2f}",
        "0.92": f"{d.after[:, u].max():.2f}",
        "0.48": f"{d.after[:, u].min():.2f}",
    }
    assert d.before.min() >= 0.63 and d.before.max() <= 0.84  # "all between 0.63 and 0.84"
    for said, computed in claims.items():
        assert said == computed and said in intro and said in zh
    assert f"unit {u + 1}'s f" in intro and f"单元 {u + 1}" in zh
    assert "steps 34 & 71" in intro and "第 34 和第 71 步" in zh and "忘记阶段" in zh
    # "flat before training": the untrained gate barely moves along the steps.
    assert (d.before.max(axis=0) - d.before.min(axis=0)).max() < 0.25
    assert (d.after[:, u].max() - d.after[:, u].min()) > 0.4


def test_gru_chapter_states_parameters_and_first_beats() -> None:
    scenario, intro, zh = chapter("57_gru")
    s = scenario.settings
    models = {m.kind: m for m in bundled_models()}
    results = compare(s)
    assert results.current == "gru" and results["gru"].trained is models["gru"]
    params = {k: results[k].model.n_params for k in ("lstm", "gru", "rnn")}
    assert params == {"lstm": 384, "gru": 288, "rnn": 96}
    for n in params.values():
        assert str(n) in intro and str(n) in zh
    assert models["gru"].first_below_trivial == 238 and models["lstm"].first_below_trivial == 1010
    assert models["rnn"].first_below_trivial is None
    assert f"iteration {models['gru'].first_below_trivial}, the LSTM at iteration 1010" in intro
    assert f"第 {models['gru'].first_below_trivial} 次迭代" in zh and "第 1010 次" in zh
    assert f"{models['rnn'].test_loss:.3g}" == "0.163" and "0.163" in intro and "0.163" in zh
    assert (WINDOW, FRACTION) == (50, 0.5) and "50 iterations below half of 0.167" in intro
    assert all(m.config.seed == 0 and m.config.length == 80 for m in models.values())


def test_paths_the_total_sits_above_the_highway_by_the_other_paths() -> None:
    scenario, intro, zh = chapter("52_paths")
    s = scenario.settings
    assert s.trained and scenario.view.panel == "paths" and scenario.cursor.backward
    compared = compare(s)
    curves = run_paths(compared["lstm"], compared["rnn"])
    # Index 0: from the last step back to step 1, as the panel's status line says.
    highway, total, other = curves.highway[0], curves.cell_total[0], curves.cell_other[0]
    assert highway < total <= highway + other  # the other paths add what the highway lacks
    assert curves.rnn_jacobian[0] < 1e-20
    numbers = [format_value(float(v)) for v in (highway, total, other, curves.rnn_jacobian[0])]
    for text in (intro, zh):
        assert "79" in text
        for number in numbers:
            assert number in text, number
