"""The Text panel's numbers: token positions, and units ranked where their pattern switches."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from lstm_viz.engine import LSTM
from lstm_viz.state.text_view import layout, quantities, rank_units, unit_values


def test_a_unit_that_turns_on_over_the_span_ranks_first() -> None:
    rng = np.random.default_rng(0)
    values = 0.1 * rng.standard_normal((40, 5))
    values[10:15, 3] += 1.0  # unit 3 switches on over steps 10–14
    values[10:15, 1] -= 0.6  # unit 1 switches off, less clearly
    ranked = rank_units(values, 10, 15)
    assert [u for u, _ in ranked[:2]] == [3, 1]
    assert ranked[0][1] > 0 > ranked[1][1]


def test_an_empty_or_whole_span_ranks_nothing() -> None:
    values = np.arange(12.0).reshape(6, 2)
    assert rank_units(values, 3, 3) == []
    assert rank_units(values, 0, 6) == []


def test_a_constant_unit_scores_zero() -> None:
    values = np.zeros((10, 2))
    values[4:6, 0] = 1.0
    assert dict(rank_units(values, 4, 6))[1] == 0.0


def test_a_selection_of_characters_maps_to_the_steps_of_its_words() -> None:
    lay = layout(("the", "dog", "ate"), " ")
    assert lay.text == "the dog ate"
    assert lay.starts.tolist() == [0, 4, 8] and lay.stops.tolist() == [3, 7, 11]
    assert lay.steps_of(5, 9) == (1, 3)  # "og a" touches "dog" and "ate"
    assert lay.steps_of(0, 1) == (0, 1)


def test_the_lstm_offers_its_cell_state_and_gates() -> None:
    trace = LSTM(2, 3, seed=0).forward(np.zeros((4, 2)))
    assert quantities(trace) == ("c", "h", "i", "f", "g", "o")
    np.testing.assert_array_equal(unit_values(trace, "f"), trace.gates["f"])


def test_whitespace_tokens_are_visible_and_long_ones_cut() -> None:
    from lstm_viz.state.text_view import shown_token

    assert shown_token("\n") == "↵" and shown_token(" ") == "␣"
    assert shown_token("internationalisation", most=6) == "inter…"


def _switching_trace() -> np.ndarray:
    """Noise on 6 units, where units 2 (up) and 4 (down) switch together on steps 10–14,
    50–54 and 90–94; unit 1 alone on 70–74; unit 2 the other way on 30–34."""
    rng = np.random.default_rng(0)
    values = 0.1 * rng.standard_normal((120, 6))
    for a in (10, 50, 90):
        values[a : a + 5, 2] += 1.0
        values[a : a + 5, 4] -= 0.8
    values[70:75, 1] += 1.0
    values[30:35, 2] -= 1.0
    return values


def test_the_other_places_where_the_top_units_switch_are_found() -> None:
    from lstm_viz.state.text_view import matching_spans

    values = _switching_trace()
    top = [u for u, _ in rank_units(values, 10, 15)[:2]]
    assert sorted(top) == [2, 4]
    found = matching_spans(values, 10, 15, top, threshold=0.8)
    assert sorted((m.start, m.stop) for m in found) == [(50, 55), (90, 95)]
    assert all(m.score > 0.9 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_a_match_score_is_the_pearson_correlation_of_span_and_surroundings() -> None:
    from lstm_viz.state.text_view import matching_spans

    values = _switching_trace()
    units = [2, 4]
    z = (values[:, units] - values[:, units].mean(axis=0)) / values[:, units].std(axis=0)
    template = z[5:20].ravel()  # the span 10–14 and five steps on either side
    found = matching_spans(values, 10, 15, units, threshold=-1.0, most=200)
    assert len(found) > 10
    for m in found:
        window = z[m.start - 5 : m.stop + 5].ravel()
        assert m.score == pytest.approx(np.corrcoef(template, window)[0, 1], abs=1e-9)


def test_places_never_overlap_the_selection_or_each_other() -> None:
    from lstm_viz.state.text_view import matching_spans

    values = _switching_trace()
    found = matching_spans(values, 10, 15, [2, 4], threshold=-1.0, most=200)
    starts = sorted([10, *(m.start for m in found)])
    assert all(b - a >= 5 for a, b in pairwise(starts))
    assert all(m.stop - m.start == 5 for m in found)


def test_a_span_at_the_start_of_the_text_is_matched_with_its_one_sided_surroundings() -> None:
    from lstm_viz.state.text_view import matching_spans

    values = _switching_trace()
    values[0:5] = values[10:15]  # the same switch at the very start
    found = matching_spans(values, 0, 5, [2, 4], threshold=0.8)
    assert {(m.start, m.stop) for m in found} >= {(10, 15), (50, 55), (90, 95)}


def test_a_flat_empty_or_whole_span_matches_nothing() -> None:
    from lstm_viz.state.text_view import matching_spans

    flat = np.ones((30, 3))
    assert matching_spans(flat, 5, 8, [0, 1]) == []
    values = _switching_trace()
    assert matching_spans(values, 4, 4, [2]) == []
    assert matching_spans(values, 0, 120, [2]) == []
    assert matching_spans(values, 10, 15, []) == []


def test_a_reverse_cells_steps_are_the_written_tokens_backwards() -> None:
    from lstm_viz.state.text_view import in_written_order, written_step

    assert [written_step(t, 5, 1) for t in range(5)] == [4, 3, 2, 1, 0]
    assert [written_step(t, 5, 0) for t in range(5)] == [0, 1, 2, 3, 4]
    cell = np.arange(10.0).reshape(5, 2)  # row t: what the reverse cell did at its step t
    written = in_written_order(cell, 1)
    for t in range(5):
        np.testing.assert_array_equal(written[written_step(t, 5, 1)], cell[t])


def test_the_step_under_a_plot_position_on_either_axis() -> None:
    from lstm_viz.state.text_view import step_at

    assert step_at(3.2, 10, "step") == 2  # x = t = 3
    assert step_at(0.6, 10, "step") == 0
    assert step_at(0.4, 10, "step") is None and step_at(10.6, 10, "step") is None
    assert step_at(0.0, 10, "distance") == 9  # T − t = 0: the last step
    assert step_at(9.1, 10, "distance") == 0
    assert step_at(-0.6, 10, "distance") is None


def test_text_written_before_a_token_moves_the_tokens_after_it() -> None:
    lay = layout(("the", "dog", "ate"), " ", ("", "cat ", ""))
    assert lay.text == "the cat dog ate"
    assert [lay.text[a:b] for a, b in zip(lay.starts, lay.stops, strict=True)] == [
        "the",
        "dog",
        "ate",
    ]
    assert lay.steps_of(4, 7) == (1, 1)  # the struck-out original alone holds no token
    assert lay.steps_of(4, 10) == (1, 2)
