"""The layering in DESIGN.md holds: a machine checks it, with every test run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    # The engine and state layers never import Qt; layers depend downwards only.
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is part of the test extra"
    run = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_engine_imports_without_qt_installed_or_loaded() -> None:
    code = (
        "import sys, lstm_viz.engine, lstm_viz.state.results, lstm_viz.state.report;"
        "qt = ('PySide6', 'pyqtgraph', 'shiboken6');"
        "bad = [m for m in sys.modules if m.split('.')[0] in qt];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
