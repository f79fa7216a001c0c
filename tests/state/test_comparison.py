"""All three models at one settings value: the same numbers as three compute() calls."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import GRU
from lstm_viz.engine.io.weights import save_weights
from lstm_viz.state.comparison import Comparison, compare
from lstm_viz.state.results import Results, compute
from lstm_viz.state.settings import Settings, SettingsError


def _assert_same(a: Results, b: Results) -> None:
    assert a.kind == b.kind
    assert a.settings == b.settings
    for key, value in a.model.params.items():
        np.testing.assert_array_equal(value, b.model.params[key])
    np.testing.assert_array_equal(a.sequence.values, b.sequence.values)
    np.testing.assert_array_equal(a.trace.h, b.trace.h)
    for name, gate in a.trace.gates.items():
        np.testing.assert_array_equal(gate, b.trace.gates[name])
    for field in ("loss_grad", "jacobian_spectral", "highway", "cell_total"):
        np.testing.assert_array_equal(getattr(a.diagnostics, field), getattr(b.diagnostics, field))


@pytest.mark.parametrize("current", ["lstm", "gru", "rnn"])
def test_results_are_those_of_individual_compute_calls(current) -> None:
    settings = Settings(model=current, hidden_size=6, length=15, seed=3, recurrent_scale=1.2)
    cmp = compare(settings)
    assert isinstance(cmp, Comparison)
    assert cmp.current == current and cmp.note is None
    assert cmp.from_file is None and cmp.others_seeded == () and cmp.others_missing_reason is None
    assert cmp.missing_kinds == ()
    assert cmp.kinds == ("lstm", "gru", "rnn") and list(cmp) == ["lstm", "gru", "rnn"]
    assert cmp.settings is settings
    _assert_same(cmp.current_results, compute(settings))
    for kind in ("lstm", "gru", "rnn"):
        _assert_same(cmp[kind], compute(settings.replace(model=kind)))


def test_results_cannot_be_changed() -> None:
    cmp = compare(Settings(hidden_size=3, length=5))
    with pytest.raises(TypeError):
        cmp.results["rnn"] = cmp.results["lstm"]  # type: ignore[index]


def test_a_weight_file_decides_the_current_model_and_the_others_follow_its_sizes(
    tmp_path: Path,
) -> None:
    path = save_weights(tmp_path / "w.npz", "gru", GRU(3, 5, seed=9).params)
    settings = Settings(
        model="lstm", sequence="noise", input_size=None, length=12, weights=str(path)
    )
    cmp = compare(settings)
    assert cmp.current == "gru"  # the file holds a GRU, whatever the settings' model says
    _assert_same(cmp.current_results, compute(settings))
    assert cmp.from_file == "w.npz"
    assert cmp.others_seeded == ("lstm", "rnn") and cmp.others_missing_reason is None
    assert cmp.note == (
        "The GRU comes from w.npz; the LSTM and the RNN are initialised from seed "
        f"{settings.seed} with the same sizes (H = 5, D = 3)."
    )
    for kind in ("lstm", "rnn"):
        r = cmp[kind]
        assert r.weights is None
        assert (r.model.hidden_size, r.model.input_size) == (5, 3)
        np.testing.assert_array_equal(r.sequence.values, cmp.current_results.sequence.values)
        # Initialised from the seed (as labelled), never a shipped trained twin.
        base = settings.replace(
            weights=None, hidden_size=5, input_size=3, model=kind, trained=False
        )
        _assert_same(r, compute(base))
        assert r.trained is None


def test_a_weight_file_too_wide_for_the_settings_leaves_the_others_out(tmp_path: Path) -> None:
    path = save_weights(tmp_path / "wide.npz", "gru", GRU(1, 257, seed=0).params)
    cmp = compare(Settings(sequence="sine", length=4, weights=str(path)))
    assert cmp.kinds == ("gru",) and cmp.missing_kinds == ("lstm", "rnn")
    assert cmp.from_file == "wide.npz" and cmp.others_seeded == ()
    assert cmp.others_missing_reason is not None and "hidden_size" in cmp.others_missing_reason
    assert cmp.note is not None
    assert cmp.note.startswith("Only the GRU from wide.npz is shown: the LSTM and the RNN cannot")
    assert cmp.others_missing_reason in cmp.note


def test_bad_settings_raise_like_compute() -> None:
    with pytest.raises(SettingsError, match="hidden_size"):
        compare(Settings(hidden_size=0))
