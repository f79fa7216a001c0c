"""Captions name the step's token when the steps are a text's tokens."""

from __future__ import annotations

from lstm_viz.diagram.captions import backward_caption, caption
from lstm_viz.state.backward import backward_frame
from lstm_viz.state.frame import frame_at
from lstm_viz.state.results import compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.text_view import step_tokens
from lstm_viz.state.timeline import Cursor


def test_the_forget_caption_begins_at_the_steps_token(qtbot) -> None:
    results = compute(Settings(sequence="text", text="it is not good", tokenizer="words"))
    frame = frame_at(results, Cursor(2, 0, 1.0))
    text = caption(frame, step_tokens(results))
    assert text.startswith("At “not” (step 3): Forget:")
    assert "kept" in text
    assert caption(frame) == text.removeprefix("At “not” (step 3): ")


def test_the_backward_caption_names_the_token_too(qtbot) -> None:
    results = compute(Settings(sequence="text", text="abc", hidden_size=3))
    back = backward_frame(results, Cursor(1, 0, 1.0, backward=True))
    assert backward_caption(back, step_tokens(results)).startswith("At “b” (step 2): ")


def test_a_numeric_sequence_keeps_its_caption(qtbot) -> None:
    results = compute(Settings(hidden_size=3, length=5))
    frame = frame_at(results, Cursor(2, 0, 1.0))
    assert step_tokens(results) == ()
    assert caption(frame, step_tokens(results)).startswith("Forget:")
