"""Shared comparisons (small, computed once) for the plot tests."""

from __future__ import annotations

import pytest

from lstm_viz.state.comparison import Comparison, compare
from lstm_viz.state.settings import Settings

SMALL = Settings(hidden_size=4, length=12, init="orthogonal")


@pytest.fixture(scope="session")
def small() -> Comparison:
    return compare(SMALL)


@pytest.fixture(scope="session")
def small_rnn() -> Comparison:
    return compare(SMALL.replace(model="rnn", recurrent_scale=0.9))
