"""Captions of the panels that show the current model name only the parts it has."""

from __future__ import annotations

import re

import pytest

from lstm_viz.plots import GatesPanel, SaturationPanel
from lstm_viz.state.comparison import compare
from lstm_viz.state.equations import EQUATIONS, part_titles
from lstm_viz.state.settings import MODEL_KINDS, Settings

# Symbols a caption may list in parentheses: the model's gates and states.
SYMBOLS = {kind: {e.name for e in EQUATIONS[kind]} for kind in EQUATIONS}


def _shown(qtbot, panel_type, kind: str) -> str:
    panel = panel_type()
    qtbot.addWidget(panel)
    panel.set_comparison(compare(Settings(model=kind, hidden_size=3, length=6)))
    return f"{panel.caption.text()}\n{panel.help_button.toolTip()}"


@pytest.mark.parametrize("panel_type", [GatesPanel, SaturationPanel])
@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_each_caption_names_only_the_current_models_parts(qtbot, panel_type, kind) -> None:
    text = _shown(qtbot, panel_type, kind).lower()
    others = set().union(*(part_titles(k) for k in MODEL_KINDS)) - part_titles(kind)
    for name in others:
        assert name not in text, (kind, name)
    for listed in re.findall(r"\(([a-z](?:, [a-z])*)\)", text):  # "(f, i, o)"
        assert set(listed.split(", ")) <= SYMBOLS[kind], (kind, listed)


def test_the_caption_follows_a_change_of_model(qtbot) -> None:
    panel = GatesPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(compare(Settings(model="lstm", hidden_size=3, length=6)))
    assert "forget gates" in panel.caption.text()
    panel.set_comparison(compare(Settings(model="gru", hidden_size=3, length=6)))
    assert "update gates" in panel.caption.text()
    assert "forget" not in panel.caption.text() and "cell state" not in panel.caption.text()
