"""The window's two halves of a comparison: the current model now, the other kinds later."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import GRU
from lstm_viz.engine.io.weights import save_weights
from lstm_viz.state import budget, results
from lstm_viz.state.comparison import Comparison, compare, compare_current, compare_others
from lstm_viz.state.settings import Settings, SettingsError


@pytest.fixture
def fresh_runs():
    """Forget the runs ``compute`` keeps, so each call below computes its own arrays
    (else two comparisons could share one cached run and agree trivially)."""
    results._RUNS.clear()
    yield
    results._RUNS.clear()


def _assert_bitwise_equal(a: Comparison, b: Comparison) -> None:
    assert a.kinds == b.kinds and a.current == b.current and a.settings == b.settings
    assert (a.from_file, a.others_seeded, a.others_missing_reason, a.pending) == (
        b.from_file,
        b.others_seeded,
        b.others_missing_reason,
        b.pending,
    )
    for kind in a:
        ra, rb = a[kind], b[kind]
        assert ra.settings == rb.settings and ra.kind == rb.kind
        for key, value in ra.model.params.items():
            np.testing.assert_array_equal(value, rb.model.params[key], strict=True)
        np.testing.assert_array_equal(ra.sequence.values, rb.sequence.values, strict=True)
        np.testing.assert_array_equal(ra.trace.h, rb.trace.h, strict=True)
        for name, gate in ra.trace.gates.items():
            np.testing.assert_array_equal(gate, rb.trace.gates[name], strict=True)
        np.testing.assert_array_equal(
            ra.diagnostics.loss_grad, rb.diagnostics.loss_grad, strict=True
        )


@pytest.mark.parametrize("current", ["lstm", "gru", "rnn"])
def test_the_current_model_alone_says_the_other_kinds_are_pending(current) -> None:
    settings = Settings(model=current, hidden_size=5, length=12, seed=2)
    partial = compare_current(settings)
    others = tuple(k for k in ("lstm", "gru", "rnn") if k != current)
    assert partial.kinds == (current,) and partial.current == current
    assert partial.pending == others and not partial.is_complete
    assert partial.missing_kinds == ()  # coming, not left out
    assert partial.others_missing_reason is None and partial.note is None


@pytest.mark.parametrize("current", ["lstm", "gru", "rnn"])
def test_the_others_computed_later_equal_compare_bit_for_bit(fresh_runs, current) -> None:
    settings = Settings(model=current, hidden_size=6, length=15, seed=3, recurrent_scale=1.2)
    partial = compare_current(settings)
    complete = compare_others(partial)
    assert complete.is_complete and complete.kinds == ("lstm", "gru", "rnn")
    assert complete.current_results is partial.current_results  # drawn already: kept
    results._RUNS.clear()
    _assert_bitwise_equal(complete, compare(settings))


def test_with_a_weight_file_the_seeded_others_come_later_as_compare_makes_them(
    fresh_runs, tmp_path: Path
) -> None:
    path = save_weights(tmp_path / "w.npz", "gru", GRU(3, 5, seed=9).params)
    settings = Settings(model="lstm", sequence="noise", length=12, weights=str(path))
    partial = compare_current(settings)
    assert partial.current == "gru" and partial.from_file == "w.npz"
    assert partial.pending == ("lstm", "rnn") and partial.others_seeded == ()
    complete = compare_others(partial)
    assert complete.others_seeded == ("lstm", "rnn")
    results._RUNS.clear()
    _assert_bitwise_equal(complete, compare(settings))


def test_a_weight_file_too_wide_for_the_others_is_complete_at_once_with_them_missing(
    tmp_path: Path,
) -> None:
    path = save_weights(tmp_path / "wide.npz", "gru", GRU(1, 257, seed=0).params)
    settings = Settings(sequence="sine", length=4, weights=str(path))
    partial = compare_current(settings)
    assert partial.is_complete and partial.pending == ()
    assert partial.missing_kinds == ("lstm", "rnn")
    assert partial.others_missing_reason is not None
    assert "hidden_size" in partial.others_missing_reason
    assert compare_others(partial) is partial


def test_others_that_failed_are_missing_with_the_reason() -> None:
    partial = compare_current(Settings(hidden_size=4, length=6))
    failed = partial.without_others(ValueError("out of memory"))
    assert failed.is_complete and failed.kinds == ("lstm",)
    assert failed.missing_kinds == ("gru", "rnn")
    assert failed.others_missing_reason == "out of memory"
    assert failed.note == (
        "Only the LSTM is shown: the GRU and the RNN could not be computed (out of memory)."
    )
    assert failed.current_results is partial.current_results


def test_a_change_the_others_memory_budget_refuses_is_refused_at_once(monkeypatch) -> None:
    settings = Settings(model="rnn", hidden_size=16, length=50)
    d = results.compute(settings).sequence.values.shape[1]
    # A budget the RNN fits in but not the LSTM's four blocks.
    rnn, lstm = (budget.run_bytes(k, 16, d, 50) for k in ("rnn", "lstm"))
    assert rnn < lstm
    monkeypatch.setattr(budget, "MEMORY_BUDGET", (rnn + lstm) // 2)
    assert results.compute(settings).kind == "rnn"  # the current model alone would pass
    with pytest.raises(SettingsError, match="LSTM"):
        compare(settings)
    with pytest.raises(SettingsError, match="LSTM"):
        compare_current(settings)
