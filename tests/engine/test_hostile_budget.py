"""Sizes that would exhaust memory are refused from the shapes alone, before any work.

The estimates of ``lstm_viz.engine.budget`` must bound what the engine really
allocates (measured with tracemalloc), and every refusal is a one-line error that
names the setting and a size that fits.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_viz.engine import MODELS
from lstm_viz.engine import budget as engine_budget
from lstm_viz.engine.budget import MEMORY_BUDGET, estimate
from lstm_viz.engine.gradients.diagnostics import diagnose, jacobian_norms
from lstm_viz.engine.training.tasks import TrainConfig
from lstm_viz.engine.training.trainer import Trainer
from lstm_viz.state import budget as state_budget
from lstm_viz.state.budget import check_run, run_bytes
from lstm_viz.state.plot_data import run_connectivity
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings, SettingsError


def _peak(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("kind", list(MODELS))
def test_the_estimate_bounds_the_peak_of_a_run_with_all_its_diagnostics(kind: str) -> None:
    steps, hidden, d = 400, 40, 2
    model = MODELS[kind](d, hidden, seed=0)
    x = np.random.default_rng(0).standard_normal((steps, d))

    def run() -> None:
        diag = diagnose(model, model.forward(x))
        for name in ("loss_grad", "loss_grad_c", "highway", "cell_paths"):
            getattr(diag, name)
        assert np.isfinite(diag.jacobian_spectral).all()
        assert diag.cell_total is None or np.isfinite(diag.cell_total).all()

    peak = _peak(run)
    bound = estimate(kind, hidden, d, steps).run
    assert peak <= bound, (peak, bound)
    assert bound < 4 * peak, "the estimate is an upper bound, not a wild one"


def test_full_jacobians_are_computed_a_chunk_at_a_time() -> None:
    steps, hidden = 600, 32
    model = MODELS["lstm"](1, hidden, seed=0)
    trace = model.forward(np.sin(np.arange(steps))[:, None])
    whole = steps * hidden * hidden * 8  # one (T, H, H) array of float64
    norms: list[tuple[np.ndarray, np.ndarray]] = []
    peak = _peak(lambda: norms.append(jacobian_norms(model, trace, chunk_bytes=whole // 20)))
    assert peak < whole / 2, "the (T, H, H) Jacobians never exist at once"
    np.testing.assert_allclose(norms[0][0], diagnose(model, trace).jacobian_spectral, rtol=1e-12)


def test_a_long_sequence_at_the_largest_size_is_refused_before_computing() -> None:
    settings_ = Settings(hidden_size=256, length=100_000)
    with pytest.raises(SettingsError) as info:
        compute(settings_)
    message = str(info.value)
    assert message.startswith("length: 100000 steps of the LSTM with H = 256 need about")
    assert "\n" not in message
    assert "lower the length to at most" in message and "or the hidden size to at most" in message

    def refused() -> None:
        with pytest.raises(SettingsError):
            compute(settings_)

    assert _peak(refused) < 16 * 1024**2  # the sine itself (800 kB) and little else


def test_the_sizes_a_refusal_suggests_fit_and_one_more_does_not() -> None:
    with pytest.raises(SettingsError) as info:
        check_run("gru", 200, 1, 90_000, length_field="length", hidden_field="hidden_size")
    slots = info.value.slots
    steps, hidden = int(slots["max_steps"]), int(slots["max_hidden"])
    assert run_bytes("gru", 200, 1, steps) <= MEMORY_BUDGET < run_bytes("gru", 200, 1, steps + 1)
    assert run_bytes("gru", hidden, 1, 90_000) <= MEMORY_BUDGET
    assert run_bytes("gru", hidden + 1, 1, 90_000) > MEMORY_BUDGET


def test_a_weight_file_too_wide_for_one_step_is_refused_naming_the_weights() -> None:
    with pytest.raises(SettingsError, match=r"^weights: the LSTM with H = 4096 needs about"):
        check_run("lstm", 4096, 1, 40, length_field="length", hidden_field="weights")


def test_a_custom_sequence_too_long_is_refused_naming_the_sequence(monkeypatch) -> None:
    monkeypatch.setattr(state_budget, "MEMORY_BUDGET", 1024**2)
    text = "\n".join(str(i) for i in range(2000))
    with pytest.raises(SettingsError, match=r"^sequence: 2000 steps .*at most \d+ steps$"):
        compute(Settings(sequence="custom", custom_text=text, hidden_size=64))


@pytest.mark.parametrize(("kind", "steps"), [("lstm", 300), ("lstm", 2500), ("gru", 1500)])
def test_the_connectivity_estimate_bounds_the_peak_of_the_binned_map(kind, steps) -> None:
    # Above the display's 1024 steps the map is binned: memory grows with T, not T².
    results = compute(Settings(model=kind, hidden_size=8, length=steps))
    m = results.model
    peak = _peak(lambda: run_connectivity(results))
    bound = engine_budget.connectivity_bytes(kind, 8, m.input_size, steps)
    assert peak <= bound, (peak, bound)


def test_a_connectivity_map_too_large_is_drawn_for_a_window_that_fits() -> None:
    # The app's longest sequence: the whole map would be minutes of work, never a refusal.
    window = state_budget.connectivity_window("lstm", 32, 1, 100_000)
    assert not window.whole and (window.start, window.stop) == (0, window.fit)
    assert state_budget.connectivity_fits("lstm", 32, 1, window.fit)
    assert window.fit == engine_budget.CONNECTIVITY_MAX_STEPS or not (
        state_budget.connectivity_fits("lstm", 32, 1, window.fit + 1)
    )
    # The whole map when it fits, however many steps (no cap on a whole map).
    assert state_budget.connectivity_window("lstm", 32, 1, 5000).whole
    note = window.note.format(**window.slots())
    assert note.startswith("the whole map of 100000 × 100000 steps would take about ")
    assert f"showing steps 1–{window.fit} (at most {window.fit} at a time)" in note
    # The steps in view, centred when there are more than fit, inside the sequence.
    centred = state_budget.connectivity_window("lstm", 32, 1, 100_000, view=(50_000, 90_000))
    assert centred.stop - centred.start == window.fit
    assert centred.start <= 70_000 <= centred.stop
    assert state_budget.connectivity_window("lstm", 32, 1, 100_000, view=(99_990, 10**6)).stop == (
        100_000
    )
    few = state_budget.connectivity_window("lstm", 32, 1, 100_000, view=(500, 800))
    assert (few.start, few.stop) == (500, 800)
    # A map that fits is whole, whatever the view.
    assert state_budget.connectivity_window("lstm", 256, 2, 1000, view=(10, 20)).whole


@pytest.mark.parametrize(
    ("changes", "lowered"),
    [({"hidden_size": 2048, "length": 5000}, "hidden_size"), ({"batch": 100_000}, "batch"),
     ({"length": 100_000}, "length")],
)  # fmt: skip
def test_training_sizes_over_the_budget_are_refused_with_sizes_that_fit(changes, lowered) -> None:
    with pytest.raises(ValueError, match="budget") as info:
        TrainConfig(**changes)
    message = str(info.value)
    assert "\n" not in message
    suggested = int(message.split(f"{lowered} to at most ")[1].split()[0])
    TrainConfig(**{**changes, lowered: suggested})  # fits


def test_evaluation_is_narrowed_to_the_sequences_that_fit_and_says_how_many(monkeypatch) -> None:
    from lstm_viz.engine.training import trainer as trainer_module

    config = TrainConfig(length=50, hidden_size=8, iters=1)
    monkeypatch.setattr(trainer_module, "MEMORY_BUDGET", 4 * estimate("lstm", 8, 2, 50).trace * 2)
    evaluation = Trainer(config).evaluate(1000)
    assert evaluation.sequences == 4
    monkeypatch.setattr(trainer_module, "MEMORY_BUDGET", engine_budget.MEMORY_BUDGET)
    assert Trainer(config).evaluate(100).sequences == 100


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(list(MODELS)),
    hidden=st.integers(1, 4096),
    d=st.integers(1, 64),
    steps=st.integers(1, 100_000),
)
def test_any_size_either_fits_or_is_refused_in_one_line(kind, hidden, d, steps) -> None:
    try:
        check_run(kind, hidden, d, steps, length_field="length", hidden_field="hidden_size")
    except SettingsError as exc:
        assert run_bytes(kind, hidden, d, steps) > MEMORY_BUDGET
        assert "\n" not in str(exc) and str(exc).split(":")[0] in ("length", "hidden_size")
    else:
        assert run_bytes(kind, hidden, d, steps) <= MEMORY_BUDGET


@settings(max_examples=200, deadline=None)
@given(
    hidden=st.one_of(st.integers(-(2**70), 2**70), st.floats(), st.booleans(), st.text(max_size=5)),
    length=st.one_of(st.integers(-(2**70), 2**70), st.floats(), st.none()),
    forget=st.one_of(st.floats(), st.integers(-(2**70), 2**70), st.none()),
    sequence=st.one_of(st.sampled_from(["sine", "custom", "file", "impulse"]), st.text(max_size=9)),
)
def test_any_settings_values_are_accepted_or_refused_naming_the_setting(
    hidden, length, forget, sequence
) -> None:
    try:
        Settings(
            hidden_size=hidden, length=length, forget_bias=forget, sequence=sequence
        ).validate()
    except SettingsError as exc:
        field = str(exc).split(":")[0]
        assert field in ("hidden_size", "length", "forget_bias", "sequence", "sequence_file")
        assert "\n" not in str(exc)
