"""Shared results for the diagram tests (computed once per session: the engine is pure)."""

from __future__ import annotations

import pytest

from lstm_viz.state.results import Results, compute
from lstm_viz.state.settings import Settings


@pytest.fixture(scope="session")
def results_by_kind() -> dict[str, Results]:
    return {
        k: compute(Settings(model=k, hidden_size=12, length=30, seed=3))
        for k in ("lstm", "gru", "rnn")
    }


@pytest.fixture
def scene(qtbot):
    from lstm_viz.diagram import CellDiagram

    s = CellDiagram()
    yield s
    s.clear()
