"""English and 简体中文: switched at run time, remembered, followed from the system, drawn
with a real CJK font, and carried by scenarios and the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem

from lstm_viz import i18n
from lstm_viz.app.main_window import MainWindow
from lstm_viz.app.preferences import Preferences
from lstm_viz.app.scenarios import apply_scenario
from lstm_viz.diagram.items import font
from lstm_viz.export import ExportOptions
from lstm_viz.export.frames import FrameRenderer
from lstm_viz.state.comparison import compare
from lstm_viz.state.lessons import list_lessons
from lstm_viz.state.scenario import Scenario, read_scenario
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor


def _scene_texts(scene) -> list[str]:
    texts = []
    for item in scene.items():
        if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible():
            texts.append(item.text())
        elif isinstance(item, QGraphicsTextItem) and item.isVisible():
            texts.append(item.toPlainText())
    return [t for t in texts if t]


def test_switching_language_retranslates_every_visible_word_in_place(
    qtbot, qapp, window: MainWindow, pseudo_catalogue, find_untranslated, find_stale_texts
) -> None:
    window.session.next_stage()
    settings_before = window.session.settings
    i18n.set_language("zh_CN", app_catalogue=pseudo_catalogue)
    qapp.processEvents()
    try:
        assert find_untranslated(window) == []
        assert window.windowTitle().startswith("‹")
        assert window.diagram.caption_text().startswith("‹")
        # The diagram's own words (title, chips, labels, legend) were remade too.
        assert find_stale_texts([("diagram", t) for t in _scene_texts(window.diagram)]) == []
        assert window.session.settings == settings_before
    finally:
        i18n.set_language("en")
        qapp.processEvents()
    assert window.menuBar().actions()[0].text() == "&File"
    assert not window.diagram.caption_text().startswith("‹")


def test_view_language_menu_speaks_chinese_and_remembers_it(
    qtbot, qapp, window: MainWindow, prefs: Preferences
) -> None:
    window.language_actions["zh_CN"].trigger()
    qapp.processEvents()
    assert i18n.current_language() == "zh_CN"
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert window.settings_dock.windowTitle() == "模型与序列"
    assert "单元" in next(t for t in _scene_texts(window.diagram) if "LSTM" in t)
    assert prefs.language() == "zh_CN"
    window.language_actions["en"].trigger()
    qapp.processEvents()
    assert window.menuBar().actions()[0].text() == "&File"
    assert prefs.language() == "en"


@pytest.mark.parametrize(("locale", "expected"), [("zh_CN", "zh_CN"), ("de_DE", "en")])
def test_the_default_language_follows_the_system_locale(monkeypatch, locale, expected) -> None:
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale(locale)))
    assert i18n.system_language() == expected


def test_every_language_name_is_accepted_in_its_short_and_long_spelling() -> None:
    assert i18n.language_code("zh") == i18n.language_code("zh-CN") == "zh_CN"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.language_code("fr")


def test_a_cjk_font_is_installed_and_named_explicitly(qapp) -> None:
    from lstm_viz.app.launch import make_application

    family = i18n.cjk_family()
    assert family is not None, "scripts/setup.sh installs fonts-wqy-microhei"
    assert font(14).families() == ["DejaVu Sans", family]
    before = qapp.font()
    try:
        assert family in make_application().font().families()
    finally:
        qapp.setFont(before)


def _glyph(text: str) -> np.ndarray:
    image = QImage(48, 48, QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font(28))
    painter.drawText(4, 36, text)
    painter.end()
    bits = image.constBits()
    return np.frombuffer(bits, np.uint8, image.sizeInBytes()).reshape(48, -1)[:, :48].copy()


def test_a_chinese_export_frame_shows_no_missing_glyph_boxes(qapp) -> None:
    comparison = compare(Settings(hidden_size=4, length=6))
    renderer = FrameRenderer(comparison, ExportOptions(lang="zh_CN", content="diagram"))
    try:
        image = renderer.render(Cursor(t=1, stage=1, phase=1.0))
        assert not image.isNull()
        chars = {c for t in _scene_texts(renderer.scene) for c in t if "\u4e00" <= c <= "\u9fff"}
    finally:
        renderer.close()
        i18n.set_language("en")
    assert len(chars) > 20, "the frame is in Chinese"
    # An unassigned code point is drawn as the font's "missing glyph" box.
    missing = _glyph("\u0378")
    assert (missing < 128).any()
    boxes = sorted(c for c in chars if np.array_equal(_glyph(c), missing))
    assert boxes == []


def test_a_scenario_in_chinese_opens_the_window_in_chinese(qtbot, qapp, window: MainWindow) -> None:
    scenario = Scenario(settings=Settings(hidden_size=6, length=12)).with_view(language="zh_CN")
    assert apply_scenario(window, scenario)
    qapp.processEvents()
    assert i18n.current_language() == "zh_CN"
    assert window.menuBar().actions()[0].text() == "文件(&F)"


def test_every_bundled_lesson_has_its_title_and_intro_in_chinese() -> None:
    english = list_lessons("en")
    chinese = list_lessons("zh_CN")
    assert len(english) == len(chinese) >= 4
    for (en_title, item), (zh_title, _) in zip(english, chinese, strict=True):
        scenario = read_scenario(item)
        title, intro = scenario.text_in("zh_CN")
        assert zh_title == title != en_title
        assert intro != scenario.intro and any("\u4e00" <= c <= "\u9fff" for c in intro)
        assert "language" not in scenario.decides, "a lesson keeps the reader's language"


def test_export_help_and_messages_speak_chinese_with_lang_zh() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "lstm_viz", "export", "--lang", "zh", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "不显示阶段说明文字" in run.stdout, "the --no-caption help, in Chinese"
    assert "文字所用的语言" in run.stdout, "the --lang help, in Chinese"


def test_a_language_chosen_before_qt_starts_is_spoken_once_it_has(tmp_path) -> None:
    # The command line picks --lang before it creates the QApplication the export needs.
    script = (
        "from lstm_viz import i18n\n"
        "i18n.set_language('zh')\n"
        "before = i18n.tr('Forget')\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['x'])\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "print(before, i18n.tr('Output'), QCoreApplication.translate('', 'Reset'))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.stdout.split() == ["忘记", "输出", "重置"]


def test_an_error_message_with_braces_that_is_not_a_template_is_shown_as_it_is() -> None:
    from lstm_viz.engine.data.value import SequenceError
    from lstm_viz.state.settings import SettingsError

    err = SequenceError("cannot read data{1}.csv", source="data{1}.csv")
    assert i18n.error_text(err) == str(err) == "data{1}.csv: cannot read data{1}.csv"
    err = SettingsError("sequence", "bad file {name}")
    assert i18n.error_text(err) == str(err) == "sequence: bad file {name}"


def test_every_built_in_sequence_has_a_translatable_name_and_description() -> None:
    from lstm_viz.engine.data.sequences import PRESET_TITLES as PRESET_NAMES
    from lstm_viz.engine.data.sequences import PRESETS, SINE_PERIOD

    assert set(PRESET_NAMES) == set(PRESETS)
    ts = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "lstm_viz_zh_CN.ts"
    sources = {m.findtext("source") for m in ET.parse(ts).iter("message")}
    for name, description in PRESETS.items():
        assert PRESET_NAMES[name] in sources and description in sources, name
    # The sine's description is a literal for the catalogue: it must name the real period.
    assert f"every {SINE_PERIOD} steps" in PRESETS["sine"]


def test_a_bad_custom_sequence_is_explained_in_the_language_spoken(qapp) -> None:
    from lstm_viz.engine.data.text import parse_sequence_text
    from lstm_viz.engine.data.value import SequenceError

    with pytest.raises(SequenceError) as caught:
        parse_sequence_text("1, 2\n3, x\n")
    english = str(caught.value)
    assert english == i18n.error_text(caught.value)
    assert "line 2" in english and "'x'" in english and "column 2" in english
    i18n.set_language("zh_CN")
    try:
        chinese = i18n.error_text(caught.value)
    finally:
        i18n.set_language("en")
    assert chinese.startswith("第 2 行: ") and "第 2 列" in chinese and "'x'" in chinese
    assert "列名只能出现在第一行" in chinese, "the hint inside the message is translated too"


def test_a_custom_sequence_is_described_in_the_language_spoken(qapp) -> None:
    from lstm_viz.engine.data.text import parse_sequence_text

    description = parse_sequence_text("1, 2\n3, 4\n5, 6\n").description
    assert description == "A custom sequence of 3 steps with 2 features."
    assert i18n.say(description) == description
    i18n.set_language("zh_CN")
    try:
        assert i18n.say(description) == "自定义序列：3 个时间步，每步 2 个特征。"
        assert i18n.say("a file name.csv") == "a file name.csv", "unmarked text stays as it is"
    finally:
        i18n.set_language("en")


def test_a_bad_scenario_file_is_explained_in_the_language_spoken(qapp, tmp_path) -> None:
    from lstm_viz.state.scenario_fields import ScenarioError

    path = tmp_path / "lesson.toml"
    path.write_text('format = 1\n[settings]\nhidden_size = "eight"\n[view]\nunrolled = 3\n')
    with pytest.raises(ScenarioError) as caught:
        read_scenario(path)
    english = str(caught.value)
    assert english.startswith("lesson.toml: ") and i18n.error_text(caught.value) == english
    i18n.set_language("zh_CN")
    try:
        chinese = i18n.error_text(caught.value)
    finally:
        i18n.set_language("en")
    assert chinese.startswith("lesson.toml: ") and chinese != english
    assert "实际为" in chinese


def test_unknown_fields_are_reported_in_the_language_spoken(qapp) -> None:
    from lstm_viz.state.scenario import scenario_from_text, unknown_fields_message

    scenario = scenario_from_text("format = 1\ncolour = 'red'\n", None)
    warning = unknown_fields_message(scenario, "a.toml")
    assert str(warning).startswith("a.toml: this version does not know colour")
    i18n.set_language("zh_CN")
    try:
        assert i18n.say(warning).startswith("a.toml：当前版本不认识 colour")
    finally:
        i18n.set_language("en")


def test_a_bad_weight_file_is_explained_in_the_language_spoken(qapp, tmp_path) -> None:
    from lstm_viz.engine.io.checks import WeightsError
    from lstm_viz.engine.io.weights import load_weights

    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a zip")
    with pytest.raises(WeightsError) as caught:
        load_weights(path)
    english = str(caught.value)
    assert english.startswith("broken.npz: is not an .npz archive")
    assert i18n.error_text(caught.value) == english
    i18n.set_language("zh_CN")
    try:
        assert (
            i18n.error_text(caught.value)
            == "broken.npz: 不是 .npz 归档（由 .npy 数组组成的 zip 文件）"
        )
    finally:
        i18n.set_language("en")
