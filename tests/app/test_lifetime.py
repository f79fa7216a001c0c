"""The whole app's lifetime in a fresh process: start, play, compute, save, quit cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from lstm_viz.app.launch import run_app
from lstm_viz.state.settings import Settings
sys.exit(run_app(Settings(hidden_size=8, length=30, model=sys.argv[1]), quit_after_ms=1500))
"""


def test_app_starts_plays_and_quits_cleanly_three_times(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    for kind in ("lstm", "gru", "rnn"):
        run = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-c", SCRIPT, kind],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-2000:]
    # The last run's settings were remembered where QSettings keeps them.
    conf = tmp_path / "config" / "lstm-viz" / "lstm-viz.conf"
    assert conf.exists() and "rnn" in conf.read_text()
