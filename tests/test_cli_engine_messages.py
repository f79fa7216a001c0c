"""The engine's messages reach the user as one marked line, in English and in Chinese.

One family at a time — a training configuration (``TrainConfig``), a sequence's values,
a weight file — each triggered through the entry point a user meets (the command line,
``lstm_viz.inspect``) and read in both languages with its values in it. The last test
keeps every message of those engine packages marked for translation.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import lstm_viz
from lstm_viz import i18n_core
from lstm_viz.cli.simulate import simulate_command
from lstm_viz.cli.train import train_command
from lstm_viz.engine.data.sequences import make_sequence
from lstm_viz.engine.data.value import Sequence, SequenceError
from lstm_viz.engine.io.weights import WeightsError
from lstm_viz.engine.training.tasks import TrainConfig, TrainConfigError
from lstm_viz.i18n_core import error_text, speaking

ENGINE = Path(lstm_viz.__file__).parent / "engine"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n_core.set_language("en")  # the commands set the language for the whole process


def _error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1, err  # one line, nothing else
    return err.rstrip("\n")


# -- TrainConfig --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_train_memory_refusal_is_one_line_in_each_language(capsys, lang: str) -> None:
    argv = ["--batch", "100000", "--length", "200", "--hidden-size", "512", "--lang", lang]
    assert train_command(argv) == 2
    line = _error_line(capsys)
    assert line.startswith("lstm-viz train: error: batch 100000 × length 200 × hidden_size 512")
    # The way out names the largest batch that fits, in the language asked for.
    if lang == "en":
        assert "of memory per training step, more than the budget of 2 GB; lower batch to" in line
    else:
        assert "每个训练步约需" in line and "超过 2 GB 的预算；请把 batch 降到至多" in line
        assert "memory" not in line


def test_train_config_range_speaks_chinese_with_its_values() -> None:
    with pytest.raises(TrainConfigError) as caught:
        TrainConfig(lr=20.0)
    assert str(caught.value) == "lr must be a number from 0 to 10, got 20.0"
    with speaking("zh_CN"):
        assert error_text(caught.value) == "lr 必须是 0 到 10 的数，收到的是 20.0"


def test_an_optimizer_setting_is_a_train_config_error() -> None:
    with pytest.raises(TrainConfigError) as caught:
        TrainConfig(optimizer="adam", momentum=0.5)
    with speaking("zh_CN"):
        said = error_text(caught.value)
    assert "动量 0.5 只适用于 SGD" in said and "\n" not in said


# -- sequence values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "length of 'copy' must be between 3 and 100000; got 2"),
        ("zh", "'copy' 的长度必须在 3 到 100000 之间；收到的是 2"),
    ],
)
def test_a_preset_length_out_of_range_is_one_line(capsys, lang: str, expected: str) -> None:
    argv = ["--sequence", "copy", "--length", "2", "--lang", lang]
    assert simulate_command(argv) == 2
    line = _error_line(capsys)
    assert line.startswith(f"lstm-viz simulate: error: {expected} — ")


def test_sequence_value_checks_speak_chinese_with_their_values() -> None:
    cases = [
        (
            lambda: Sequence("s", np.zeros((3, 2)), "", feature_names=("a",)),
            "2 个特征却有 1 个特征名",
        ),
        (lambda: Sequence("s", np.zeros((0, 2)), ""), "收到的是 (0, 2)"),
        (lambda: Sequence("s", [1.0, np.nan, np.inf], ""), "values含有 2 个非有限值"),
        (lambda: make_sequence("adding", input_size=3), "内置序列 'adding' 恰好有 2 个输入特征"),
        (lambda: make_sequence("nope"), "未知的内置序列 'nope'"),
    ]
    for make, chinese in cases:
        with pytest.raises(SequenceError) as caught:
            make()
        english = str(caught.value)
        with speaking("zh_CN"):
            said = error_text(caught.value)
        assert chinese in said, said
        assert "\n" not in english and "\n" not in said and said != english


# -- weight files ---------------------------------------------------------------------


def _npz(path: Path, **arrays: np.ndarray) -> Path:
    np.savez(path, **arrays)
    return path


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "bad.npz: weight_ih_l0 has shape (10, 2) but weight_hh_l0 (12, 3) implies an LSTM "
            "with hidden size 3, so weight_ih_l0 needs 12 rows",
        ),
        (
            "zh",
            "bad.npz: weight_ih_l0 的形状为 (10, 2)，但 weight_hh_l0 (12, 3) "
            "表明这是隐藏层大小为 3 的 LSTM，因此 weight_ih_l0 需要 12 行",
        ),
    ],
)
def test_a_weight_shape_mismatch_is_one_line(tmp_path, capsys, lang: str, expected: str) -> None:
    bad = _npz(tmp_path / "bad.npz", weight_ih_l0=np.zeros((10, 2)), weight_hh_l0=np.zeros((12, 3)))
    assert simulate_command(["--weights", str(bad), "--lang", lang]) == 2
    assert _error_line(capsys).startswith(f"lstm-viz simulate: error: {expected} — ")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "is corrupt or truncated (not a readable .safetensors file: shorter than its header)",
        ),
        ("zh", "已损坏或不完整（不是可读取的 .safetensors 文件：比它的文件头还短）"),
    ],
)
def test_a_truncated_safetensors_says_why_in_each_language(
    tmp_path, capsys, lang: str, expected: str
) -> None:
    short = tmp_path / "short.safetensors"
    short.write_bytes(b"abc")
    assert simulate_command(["--weights", str(short), "--lang", lang]) == 2
    assert _error_line(capsys).startswith(
        f"lstm-viz simulate: error: short.safetensors: {expected}"
    )


def test_a_live_state_dict_with_a_bad_shape_speaks_chinese_through_inspect() -> None:
    state = {
        "weight_ih_l0": np.zeros((12, 2)),
        "weight_hh_l0": np.zeros((10, 3)),  # 10 rows: no gate count times 3 columns
    }
    with pytest.raises(WeightsError) as caught:
        lstm_viz.inspect(state, np.zeros((4, 2)))
    english = str(caught.value)
    assert "weight_hh_l0 has shape (10, 3): its rows must be 1, 3 or 4 times its columns" in english
    assert "would fit hidden size 3 (LSTM), 4 (GRU) or 12 (RNN)" in english
    with speaking("zh_CN"):
        said = error_text(caught.value)
    assert "适合的隐藏层大小为 3 (LSTM), 4 (GRU) 或 12 (RNN)" in said and "\n" not in said


# -- every message marked ------------------------------------------------------------

#: Messages no input can reach: a programmer's misuse of an internal API (the type of an
#: argument only code passes), kept in English on purpose.
PROGRAMMER_ONLY = {
    ("data/value.py", "check_rng"),
    ("training/optim.py", "__init__"),  # SGD(nesterov=True) without momentum
    ("training/trainer.py", "restore"),  # a TrainState from another configuration
}
_RAISERS = {"SequenceError", "WeightsError", "TrainConfigError", "ValueError", "fail"}


def _unmarked_messages() -> list[tuple[str, str, int]]:
    found = []
    for folder in ("training", "data", "io"):
        for path in sorted((ENGINE / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for func in ast.walk(tree):
                if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for call in ast.walk(func):
                    if not isinstance(call, ast.Call) or ast.unparse(call.func) not in _RAISERS:
                        continue
                    args = call.args[1:] if ast.unparse(call.func) == "fail" else call.args
                    plain = args and isinstance(args[0], ast.JoinedStr | ast.Constant)
                    where = (f"{folder}/{path.name}", func.name)
                    if plain and where not in PROGRAMMER_ONLY:
                        found.append((*where, call.lineno))
    return found


def test_every_engine_message_a_user_can_meet_is_marked_for_translation() -> None:
    assert _unmarked_messages() == []
