"""The training loop: exact gradients, reproducibility, pause/resume, explosions, the classic."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.engine.training.readout import LOSSES
from lstm_viz.engine.training.trainer import TrainConfig, Trainer, TrainState

SMALL = TrainConfig(length=8, hidden_size=5, batch=4, iters=40, every=10)


def _same_state(a: TrainState, b: TrainState) -> None:
    assert a.iteration == b.iteration and a.status == b.status
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert a.optimizer.step == b.optimizer.step
    for name, bufs in a.optimizer.buffers.items():
        for k in bufs:
            np.testing.assert_array_equal(bufs[k], b.optimizer.buffers[name][k])
    assert a.rng == b.rng
    for k in a.history:
        np.testing.assert_array_equal(np.array(a.history[k]), np.array(b.history[k]))


# -- the read-out's gradients -------------------------------------------------------


def _loss_case(name: str, rng: np.random.Generator):
    t, b, h, o = 6, 3, 4, 3
    hs = rng.standard_normal((t, b, h))
    w, bias = rng.standard_normal((o, h)), rng.standard_normal(o)
    if name == "mse_last":
        y = rng.standard_normal((b, o))
    elif name == "mse_all":
        y = rng.standard_normal((t, b, o))
    else:
        y = np.zeros((t, b, o))
        y[-2:, np.arange(b), rng.integers(0, o, size=b)] = 1.0
    return hs, w, bias, y


@pytest.mark.parametrize("name", list(LOSSES))
def test_readout_gradients_match_finite_differences(name: str) -> None:
    loss = LOSSES[name]
    hs, w, bias, y = _loss_case(name, np.random.default_rng(1))
    out = loss(hs, w, bias, y)
    eps = 1e-6
    for analytic, arr in ((out.dh, hs), (out.weight, w), (out.bias, bias)):
        numeric = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            keep = arr[idx]
            arr[idx] = keep + eps
            up = loss(hs, w, bias, y).loss
            arr[idx] = keep - eps
            down = loss(hs, w, bias, y).loss
            arr[idx] = keep
            numeric[idx] = (up - down) / (2 * eps)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


def test_cross_entropy_ignores_steps_without_a_target() -> None:
    hs, w, bias, y = _loss_case("cross_entropy", np.random.default_rng(2))
    out = LOSSES["cross_entropy"](hs, w, bias, y)
    assert not out.dh[:-2].any() and out.dh[-2:].any()


# -- reproducibility, snapshots, pause and resume -----------------------------------------


@pytest.mark.parametrize("task", ["adding", "copy", "sine"])
def test_a_run_reproduces_exactly_from_its_seed(task: str) -> None:
    cfg = SMALL.replace(task=task, iters=15)
    a, b = Trainer(cfg), Trainer(cfg)
    list(a.run())
    list(b.run())
    _same_state(a.state, b.state)
    other = Trainer(cfg.replace(seed=1))
    list(other.run())
    assert not np.array_equal(a.history["loss"], other.history["loss"])


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_pausing_and_resuming_equals_running_straight_through(optimizer: str) -> None:
    cfg = SMALL.replace(optimizer=optimizer, momentum=0.9 if optimizer == "sgd" else 0.0)
    straight = Trainer(cfg)
    list(straight.run())
    # Pause by breaking out of the generator, snapshot, continue in a new Trainer.
    paused = Trainer(cfg)
    for p in paused.run(every=3):
        if p.iteration >= 12:
            break
    snapshot = paused.state
    resumed = Trainer(cfg, state=snapshot)
    list(resumed.run(iters=7))
    list(resumed.run())
    _same_state(straight.state, resumed.state)
    assert resumed.status == "done" and resumed.iteration == cfg.iters
    # The snapshot is a value: training on did not change it.
    assert snapshot.iteration == 12 and len(snapshot.history["loss"]) == 12


def test_progress_is_reported_every_n_iterations_with_immutable_snapshots() -> None:
    tr = Trainer(SMALL.replace(iters=25))
    reports = list(tr.run(every=10))
    assert [p.iteration for p in reports] == [10, 20, 25]
    first = reports[0]
    assert first.model is not tr.model
    assert (
        not first.readout[0].flags.writeable and not first.model.params["weight_hh"].flags.writeable
    )
    assert not np.array_equal(first.model.params["weight_hh"], tr.model.params["weight_hh"])
    assert reports[-1].status == "done" and np.isfinite(first.mean_loss)
    tail = tr.history_since(20)["loss"]
    np.testing.assert_array_equal(tail, tr.history["loss"][20:])
    assert reports[-1].mean_loss == pytest.approx(tail.mean())
    assert list(tr.run()) == []  # a finished run yields nothing more


def test_evaluation_uses_its_own_stream() -> None:
    tr = Trainer(SMALL)
    before = tr.state.rng
    ev1, ev2 = tr.evaluate(50), tr.evaluate(50)
    assert tr.state.rng == before and ev1 == ev2 and ev1.sequences == 50
    copy = Trainer(SMALL.replace(task="copy", length=10)).evaluate(20)
    assert copy.accuracy is not None and 0 <= copy.accuracy <= 1
    assert copy.trivial == pytest.approx(np.log(4))


# -- explosions -----------------------------------------------------------------------


def test_an_explosion_with_clipping_off_is_recorded_not_raised() -> None:
    cfg = TrainConfig(
        model="rnn",
        length=40,
        hidden_size=16,
        batch=8,
        iters=30,
        optimizer="sgd",
        lr=0.5,
        clip=0.0,
        recurrent_scale=3.0,
    )
    wild = Trainer(cfg)
    list(wild.run())
    norms = wild.history["grad_norm"]
    assert norms.max() > 1e3 and not wild.history["clipped"].any()
    tame = Trainer(cfg.replace(clip=1.0))
    list(tame.run())
    after = tame.history["grad_norm_clipped"]
    assert tame.history["clipped"].any() and np.nanmax(after) <= 1.0 + 1e-9


def test_non_finite_steps_are_skipped_then_the_run_stops_as_diverged() -> None:
    cfg = SMALL.replace(max_nonfinite=5)
    tr = Trainer(cfg)
    state = tr.state
    bad = dict(state.params)
    bad["readout.weight"] = np.full_like(bad["readout.weight"], 1e300)  # ŷ overflows
    tr.restore(TrainState(0, bad, state.optimizer, state.rng, state.history))
    reports = list(tr.run())
    assert tr.status == "diverged" and tr.iteration == 5 and reports[-1].status == "diverged"
    assert not tr.history["finite"].any() and reports[-1].nonfinite_steps == 5
    np.testing.assert_array_equal(tr.state.params["weight_hh"], state.params["weight_hh"])
    assert list(tr.run()) == []


def test_bad_configurations_are_refused() -> None:
    for changes, msg in [
        ({"task": "sort"}, "unknown task"),
        ({"model": "transformer"}, "unknown model"),
        ({"task": "copy", "length": 5}, "copy task needs a length"),
        ({"hidden_size": 0}, "hidden_size"),
        ({"clip": -1.0}, "clip"),
        ({"lr": 0.0}, "lr"),
        ({"seed": -1}, "seed"),
    ]:
        with pytest.raises(ValueError, match=msg):
            TrainConfig(**changes)


# -- the classic result ---------------------------------------------------------------

CLASSIC = TrainConfig(task="adding", length=30, hidden_size=16, batch=32, iters=1000, seed=0)


def test_the_lstm_learns_the_adding_problem_and_the_rnn_does_not() -> None:
    """Hochreiter & Schmidhuber (1997): same budget, size and seed; T = 30.

    How long it takes is measured by benchmarks/timings.py, not asserted here.
    """
    results = {}
    for kind in ("lstm", "rnn"):
        tr = Trainer(CLASSIC.replace(model=kind))
        list(tr.run())
        results[kind] = tr.evaluate(1000).mse
    assert results["lstm"] < 0.05, results
    assert results["rnn"] > 0.12, results
