"""Plot preparation without Qt: axes, log-safe splits, marker rows, background jobs."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.state.comparison import compare
from lstm_viz.state.plot_data import (
    LOG_LIMIT,
    MARKER_GAP,
    PathCurves,
    cursor_x,
    format_value,
    log10_image,
    log_edges,
    paths_caption,
    run_paths,
    run_sweeps,
    split_for_log,
    state_levels,
    sweep_request,
    symmetric_levels,
    true_runs,
    x_positions,
)
from lstm_viz.state.settings import Settings


def test_x_positions_are_steps_or_distances_from_the_last_step() -> None:
    np.testing.assert_array_equal(x_positions(4, "step"), [1, 2, 3, 4])
    np.testing.assert_array_equal(x_positions(4, "distance"), [3, 2, 1, 0])
    assert cursor_x(0, 4, "step") == 1 and cursor_x(0, 4, "distance") == 3
    assert cursor_x(99, 4, "step") == 4  # clamped
    with pytest.raises(ValueError):
        x_positions(3, "time")  # type: ignore[arg-type]


def test_inf_nan_and_zero_are_classified_never_dropped() -> None:
    v = np.array([1e-3, 0.0, np.inf, np.nan, 2.0, -1.0])
    s = split_for_log(v)
    np.testing.assert_array_equal(s.drawable, [True, False, False, False, True, False])
    np.testing.assert_array_equal(s.zero, [False, True, False, False, False, False])
    np.testing.assert_array_equal(s.overflow, [False, False, True, True, False, False])


def test_true_runs_give_back_the_mask_they_come_from() -> None:
    rng = np.random.default_rng(7)
    for n in (0, 1, 2, 17, 500):
        for p in (0.0, 0.3, 0.9, 1.0):
            mask = rng.random(n) < p
            starts, ends = true_runs(mask)
            rebuilt = np.zeros(n, dtype=bool)
            for a, b in zip(starts, ends, strict=True):
                assert a <= b
                rebuilt[a : b + 1] = True
            np.testing.assert_array_equal(rebuilt, mask)
            # Runs are maximal: two never touch.
            assert np.all(starts[1:] > ends[:-1] + 1)


def test_state_levels_read_past_a_non_finite_entry() -> None:
    assert state_levels(np.array([[0.5, -3.0], [2.0, 0.1]])) == 3.0
    assert state_levels(np.array([0.2, np.inf, -2.5, np.nan])) == 2.5
    assert state_levels(np.array([0.2, -0.3])) == 1.0
    assert state_levels(np.array([np.nan])) == 1.0 and state_levels(np.zeros(0)) == 1.0


def test_marker_rows_sit_outside_the_data_and_inside_float_range() -> None:
    assert log_edges([np.array([1e-5, 0.5, np.inf])]) == (-5 - MARKER_GAP, 0 + MARKER_GAP)
    assert log_edges([np.array([np.nan, 0.0])]) == (-MARKER_GAP, MARKER_GAP)
    assert log_edges([np.array([1e308])])[1] == LOG_LIMIT


def test_values_are_labelled_for_hover() -> None:
    assert format_value(np.inf) == "overflow" and format_value(np.nan) == "overflow"
    assert format_value(0.0) == "0 (saturated)"
    assert format_value(0.25) == "0.25" and format_value(3e-9) == "3.00e-09"


def test_log_image_marks_overflow_and_keeps_zero_as_minus_infinity() -> None:
    out, bad = log10_image(np.array([[1.0, 0.0], [np.inf, np.nan]]))
    assert out[0, 0] == 0 and np.isneginf(out[0, 1])
    np.testing.assert_array_equal(bad, [[False, False], [True, True]])
    assert symmetric_levels(np.array([-40.0, 3.0]), cap=12) == 12
    assert symmetric_levels(np.array([np.nan])) == 1.0


def test_background_jobs_return_the_engines_numbers() -> None:
    cmp = compare(Settings(hidden_size=4, length=12))
    paths = run_paths(cmp["lstm"], cmp["rnn"])
    np.testing.assert_array_equal(paths.highway, cmp["lstm"].diagnostics.highway)
    np.testing.assert_array_equal(paths.cell_total, cmp["lstm"].diagnostics.cell_total)
    np.testing.assert_array_equal(paths.rnn_jacobian, cmp["rnn"].diagnostics.jacobian_spectral)
    request = sweep_request(cmp.current_results, ("rnn",), init="orthogonal", clip=1.0)
    assert request.init == "orthogonal" and request.hidden_size == 4
    sweeps = run_sweeps(cmp.current_results.sequence.values, request, np.array([0.5, 1.5]))
    assert set(sweeps) == {"rnn"} and sweeps["rnn"].loss_grad.shape == (2, 12)
    assert sweeps["rnn"].max_norm == 1.0


@pytest.mark.parametrize("forget_bias", [1.0, 3.0])
def test_paths_caption_explains_a_total_above_the_highway_with_the_numbers_shown(
    forget_bias,
) -> None:
    cmp = compare(Settings(forget_bias=forget_bias))
    curves = run_paths(cmp["lstm"], cmp["rnn"])
    d = cmp["lstm"].diagnostics
    np.testing.assert_array_equal(curves.cell_other, d.cell_other)
    caption = paths_caption(curves)
    assert caption is not None and caption.above
    i = curves.cell_total.shape[0] - 1 - caption.distance  # the index the caption is about
    assert (caption.total, caption.highway, caption.other) == (
        curves.cell_total[i],
        curves.highway[i],
        curves.cell_other[i],
    )
    # What the sentence claims: above the highway, by the other paths, at most their sum.
    assert caption.total > caption.highway
    assert caption.other >= caption.total - caption.highway
    assert caption.total <= caption.highway + caption.other
    # And it is where the total exceeds the highway by the largest factor.
    assert caption.total / caption.highway == pytest.approx(
        np.max(curves.cell_total / curves.highway)
    )


def test_paths_caption_says_when_the_total_stays_under_the_highway() -> None:
    curves = PathCurves(
        highway=np.array([0.5, 0.8, 1.0]),
        cell_total=np.array([0.4, 0.8, 1.0]),
        rnn_jacobian=None,
        cell_other=np.array([0.2, 0.1, 0.0]),
    )
    caption = paths_caption(curves)
    assert caption is not None and not caption.above
    assert (caption.distance, caption.total, caption.highway, caption.other) == (2, 0.4, 0.5, 0.2)
    assert paths_caption(PathCurves(None, None, np.ones(3))) is None


def test_paths_come_nearest_first_with_honest_fractions_and_final_tails(monkeypatch) -> None:
    from lstm_viz.engine.gradients import _jacobian_pass

    # Small chunks, so that a short sequence is computed in many pieces.
    monkeypatch.setattr(_jacobian_pass, "FAST_CHUNK_BYTES", 2 * 6 * 6 * 8 * 5)
    cmp = compare(Settings(hidden_size=6, length=60, seed=7))
    reports: list[tuple[float, PathCurves]] = []
    final = run_paths(cmp["lstm"], cmp["rnn"], lambda f, so_far: reports.append((f, so_far)))
    fractions = [f for f, _ in reports]
    assert len(reports) > 10 and fractions == sorted(fractions)
    assert 0 < fractions[0] < 0.2 and fractions[-1] == pytest.approx(1.0)
    reaches = [so_far.reach for _, so_far in reports]
    assert reaches == sorted(reaches) and reaches[-1] == 60
    for _, so_far in reports:
        assert not so_far.complete
        np.testing.assert_array_equal(so_far.highway, final.highway)  # whole from the start
        for name in ("cell_total", "cell_other", "rnn_jacobian"):
            tail, whole = getattr(so_far, name), getattr(final, name)
            # Each value shown early is the final one, at the same distance.
            np.testing.assert_array_equal(tail, whole[whole.shape[0] - tail.shape[0] :])
        # The LSTM's and the RNN's curves reach equally far, a chunk apart at most.
        assert abs(so_far.cell_total.shape[0] - so_far.rnn_jacobian.shape[0]) <= 5
    assert final.complete and final.reach == 60
    d = cmp["lstm"].diagnostics
    np.testing.assert_array_equal(final.cell_total, d.cell_total)  # kept for the next reader
    assert run_paths(cmp["lstm"], cmp["rnn"]).cell_total is d.cell_total
