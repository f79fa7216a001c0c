"""The prediction in the diagram: the read-out box beside hₜ and the strip over time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsSceneHoverEvent, QGraphicsSceneMouseEvent

from lstm_viz.diagram.captions import fmt
from lstm_viz.diagram.prediction import ReadoutBox
from lstm_viz.diagram.prediction_strip import PredictionStrip
from lstm_viz.engine import GRU, LSTM, save_weights
from lstm_viz.state.results import Results, compute
from lstm_viz.state.settings import Settings
from lstm_viz.state.text_view import shown_token
from lstm_viz.state.timeline import STAGES, Cursor

SHOWCASE = Path(__file__).parents[2] / "resources" / "models" / "showcase_char_lstm.npz"
TEXT = "def f(x):\n    return 'hi'\n"


@pytest.fixture(scope="module")
def showcase() -> Results:
    return compute(Settings(sequence="text", text=TEXT, tokenizer="chars", weights=str(SHOWCASE)))


def _regressor(folder: Path, kind: str = "lstm") -> Results:
    """A model whose head has one output, written to a real weight file."""
    model = (LSTM if kind == "lstm" else GRU)(3, 5, seed=2)
    rng = np.random.default_rng(4)
    head = {"fc.weight": rng.normal(size=(1, 5)), "fc.bias": np.array([0.25])}
    head["tokens"] = np.array([ord(c) for c in "abc"])
    path = save_weights(folder / f"{kind}_regressor.npz", kind, model.params, head)
    return compute(
        Settings(sequence="text", text="abcabbacca", tokenizer="chars", weights=str(path))
    )


def _output_stage(results: Results, t: int, phase: float = 1.0) -> Cursor:
    return Cursor(t, len(STAGES[results.kind]) - 1, phase)


def _expected_rows(results: Results, t: int) -> list[tuple[str, str]]:
    return [(shown_token(label, 8), fmt(p)) for label, p in results.predictions.top(t, 3)]


def test_the_box_draws_the_top_three_classes_of_the_step(scene, showcase) -> None:
    for t in (0, 4, 9, 10, showcase.steps - 1):  # "d", "(", "\n", a space, the last "\n"
        scene.show(showcase, _output_stage(showcase, t))
        rows = scene.readout_rows()
        assert [(label, p) for label, p, _ in rows] == _expected_rows(showcase, t), t
        top = showcase.predictions.top(t, 3)
        np.testing.assert_allclose([bar for _, _, bar in rows], [p for _, p in top])
    assert "␣" in {label for t in range(showcase.steps) for label, _ in _expected_rows(showcase, t)}


def test_the_box_says_when_the_head_reads_another_layer_than_the_one_drawn(qtbot, tmp_path) -> None:
    from lstm_viz.diagram import CellDiagram
    from lstm_viz.engine.cells.stack import RecurrentStack

    stack = RecurrentStack.from_cells([[LSTM(3, 4, seed=1)], [LSTM(4, 4, seed=2)]])
    head = {"fc.weight": np.ones((3, 4)), "fc.bias": np.zeros(3), "tokens": np.array([97, 98, 99])}
    np.savez(tmp_path / "s.npz", **stack.state_dict(), **head)
    settings = Settings(sequence="text", text="abcab", tokenizer="chars")
    results = compute(settings.replace(weights=str(tmp_path / "s.npz")))
    scene = CellDiagram()
    notes = []
    for layer in (0, 1):
        scene.show(results.select(layer), Cursor(2, 2, 1.0))
        box = scene._readouts["lstm"]
        notes.append(box.layer_note.text() if box.layer_note.isVisible() else "")
    assert notes == ["reads layer 1", ""]


def test_the_box_fills_in_with_the_output_stage(scene, showcase) -> None:
    scene.show(showcase, Cursor(5, 0, 1.0))  # forget: hₜ is not computed yet
    assert scene.readout_shown() and scene.readout_rows() == []
    scene.show(showcase, _output_stage(showcase, 5, 0.0))  # the stage is about to run
    assert scene.readout_rows() == []
    scene.show(showcase, _output_stage(showcase, 5, 0.4))
    assert [(lab, p) for lab, p, _ in scene.readout_rows()] == _expected_rows(showcase, 5)


def test_frames_with_a_prediction_make_no_items(scene, showcase) -> None:
    scene.show(showcase, Cursor(0, 0, 0.5))
    count = scene.item_count()
    for t in range(showcase.steps):
        for stage in range(3):
            scene.show(showcase, Cursor(t, stage, 0.5))
    scene.show(showcase, Cursor(3, 0, 0.5, backward=True))
    assert scene.item_count() == count


def test_a_regressor_shows_its_value(scene, tmp_path) -> None:
    for kind in ("lstm", "gru"):
        results = _regressor(tmp_path, kind)
        assert results.predictions.regressor
        for t in (0, 3, 9):
            scene.show(results, _output_stage(results, t))
            value = float(results.predictions.outputs[t, 0])
            assert scene.readout_rows() == [("", fmt(value, 3), value)]


def test_without_a_read_out_nothing_of_the_prediction_is_drawn(scene, showcase) -> None:
    plain = compute(Settings(hidden_size=6, length=12, seed=1))
    assert plain.predictions is None

    def prediction_items() -> list:
        def mine(item) -> bool:
            while item is not None:
                if isinstance(item, PredictionStrip) or any(
                    item is box.root for box in scene._readouts.values()
                ):
                    return True
                item = item.parentItem()
            return False

        return [i for i in scene.items() if i.isVisible() and mine(i)]

    scene.show(plain, Cursor(3, 2, 1.0))
    assert prediction_items() == [] and not scene.readout_shown()
    assert scene.readout_rows() == [] and scene.prediction_values().size == 0
    scene.show(showcase, Cursor(3, 2, 1.0))
    assert prediction_items()
    scene.show(plain, Cursor(3, 2, 1.0))  # and gone again
    assert prediction_items() == []
    assert not any(isinstance(i, ReadoutBox) for i in scene.items())


def test_the_strip_shows_the_predicted_class_probability_up_to_the_cursor(scene, showcase) -> None:
    probabilities = showcase.predictions.probabilities
    best = probabilities.max(axis=1)
    for cursor, last in (
        (Cursor(6, 2, 1.0), 6),
        (Cursor(6, 1, 1.0), 5),  # step 7's hₜ is not computed yet
        (Cursor(showcase.steps - 1, 2, 0.5), showcase.steps - 1),
        (Cursor(2, 0, 0.5, backward=True), showcase.steps - 1),  # after the forward pass
    ):
        scene.show(showcase, cursor)
        drawn = scene.prediction_values()
        assert drawn.shape == (showcase.steps,)
        np.testing.assert_allclose(drawn[: last + 1], best[: last + 1])
        assert np.isnan(drawn[last + 1 :]).all()


def test_the_strip_names_the_predicted_class_where_the_column_has_room(scene, showcase) -> None:
    labels = showcase.predictions.labels
    best = showcase.predictions.best()
    scene.show(showcase, Cursor(6, 2, 1.0))  # 27 steps: a column is 24 units wide
    assert scene.prediction_labels() == [(t, shown_token(labels[best[t]], 8)) for t in range(7)]
    scene.show(compute(showcase.settings.replace(text=TEXT * 8)), Cursor(100, 2, 1.0))
    assert scene.prediction_labels() == []  # 160 columns of 4 units: no room


def test_the_strip_hover_lists_the_steps_top_classes_and_a_click_jumps(
    qtbot, scene, showcase
) -> None:
    scene.show(showcase, Cursor(8, 2, 1.0))
    strip = scene._prediction
    r = strip._rect
    colw = r.width() / showcase.steps
    hover = QGraphicsSceneHoverEvent(QEvent.Type.GraphicsSceneHoverMove)
    hover.setScenePos(QPointF(r.left() + 4.5 * colw, r.center().y()))
    strip.hoverMoveEvent(hover)
    tip = strip.toolTip()
    assert "step 5" in tip
    for label, p in showcase.predictions.top(4, 5):
        assert fmt(p, 4) in tip and shown_token(label) in tip
    scene.show(showcase, Cursor(4, 2, 1.0))
    assert scene._readouts["lstm"].box.toolTip() == tip  # the box says the same of its step
    scene.show(showcase, Cursor(8, 2, 1.0))
    hover.setScenePos(QPointF(r.left() + 12.5 * colw, r.center().y()))  # a later step
    strip.hoverMoveEvent(hover)
    assert "not yet computed" in strip.toolTip()
    press = QGraphicsSceneMouseEvent(QEvent.Type.GraphicsSceneMousePress)
    press.setScenePos(QPointF(r.left() + 12.5 * colw, r.center().y()))
    with qtbot.waitSignal(scene.stepClicked) as clicked:
        strip.mousePressEvent(press)
    assert clicked.args == [12]


def test_the_output_caption_names_the_prediction(scene, showcase, tmp_path) -> None:
    t = 8
    label, p = showcase.predictions.top(t, 1)[0]
    scene.show(showcase, _output_stage(showcase, t))
    assert f"The read-out predicts “{shown_token(label)}” ({fmt(p)})." in scene.caption_text()
    scene.show(showcase, Cursor(t, 1, 1.0))
    assert "read-out" not in scene.caption_text()
    results = _regressor(tmp_path)
    scene.show(results, _output_stage(results, 2))
    value = float(results.predictions.outputs[2, 0])
    assert f"The read-out gives {fmt(value, 3)}." in scene.caption_text()


def _pixels(image: QImage) -> np.ndarray:
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).copy()


def test_export_draws_the_prediction_as_the_window_scene_does(qtbot, showcase, tmp_path) -> None:
    from PIL import Image

    from lstm_viz.cli import main
    from lstm_viz.diagram import CellDiagram, render_scene
    from lstm_viz.export import ExportOptions, to_rgb
    from lstm_viz.export.options import still_cursor
    from lstm_viz.state.timeline import Timeline

    out = tmp_path / "frame.png"
    args = ["export", "--weights", str(SHOWCASE), "--text", TEXT, "--tokens", "chars"]
    args += ["--step", "9", "--size", "640x360", "--content", "diagram", "--out", str(out)]
    assert main(args) == 0
    options = ExportOptions(size=(640, 360), first_step=9, last_step=9, content="diagram")
    cursor = still_cursor(options, Timeline.for_kind("lstm", showcase.steps))
    window_scene = CellDiagram()  # as the window makes it
    window_scene.show(showcase, cursor)
    assert [(lab, p) for lab, p, _ in window_scene.readout_rows()] == _expected_rows(
        showcase, cursor.t
    )
    want = to_rgb(render_scene(window_scene, (640, 360)))
    np.testing.assert_array_equal(np.asarray(Image.open(out).convert("RGB")), want)


def test_the_layer_note_stays_inside_the_box_at_a_large_text_floor(scene) -> None:
    from lstm_viz.state.results import compute
    from tests.state.tutorials import bi_tagger_settings

    results = compute(bi_tagger_settings())
    for floor in (0.0, 14.0, 18.0):
        scene.set_text_floor(floor)
        scene.show(results, Cursor(1, 2, 1.0))
        box = scene._readout_box(results.kind)
        assert box.layer_note.isVisible() and "1" in box.layer_note.text()
        edge = box.box.sceneBoundingRect().right()
        assert box.layer_note.sceneBoundingRect().right() <= edge
