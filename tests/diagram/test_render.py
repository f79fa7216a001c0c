"""render_frame: the same inputs give the same pixels; different steps differ."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from lstm_viz.diagram import render_frame
from lstm_viz.state.timeline import Cursor


def _pixels(image: QImage) -> np.ndarray:
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).copy()


def test_render_frame_is_deterministic_and_depends_on_the_step(qtbot, results_by_kind):
    results = results_by_kind["lstm"]
    a = render_frame(results, Cursor(4, 1, 0.5), (640, 360))
    render_frame(results_by_kind["gru"], Cursor(9, 2, 0.2), (640, 360), theme="dark")
    b = render_frame(results, Cursor(4, 1, 0.5), (640, 360))
    c = render_frame(results, Cursor(5, 1, 0.5), (640, 360))
    assert a.format() == QImage.Format.Format_ARGB32_Premultiplied
    assert (a.width(), a.height()) == (640, 360)
    np.testing.assert_array_equal(_pixels(a), _pixels(b))
    assert not np.array_equal(_pixels(a), _pixels(c))


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
@pytest.mark.parametrize("unrolled", [False, True])
def test_every_model_renders_rolled_and_unrolled_in_both_themes(
    qtbot, results_by_kind, kind, unrolled
):
    results = results_by_kind[kind]
    for theme in ("light", "dark"):
        img = render_frame(results, Cursor(0, 0, 0.5), (320, 180), unrolled=unrolled, theme=theme)
        assert not img.isNull()


def test_caption_option_changes_the_picture(qtbot, results_by_kind):
    results = results_by_kind["rnn"]
    on = render_frame(results, Cursor(3, 0, 1.0), (640, 360), caption=True)
    off = render_frame(results, Cursor(3, 0, 1.0), (640, 360), caption=False)
    assert not np.array_equal(_pixels(on), _pixels(off))


def test_a_frame_does_not_depend_on_the_frames_drawn_before_it(qtbot, results_by_kind):
    from lstm_viz.diagram import CellDiagram, render_scene

    target = results_by_kind["lstm"]
    fresh = CellDiagram()
    fresh.show(target, Cursor(2, 1, 0.5))
    want = _pixels(render_scene(fresh, (320, 180)))
    used = CellDiagram()
    for kind in ("gru", "lstm", "rnn"):
        for unrolled in (True, False):
            used.set_unrolled(unrolled)
            used.show(results_by_kind[kind], Cursor(7, 0, 0.3))
            used.show(results_by_kind[kind], Cursor(5, 0, 0.4, backward=True))
    used.show(target, Cursor(2, 1, 0.5))
    np.testing.assert_array_equal(_pixels(render_scene(used, (320, 180))), want)


def test_a_frame_is_a_pure_function_of_its_language(qtbot, results_by_kind):
    from lstm_viz import i18n
    from lstm_viz.diagram import CellDiagram, render_scene

    results, cursor = results_by_kind["lstm"], Cursor(4, 1, 1.0)

    def fresh(lang: str) -> np.ndarray:
        with i18n.speaking(lang):
            scene = CellDiagram()
            scene.show(results, cursor)
            return _pixels(render_scene(scene, (640, 360)))

    want = {"en": fresh("en"), "zh_CN": fresh("zh_CN")}
    assert not np.array_equal(want["en"], want["zh_CN"])
    for lang in ("en", "zh_CN", "en", "zh_CN"):
        got = render_frame(results, cursor, (640, 360), lang=lang)
        np.testing.assert_array_equal(_pixels(got), want[lang], err_msg=lang)
    assert i18n.current_language() == "en" and i18n.tr("Forget") == "Forget"
    # Whatever the app speaks, the frame speaks its own language.
    i18n.set_language("zh_CN")
    try:
        got = render_frame(results, cursor, (640, 360), lang="en")
    finally:
        i18n.set_language("en")
    np.testing.assert_array_equal(_pixels(got), want["en"])
