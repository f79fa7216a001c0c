"""Shared fixtures: a small comparison and small export options (tests stay fast)."""

from __future__ import annotations

import pytest

from lstm_viz.export import ExportOptions
from lstm_viz.state.comparison import compare
from lstm_viz.state.settings import Settings


@pytest.fixture(scope="session")
def comparison():
    return compare(Settings(hidden_size=4, length=8, sequence="sine"))


@pytest.fixture
def small() -> ExportOptions:
    return ExportOptions(size=(192, 108), scale=1.0, last_step=4, fps=10, content="diagram")


def leftovers(folder) -> list[str]:
    """Hidden temporaries an export may have left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
