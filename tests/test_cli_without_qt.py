"""`lstm-viz simulate` and `lstm-viz train` run where Qt cannot be imported at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT = ("PySide6", "shiboken6", "pyqtgraph")


@pytest.fixture(scope="module")
def no_qt_env(tmp_path_factory) -> dict[str, str]:
    """An environment in which importing Qt fails, as on a server without its libraries."""
    blocked = tmp_path_factory.mktemp("no-qt")
    for name in QT:
        (blocked / name).mkdir()
        (blocked / name / "__init__.py").write_text(
            f"raise ImportError('{name} cannot be loaded here: libEGL.so.1 is missing')\n"
        )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = os.pathsep.join([str(blocked), str(ROOT)])
    return env


def _run(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lstm_viz", *argv],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip


def test_qt_is_really_unimportable_there(no_qt_env) -> None:
    run = subprocess.run(
        [sys.executable, "-c", "import PySide6"], capture_output=True, text=True, env=no_qt_env
    )
    assert run.returncode != 0 and "cannot be loaded here" in run.stderr


def test_simulate_runs_without_qt(no_qt_env) -> None:
    run = _run(no_qt_env, "simulate", "--length", "6", "--json", "-")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["steps"] == 6


def test_train_runs_without_qt_and_speaks_chinese(no_qt_env, tmp_path: Path) -> None:
    out = tmp_path / "w.npz"
    run = _run(
        no_qt_env, "train", "--lang", "zh", "--length", "10", "--hidden-size", "4",
        "--batch", "4", "--iters", "20", "--every", "10", "--out", str(out),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert out.is_file()
    assert "已写入" in run.stderr, "train's messages are translated without Qt"


def test_bad_options_are_explained_without_qt(no_qt_env) -> None:
    for command in ("simulate", "train"):
        run = _run(no_qt_env, command, "--recurrent-scale", "nan")
        assert run.returncode == 2
        assert run.stderr.startswith(f"lstm-viz {command}: error: --recurrent-scale: ")
        assert run.stderr.count("\n") == 1


def test_the_window_without_qt_says_so_in_one_line(no_qt_env) -> None:
    run = _run(no_qt_env)
    assert run.returncode == 1
    assert run.stderr.startswith("lstm-viz: error: the window needs Qt (PySide6)")
    assert "lstm-viz simulate" in run.stderr and run.stderr.count("\n") == 1
