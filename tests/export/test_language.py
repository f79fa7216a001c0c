"""An export draws in its own language and leaves the app's as it was."""

from __future__ import annotations

import numpy as np

from lstm_viz import i18n
from lstm_viz.export import ExportOptions, FrameRenderer, to_rgb
from lstm_viz.state.timeline import Cursor

CURSOR = Cursor(t=2, stage=1, phase=1.0)


def frame(comparison, options: ExportOptions) -> np.ndarray:
    renderer = FrameRenderer(comparison, options)
    try:
        renderer.wait_ready()
        return to_rgb(renderer.render(CURSOR))
    finally:
        renderer.close()


def test_a_chinese_export_leaves_the_app_in_english_and_the_next_export_english(qapp, comparison):
    o = ExportOptions(size=(480, 270), content="window", title=True)
    english = frame(comparison, o)
    chinese = frame(comparison, o.replace(lang="zh_CN"))
    assert i18n.current_language() == "en" and i18n.tr("Forget") == "Forget"
    assert not np.array_equal(english, chinese)
    np.testing.assert_array_equal(frame(comparison, o), english)
    np.testing.assert_array_equal(frame(comparison, o.replace(lang="zh_CN")), chinese)


def test_switching_the_app_language_mid_export_does_not_change_its_frames(qapp, comparison):
    o = ExportOptions(size=(480, 270), content="window", lang="zh_CN")
    want = frame(comparison, o)
    renderer = FrameRenderer(comparison, o)
    try:
        renderer.wait_ready()
        i18n.set_language("zh_CN")
        qapp.processEvents()  # LanguageChange reaches every widget, the plots' too
        i18n.set_language("en")
        qapp.processEvents()
        got = to_rgb(renderer.render(CURSOR))
    finally:
        renderer.close()
        i18n.set_language("en")
    np.testing.assert_array_equal(got, want)
