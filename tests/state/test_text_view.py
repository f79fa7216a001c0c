"""The Text panel's numbers: token positions, and units ranked where their pattern switches."""

from __future__ import annotations

import numpy as np

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
