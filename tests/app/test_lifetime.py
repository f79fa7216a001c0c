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


# A panel job that never ends on its own: quitting must not wait for it.
STUCK = """
import sys, threading
import lstm_viz.state.plot_data as plot_data
from lstm_viz.app.launch import run_app
from lstm_viz.state.settings import Settings

never = threading.Event()
started = threading.Event()
def stuck(*args, **kwargs):
    started.set()
    never.wait()
for name in dir(plot_data):
    if name.startswith("run_"):
        setattr(plot_data, name, stuck)
code = run_app(Settings(hidden_size=8, length=30, sequence="impulse"), quit_after_ms=3000)
assert started.is_set(), "no panel job ran, so nothing was tested"
sys.exit(code)
"""


def test_quitting_does_not_wait_for_a_running_panel_job_and_remembers_the_settings(
    tmp_path,
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    run = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", STUCK],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    conf = tmp_path / "config" / "lstm-viz" / "lstm-viz.conf"
    assert "impulse" in conf.read_text()


def test_a_deleted_window_frees_its_widgets_and_its_session(qtbot, prefs) -> None:
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from lstm_viz.app.main_window import MainWindow
    from lstm_viz.app.session import Session
    from lstm_viz.state.settings import Settings

    session = Session(Settings(hidden_size=3, length=5))
    win = MainWindow(session, prefs)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()  # its start-up timers have run, as in any window shown
    # A plot's menu has no Qt parent: only its Python owner's death frees it.
    freed = [weakref.ref(o) for o in (win, session, win.plots.gradient.plot.ctrlMenu)]
    win.close()
    win.deleteLater()
    del win, session
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    # The session's connections to the views live in Qt, out of the collector's sight:
    # only deleting the session with its window breaks that cycle.
    assert [ref() for ref in freed] == [None, None, None]
