"""The trained models shipped in resources/models: what they are, and that they are what the
sidecar says (trained by this project's trainer from the seed's own initialisation)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import MODELS
from lstm_viz.engine.training.bundled import (
    bundled_models,
    find_trained,
    models_folder,
    params_digest,
)
from lstm_viz.engine.training.milestones import FRACTION, WINDOW, first_beats_trivial
from lstm_viz.engine.training.trainer import Trainer

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_trained_models", ROOT / "scripts" / "make_trained_models.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_trained_models", module)
    spec.loader.exec_module(module)
    return module


def test_an_rnn_an_lstm_and_a_gru_ship_with_the_command_that_made_them() -> None:
    models = {m.kind: m for m in bundled_models()}
    assert set(models) == {"rnn", "lstm", "gru"}
    script = _script()
    for kind, m in models.items():
        assert m.config == script.BASE.replace(model=kind)
        assert m.command == script.COMMAND
        assert m.path.parent == models_folder() and m.path.stat().st_size < 10_000
        meta = json.loads(m.path.with_suffix(".json").read_text())
        assert meta["iterations"] == m.config.iters == m.iterations


def test_every_array_is_the_one_the_sidecar_hashed() -> None:
    for m in bundled_models():
        with np.load(m.path) as archive:
            assert {k: params_digest(archive[k]) for k in archive.files} == m.digests


def test_the_npz_bytes_depend_only_on_the_arrays() -> None:
    script = _script()
    for m in bundled_models():
        with np.load(m.path) as archive:
            arrays = {k: archive[k] for k in archive.files}
        assert script.npz_bytes(arrays) == m.path.read_bytes()


def test_training_starts_from_the_untrained_twin_and_replays_bit_for_bit() -> None:
    # The first 30 iterations of the recorded run, replayed: the trainer is deterministic,
    # so the script's full run (``--check``) rebuilds the shipped arrays exactly.
    for m in bundled_models():
        trainer = Trainer(m.config.replace(iters=30))
        twin = m.untrained()
        for key, value in twin.params.items():
            assert np.array_equal(trainer.model.params[key], value)
        again = Trainer(m.config.replace(iters=30))
        for _ in trainer.run():
            pass
        for _ in again.run():
            pass
        for key, value in trainer.state.params.items():
            assert params_digest(value) == params_digest(again.state.params[key])


def test_the_lstm_and_the_gru_learned_the_task_and_the_rnn_did_not() -> None:
    models = {m.kind: m for m in bundled_models()}
    for kind in ("lstm", "gru"):
        m = models[kind]
        assert m.learned and m.test_loss < 0.01 * m.trivial
        assert m.first_below_trivial is not None
    assert not models["rnn"].learned and models["rnn"].first_below_trivial is None
    assert models["gru"].first_below_trivial < models["lstm"].first_below_trivial


def test_a_twin_is_found_only_for_the_exact_initialisation() -> None:
    m = find_trained("lstm", 2, 8, 0, forget_bias=1.0)
    assert m is not None and m.kind == "lstm"
    assert find_trained("rnn", 2, 8, 0, forget_bias=None) is not None  # no keep gate
    for changed in (
        dict(hidden_size=9),
        dict(seed=1),
        dict(input_size=1),
    ):
        args = dict(kind="lstm", input_size=2, hidden_size=8, seed=0) | changed
        assert find_trained(**args, forget_bias=1.0) is None
    assert find_trained("lstm", 2, 8, 0, forget_bias=2.0) is None
    assert find_trained("lstm", 2, 8, 0, forget_bias=1.0, recurrent_scale=0.9) is None
    assert find_trained("lstm", 2, 8, 0, forget_bias=1.0, init="orthogonal") is None


def test_the_model_is_the_file_as_load_weights_reads_it() -> None:
    m = find_trained("gru", 2, 8, 0, forget_bias=1.0)
    assert m is not None
    model = m.model()
    assert isinstance(model, MODELS["gru"]) and model.hidden_size == 8
    assert "readout.weight" in m.weights().extra


@pytest.mark.parametrize(
    ("losses", "expected"),
    [
        ([1.0] * 60 + [0.1] * 60, 88),  # 22 × 1.0 + 28 × 0.1 over the last 50 < 0.5
        ([0.49] * WINDOW, WINDOW),
        ([0.5] * 200, None),  # at the threshold is not below it
        ([0.1] * (WINDOW - 1), None),  # too short to average
        ([float("nan")] * 10 + [0.1] * 100, 10 + WINDOW),  # a window with a nan never beats it
    ],
)
def test_a_run_beats_the_trivial_loss_when_its_mean_falls_below_half(
    losses: list[float], expected: int | None
) -> None:
    assert FRACTION == 0.5
    assert first_beats_trivial(losses, 1.0) == expected
