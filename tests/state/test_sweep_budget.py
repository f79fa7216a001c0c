"""The sweep panels' work budget: judged from the sizes, the first steps that fit, exact."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lstm_viz.engine.gradients.sweep import DEFAULT_SCALES, scale_sweep, sweep_cost
from lstm_viz.state import budget
from lstm_viz.state.budget import SWEEP_WORK, sweep_window, sweeps_cost
from lstm_viz.state.comparison import compare
from lstm_viz.state.plot_data import run_sweeps, sweep_request
from lstm_viz.state.settings import Settings

PANELS = ("rnn", "lstm")


@pytest.mark.parametrize(("steps", "hidden"), [(200, 32), (1000, 256), (10000, 64)])
def test_the_issues_sizes_are_swept_whole(steps, hidden) -> None:
    for parameters in (True, False):
        assert sweep_window(PANELS, hidden, 2, steps, 40, parameters).whole


def test_a_hundred_thousand_steps_are_swept_over_the_first_steps_that_fit() -> None:
    window = sweep_window(PANELS, 32, 2, 100_000, 40)
    assert not window.whole and window.steps == 100_000 and window.start == 0
    assert sweeps_cost(PANELS, 32, 2, window.stop, 40) <= SWEEP_WORK
    assert sweeps_cost(PANELS, 32, 2, window.stop + 1, 40) > SWEEP_WORK
    assert window.seconds > SWEEP_WORK / budget.ONE_CORE_FLOPS
    # The map alone (no parameter gradients) fits more steps.
    assert sweep_window(PANELS, 32, 2, 100_000, 40, parameters=False).stop > window.stop
    slots = window.slots()
    assert slots["stop"] == window.stop and slots["steps"] == 100_000
    assert window.note.format(**slots).startswith("sweeping all 100000 steps would take about")


def test_the_cost_grows_with_every_size_and_the_parameter_gradients() -> None:
    for kind in ("rnn", "lstm", "gru"):
        costs = [sweep_cost(kind, 16, 2, t, 40) for t in (10, 100, 1000, 10_000)]
        assert all(b > a for a, b in itertools.pairwise(costs))
        assert sweep_cost(kind, 32, 2, 100, 40) > sweep_cost(kind, 16, 2, 100, 40)
        assert sweep_cost(kind, 16, 2, 100, 40) > sweep_cost(kind, 16, 2, 100, 20)
    assert sweep_cost("lstm", 16, 2, 100, 40, False) < sweep_cost("lstm", 16, 2, 100, 40)


def test_a_windowed_sweep_is_the_exact_sweep_of_the_shorter_sequence(monkeypatch) -> None:
    c = compare(Settings(model="lstm", hidden_size=5, length=40))
    x = c.current_results.sequence.values
    monkeypatch.setattr(budget, "SWEEP_WORK", sweeps_cost(PANELS, 5, x.shape[1], 17, 40))
    fractions: list[float] = []
    request = sweep_request(c.current_results, PANELS, clip=2.0)
    sweeps = run_sweeps(x, request, progress=fractions.append)
    assert sweeps.window.stop == 17 and list(sweeps) == list(PANELS)
    for kind in PANELS:
        want = scale_sweep(
            kind,
            x[:17],
            5,
            c.settings.seed,
            DEFAULT_SCALES,
            forget_bias=c.settings.forget_bias,
            clip=2.0,
        )
        np.testing.assert_array_equal(sweeps[kind].loss_grad, want.loss_grad)
        np.testing.assert_array_equal(sweeps[kind].param_grad_norm, want.param_grad_norm)
        np.testing.assert_array_equal(sweeps[kind].fired, want.fired)
    # Progress by the estimated work of each kind: rising to 1.
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)


def test_the_map_alone_skips_the_parameter_gradients() -> None:
    c = compare(Settings(model="lstm", hidden_size=4, length=12))
    request = sweep_request(c.current_results, PANELS, parameters=False)
    sweeps = run_sweeps(c.current_results.sequence.values, request)
    assert all(s.param_grad_norm is None for s in sweeps.values())
    # Clipping needs them: a threshold asks for them whatever was said.
    assert sweep_request(c.current_results, PANELS, clip=1.0, parameters=False).parameters


def test_without_parameter_gradients_the_rows_nearest_the_loss_are_swept(monkeypatch) -> None:
    c = compare(Settings(model="lstm", hidden_size=5, length=40))
    x = c.current_results.sequence.values
    d = x.shape[1]
    monkeypatch.setattr(budget, "SWEEP_WORK", sweeps_cost(PANELS, 5, d, 40, 40, False, 25))
    window = sweep_window(PANELS, 5, d, 40, 40, parameters=False)
    assert (window.start, window.stop) == (25, 40)
    assert window.note.format(**window.slots()).endswith(
        "the loss at step 40, its gradient at steps 26–40 (exact: the forward pass runs "
        "from step 1)"
    )
    # The loss at an earlier step: as many rows before it as fit, never past it.
    earlier = sweep_window(PANELS, 5, d, 40, 40, parameters=False, stop=30)
    assert earlier.stop == 30 and earlier.start < 25
    request = sweep_request(c.current_results, PANELS, parameters=False)
    sweeps = run_sweeps(x, request, stop=30)
    assert sweeps.window == earlier
    for kind in PANELS:
        want = scale_sweep(
            kind,
            x[:30],
            5,
            c.settings.seed,
            DEFAULT_SCALES,
            forget_bias=c.settings.forget_bias,
            parameters=False,
        )
        np.testing.assert_allclose(
            sweeps[kind].loss_grad, want.loss_grad[:, earlier.start :], rtol=1e-12
        )
        assert sweeps[kind].first == earlier.start
