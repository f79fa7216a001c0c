"""Scenario files: round trips reproduce the state, bad files say which field is wrong."""

from __future__ import annotations

import importlib.resources
import re
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.engine import LSTM
from lstm_viz.engine.io.weights import load_weights, save_weights
from lstm_viz.state.results import compute
from lstm_viz.state.scenario import (
    Scenario,
    ScenarioError,
    list_lessons,
    read_scenario,
    scenario_from_text,
    write_scenario,
)
from lstm_viz.state.scenario_value import SCENARIO_VIEW_FIELDS
from lstm_viz.state.settings import Settings
from lstm_viz.state.timeline import Cursor
from lstm_viz.state.view_state import ViewState

MINIMAL = 'format = 1\n[settings]\nmodel = "lstm"\n'


def _rich() -> Scenario:
    return Scenario(
        settings=Settings(
            model="gru",
            hidden_size=5,
            sequence="custom",
            custom_text="x,y\n0.1,0.2\n0.3,-0.4\n1e-3,7\n",
            seed=123,
            recurrent_scale=0.1 + 0.2,  # not representable in short decimal: repr must round-trip
            forget_bias=None,
            init="orthogonal",
        ),
        cursor=Cursor(t=2, stage=1, phase=0.375, backward=False),
        loop=False,
        view=ViewState(
            theme="dark",
            language="zh_CN",
            unrolled=True,
            docks=("settingsDock", "plotsDock"),
            panel="clipping",
            clip=2.5,
            speed=0.5,
        ),
        decides=frozenset(SCENARIO_VIEW_FIELDS),
        title="遗忘门 — a test",
        intro='Two "quoted" lines.\nSecond line.',
        locks=("model", "hidden_size"),
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    scenario = _rich()
    path = write_scenario(tmp_path / "s.toml", scenario)
    assert read_scenario(path, cache_dir=tmp_path / "cache", strict=True) == scenario


def test_none_and_defaults_round_trip(tmp_path: Path) -> None:
    scenario = Scenario(settings=Settings(sequence="impulse", recurrent_scale=None))
    path = write_scenario(tmp_path / "s.toml", scenario)
    assert read_scenario(path, strict=True) == scenario


def test_sequence_file_is_written_relative_and_read_back_absolute(tmp_path: Path) -> None:
    data = tmp_path / "data" / "seq.csv"
    data.parent.mkdir()
    data.write_text("0.5\n-1\n2\n")
    scenario = Scenario(settings=Settings(sequence="file", sequence_file=str(data)))
    path = write_scenario(tmp_path / "s.toml", scenario)
    assert 'sequence_file = "data/seq.csv"' in path.read_text()
    assert read_scenario(path).settings.sequence_file == str(data.resolve())


# -- weights ---------------------------------------------------------------------------


def _weights_file(tmp_path: Path, hidden: int) -> Path:
    model = LSTM(input_size=1, hidden_size=hidden, seed=7)
    return save_weights(tmp_path / "elsewhere" / "w.npz", "lstm", model.params)


def test_small_weights_are_inline_and_cached_by_content(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    source = _weights_file(tmp_path, hidden=4)
    scenario = Scenario(settings=Settings(sequence="impulse", weights=str(source)))
    (tmp_path / "lesson").mkdir()
    path = write_scenario(tmp_path / "lesson" / "s.toml", scenario)
    content = path.read_text()
    assert "weight_hh = [" in content and "file =" not in content
    assert list((tmp_path / "lesson").iterdir()) == [path]

    cache = tmp_path / "cache"
    opened = read_scenario(path, cache_dir=cache)
    cached = Path(opened.settings.weights)
    assert cached.parent == cache
    original, copy = load_weights(source), load_weights(cached)
    for name, array in original.params.items():
        np.testing.assert_array_equal(copy.params[name], array)  # bit for bit
    mtime = cached.stat().st_mtime_ns
    assert read_scenario(path, cache_dir=cache).settings.weights == str(cached)
    assert cached.stat().st_mtime_ns == mtime  # content-addressed: not written again
    np.testing.assert_array_equal(
        compute(opened.settings).trace.h, compute(scenario.settings).trace.h
    )


def test_large_weights_are_copied_beside_the_scenario(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    source = _weights_file(tmp_path, hidden=40)  # 4·40·(1+40+2) > 4096 parameters
    (tmp_path / "lesson").mkdir()
    scenario = Scenario(settings=Settings(weights=str(source)))
    path = write_scenario(tmp_path / "lesson" / "s.toml", scenario)
    assert 'file = "s.weights.npz"' in path.read_text()
    opened = read_scenario(path)
    assert opened.settings.weights == str((tmp_path / "lesson" / "s.weights.npz").resolve())
    # A weight file already inside the scenario's folder is referred to, not copied.
    path = write_scenario(tmp_path / "s.toml", scenario)
    assert 'file = "elsewhere/w.npz"' in path.read_text()


# -- bad and future files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        (
            'format = 1\n[settings]\nhidden_size = "eight"\n',
            "settings.hidden_size",
            "scenario.toml: settings.hidden_size: must be a whole number from 1 to 256, "
            "got 'eight'",
        ),
        (
            "format = 3\n",
            "format",
            "scenario.toml: format: format 3 is newer than this app reads (up to 1); "
            "the file may use fields this version cannot show",
        ),
        ('title = "x"\n', "format", None),
        ("format = 1\n[view]\ntheme = 'pink'\n", "view.theme", None),
        ("format = 1\n[view]\npanel = 'nope'\n", "view.panel", None),
        ("format = 1\n[playback]\nstage = 3\n", "playback.stage", None),
        ("format = 1\n[playback]\nbackward = true\nstage = 1\n", "playback.stage", None),
        ("format = 1\n[playback]\nspeed = 0\n", "playback.speed", None),
        ("format = 1\n[settings]\nforget_bias = 'big'\n", "settings.forget_bias", None),
        ("format = 1\nlocks = ['colour']\n", "locks", None),
        ("format = 1\n[weights]\nfile = 'w.pt'\n", "weights.file", None),
        ("format = 1\n[weights]\nfile = 'missing.npz'\n", "weights.file", None),
        ("format = 1\n[weights]\nkind = 'lstm'\nweight_ih = [[1.0], [2.0, 3.0]]\n", None, None),
        ("format = 1\n[settings]\nweights = 'w.npz'\n", "settings.weights", None),
        ("format = = 1\n", "", None),
    ],
)
def test_bad_files_name_the_field(
    tmp_path: Path, text: str, field: str | None, message: str | None
) -> None:
    with pytest.raises(ScenarioError) as info:
        scenario_from_text(text, tmp_path, source="scenario.toml", cache_dir=tmp_path)
    if field is not None:
        assert info.value.field == field
    assert str(info.value).startswith("scenario.toml: ")
    if message is not None:
        assert str(info.value) == message


def test_inline_weights_with_wrong_shapes_are_rejected(tmp_path: Path) -> None:
    text = "format = 1\n[weights]\nkind = 'lstm'\nweight_ih = [[1.0]]\nweight_hh = [[1.0]]\n"
    with pytest.raises(ScenarioError, match=r"^s\.toml: weights: ") as info:
        scenario_from_text(text, tmp_path, source="s.toml", cache_dir=tmp_path)
    assert info.value.field == "weights"


def test_unknown_fields_are_reported_not_dropped(tmp_path: Path) -> None:
    text = MINIMAL + "dropout = 0.1\n[view]\nminimap = true\n[extras]\na = 1\n"
    scenario = scenario_from_text(text, tmp_path)
    assert scenario.unknown_fields == ("settings.dropout", "view.minimap", "extras")
    with pytest.raises(ScenarioError) as info:
        scenario_from_text(text, tmp_path, source="s.toml", strict=True)
    assert info.value.field == "settings.dropout"
    assert "view.minimap" in str(info.value)


# -- bundled lessons -------------------------------------------------------------------


def test_lessons_are_found_through_importlib_resources() -> None:
    folder = importlib.resources.files("lstm_viz.resources") / "lessons"
    assert any(item.name.endswith(".toml") for item in folder.iterdir())


def test_every_lesson_loads_and_computes(tmp_path: Path) -> None:
    lessons = list_lessons()
    titles = [title for title, _ in lessons]
    assert len(lessons) >= 4
    assert "The forget gate remembers the first input" in titles
    for title, item in lessons:
        scenario = read_scenario(item, cache_dir=tmp_path, strict=True)
        assert scenario.title == title
        sentences = re.findall(r"[.!?](?:\s|$)", scenario.intro.strip())
        assert 2 <= len(sentences) <= 4, title
        results = compute(scenario.settings)
        assert results.finite, title
        assert scenario.cursor.t < results.steps


# -- every problem at once; limits; paths ------------------------------------------------


def test_every_bad_field_is_reported_at_once_unknown_ones_included(tmp_path: Path) -> None:
    text = (
        "format = 1\n[settings]\nhidden_size = 'eight'\nlength = 0\nhiden = 3\n"
        "[view]\ntheme = 'pink'\n[playback]\nspeed = -1\n"
    )
    with pytest.raises(ScenarioError) as info:
        scenario_from_text(text, tmp_path, source="s.toml")
    fields = [p.field for p in info.value.problems]
    assert fields == [
        "settings.hidden_size",
        "settings.length",
        "playback.speed",
        "view.theme",
        "settings.hiden",
    ]
    lines = str(info.value).splitlines()
    assert len(lines) == 5 and all(line.startswith("s.toml: ") for line in lines)
    assert info.value.field == "settings.hidden_size"


def test_a_deeply_nested_value_is_refused_with_its_field_not_a_recursion_error(
    tmp_path: Path,
) -> None:
    text = "format = 1\n[weights]\nweight_ih = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(ScenarioError) as info:
        scenario_from_text(text, tmp_path, source="s.toml")
    assert info.value.field == "weights.weight_ih"
    assert "deeper than" in str(info.value)


def test_brackets_inside_strings_and_comments_are_not_nesting(tmp_path: Path) -> None:
    deep = "[" * 100
    text = f'format = 1\ntitle = \'{deep}\'\nintro = """{deep}\n{deep}"""  # {deep}\n'
    assert scenario_from_text(text, tmp_path).title == deep


def test_a_huge_inline_array_is_refused_with_its_field(tmp_path: Path, monkeypatch) -> None:
    from lstm_viz.state import scenario_weights

    monkeypatch.setattr(scenario_weights, "MAX_INLINE_NUMBERS", 8)
    rows = ", ".join(["[1.0, 2.0, 3.0]"] * 4)
    text = f"format = 1\n[weights]\nkind = 'rnn'\nweight_ih = [{rows}]\nweight_hh = [[1.0]]\n"
    with pytest.raises(ScenarioError) as info:
        scenario_from_text(text, tmp_path, source="s.toml", cache_dir=tmp_path)
    assert info.value.field == "weights.weight_ih" and "12 numbers" in str(info.value)


def test_a_file_too_large_is_refused_unread(tmp_path: Path, monkeypatch) -> None:
    from lstm_viz.state import scenario

    monkeypatch.setattr(scenario, "MAX_FILE_BYTES", 64)
    path = tmp_path / "big.toml"
    path.write_text(MINIMAL + "# " + "x" * 100 + "\n")
    with pytest.raises(ScenarioError, match="larger than"):
        read_scenario(path)


@pytest.mark.parametrize("field", ["sequence_file", "weights"])
def test_a_path_outside_the_scenarios_folder_is_refused_without_reading_it(
    tmp_path: Path, field: str
) -> None:
    secret = tmp_path / "private" / ("notes.csv" if field == "sequence_file" else "w.npz")
    secret.parent.mkdir()
    secret.write_text("1\nthe second line is private\n")
    folder = tmp_path / "lessons"
    folder.mkdir()
    if field == "sequence_file":
        text = "format = 1\n[settings]\nsequence = 'file'\nsequence_file = '../private/notes.csv'\n"
        name = "settings.sequence_file"
    else:
        text = f"format = 1\n[weights]\nfile = '{secret}'\n"
        name = "weights.file"
    (folder / "s.toml").write_text(text)
    with pytest.raises(ScenarioError) as info:
        read_scenario(folder / "s.toml")
    assert info.value.problems[0].field == name
    assert "outside the scenario's folder" in str(info.value)
    assert "private" not in str(info.value).replace("../private", "").replace(str(secret), "")


def test_a_sequence_file_elsewhere_is_copied_beside_the_saved_scenario(tmp_path: Path) -> None:
    data = tmp_path / "elsewhere" / "seq.csv"
    data.parent.mkdir()
    data.write_text("0.5\n-1\n2\n")
    folder = tmp_path / "lesson"
    folder.mkdir()
    scenario = Scenario(settings=Settings(sequence="file", sequence_file=str(data)))
    path = write_scenario(folder / "s.toml", scenario)
    assert 'sequence_file = "s.sequence.csv"' in path.read_text()
    opened = read_scenario(path)
    assert Path(opened.settings.sequence_file).read_text() == data.read_text()
