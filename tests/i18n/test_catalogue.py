"""The Chinese catalogue: complete, current, compiled, and faithful to every sentence's slots."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "lstm_viz_zh_CN.ts"


def _script():
    path = ROOT / "scripts" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).iter("message"))


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """The catalogue after lupdate has seen today's sources (obsolete entries kept, so
    they can be caught)."""
    copy = tmp_path_factory.mktemp("ts") / TS.name
    shutil.copy(TS, copy)
    _script().lupdate(copy, keep_obsolete=True)
    return copy


def test_every_sentence_in_the_sources_has_a_chinese_translation(refreshed: Path) -> None:
    unfinished = [
        m.findtext("source")
        for m in _messages(refreshed)
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert unfinished == [], "run scripts/update_translations.py and translate these"


def test_the_catalogue_holds_no_sentence_the_sources_no_longer_use(refreshed: Path) -> None:
    obsolete = [
        m.findtext("source")
        for m in _messages(refreshed)
        if m.find("translation").get("type") in ("obsolete", "vanished")
    ]
    assert obsolete == []


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    _script().lrelease(TS, fresh)
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes()


SLOT = re.compile(r"\{[^{}]*\}")


def test_translations_keep_every_slot_accelerator_and_line_break() -> None:
    for m in _messages(TS):
        source, translation = m.findtext("source"), m.findtext("translation")
        assert Counter(SLOT.findall(source)) == Counter(SLOT.findall(translation)), source
        assert source.count("\n") == translation.count("\n"), source
        if re.search(r"&[A-Za-z]", source.replace("&&", "")):
            assert re.search(r"&[A-Za-z]", translation.replace("&&", "")), source


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("forget gate", "遗忘门"),
        ("input gate", "输入门"),
        ("output gate", "输出门"),
        ("cell state", "细胞状态"),
        ("vanish", "梯度消失"),
        ("explod", "梯度爆炸"),
        ("clipping", "梯度裁剪"),
    ],
)
def test_the_standard_chinese_terms_are_used(english: str, chinese: str) -> None:
    uses = [
        m.findtext("translation") for m in _messages(TS) if english in m.findtext("source").lower()
    ]
    assert uses, english
    assert any(chinese in t for t in uses), (english, uses[:3])


def test_no_sentence_is_marked_inside_an_f_string_where_lupdate_cannot_see_it() -> None:
    # lupdate reads tr("…") calls but not those inside an f-string's braces: such a
    # sentence never reaches the catalogue and stays English in every language.
    hidden = re.compile(r"""\{\s*(?:tr|tr_noop)\(\s*['"]""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "lstm_viz").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hidden.search(line)
    ]
    assert found == []
