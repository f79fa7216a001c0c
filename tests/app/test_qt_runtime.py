"""Guards against the PySide6 6.12.0 trap on Python 3.11.

PySide6 6.12.0 loses one reference to None on every Qt call that returns nothing
(setPos, setText, fill, ...); Python 3.11's None is not immortal, so after a few
thousand to ~16,000 such calls the process dies with
"Fatal Python error: none_dealloc". The calls run in a subprocess, so that an
abort fails this test instead of killing pytest.
"""

import json
import os
import subprocess
import sys
import textwrap

CALLS = 200_000

CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QLabel

    app = QApplication([])
    item = QGraphicsRectItem(0, 0, 10, 10)
    label = QLabel()
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    color = QColor(10, 20, 30)
    for _ in range(10):  # warm-up: first calls may cache things that hold None
        item.setPos(1.0, 2.0); label.setText("x"); image.fill(color)
    before = sys.getrefcount(None)
    for i in range({rounds}):
        item.setPos(float(i), 2.0)
        label.setText("lstm")
        image.fill(color)
    after = sys.getrefcount(None)
    print(json.dumps({{"before": before, "after": after}}))
    """
).format(rounds=CALLS // 3)


def test_none_returning_qt_calls_keep_none_alive():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, (
        f"{CALLS} None-returning Qt calls killed the process (exit {proc.returncode}); "
        f"a PySide6 refcount bug such as 6.12.0's none_dealloc?\n{proc.stderr[-2000:]}"
    )
    counts = json.loads(proc.stdout.strip().splitlines()[-1])
    lost = counts["before"] - counts["after"]
    assert lost <= 50, f"lost {lost} references to None over {CALLS} Qt calls: {counts}"


def test_pyside6_is_older_than_6_12():
    import PySide6

    assert PySide6.__version_info__[:2] < (6, 12), (
        f"PySide6 {PySide6.__version__} is installed; 6.12.0 aborts Python 3.11 processes "
        "(none_dealloc). pyproject.toml pins PySide6-Essentials<6.12."
    )
