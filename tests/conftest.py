"""Test-wide set-up. Runs before any test module, so before anything imports Qt."""

import os

# Tests never open real windows: force the offscreen platform, whatever the shell has set.
# LSTM_VIZ_TEST_PLATFORM overrides it (e.g. "xcb" to watch the tests under a real X server).
os.environ["QT_QPA_PLATFORM"] = os.environ.get("LSTM_VIZ_TEST_PLATFORM") or "offscreen"

# -- translations ---------------------------------------------------------------------------
# A pseudo-translation ("‹source›" for every catalogue entry) makes any sentence that
# was not retranslated stand out, whatever the real catalogues hold today.

import gc
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

CATALOGUE_TS = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "lstm_viz_zh_CN.ts"


def catalogue_sources() -> list[str]:
    """Every English sentence in the catalogue."""
    return [m.findtext("source") or "" for m in ET.parse(CATALOGUE_TS).iter("message")]


@pytest.fixture(scope="session")
def pseudo_catalogue(tmp_path_factory) -> Path:
    tree = ET.parse(CATALOGUE_TS)
    for message in tree.iter("message"):
        translation = message.find("translation")
        translation.attrib.clear()
        translation.text = "‹" + (message.findtext("source") or "") + "›"
    folder = tmp_path_factory.mktemp("pseudo")
    ts, qm = folder / "pseudo.ts", folder / "pseudo.qm"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lrelease = str(Path(sys.executable).parent / "pyside6-lrelease")
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def pseudo_language(qapp, pseudo_catalogue):
    """The app speaking the pseudo-language for one test (English again afterwards)."""
    from lstm_viz.i18n import set_language

    set_language("zh_CN", app_catalogue=pseudo_catalogue)
    qapp.processEvents()
    yield
    set_language("en")
    qapp.processEvents()


def _template(source: str) -> re.Pattern[str] | None:
    """A pattern for a sentence with ``{slots}`` when enough words are left to recognise it."""
    if "{" not in source:
        return None
    literal = re.sub(r"\{[^{}]*\}", " ", source)
    if len(re.findall(r"[A-Za-z]{2,}", literal)) < 2:
        return None
    parts = re.split(r"\{[^{}]*\}", source)
    return re.compile(".*?".join(re.escape(p) for p in parts) + r"\Z", re.S)


def untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (where, text) pairs still showing a catalogue sentence in English."""
    sources = set(catalogue_sources())
    plain = {s for s in sources if "{" not in s and re.search(r"[A-Za-z]{2,}", s)}
    templates = [p for p in map(_template, sources) if p is not None]
    stale = []
    for where, text in texts:
        for line in [text, *text.splitlines()]:
            line = line.strip()
            if line and (line in plain or any(p.match(line) for p in templates)):
                stale.append((where, line))
                break
    return stale


def visible_texts(root) -> list[tuple[str, str]]:
    """Every sentence a user can read in ``root``: labels, buttons, titles, tabs, combo
    items, menus and their actions, tooltips, placeholders, text views and plot labels."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QDockWidget,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMainWindow,
        QMenu,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    out: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    if isinstance(root, QMainWindow):
        widgets += root.menuBar().findChildren(QMenu)
    for w in widgets:
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.toolTip():
            out.append((name + " tooltip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QDockWidget):
            out.append((name, w.windowTitle()))
        elif isinstance(w, QTabBar):
            out += [(name, w.tabText(i)) for i in range(w.count())]
            out += [(name + " tab tooltip", w.tabToolTip(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append((name + " placeholder", w.placeholderText()))
        elif isinstance(w, QTextEdit):
            out.append((name, w.toPlainText()))
        elif isinstance(w, QMenu):
            out.append((name, w.title()))
            for a in w.actions():
                out += [(f"{name} action", a.text()), (f"{name} action tip", a.toolTip())]
        elif isinstance(w, QMainWindow):
            out.append((name, w.windowTitle()))
        if isinstance(w, pg.PlotWidget):
            item = w.getPlotItem()
            out.append((name + " title", item.titleLabel.text))
            for axis in ("left", "bottom", "right", "top"):
                out.append((f"{name} {axis} axis", item.getAxis(axis).labelText))
    return [(where, text) for where, text in out if text]


@pytest.fixture
def find_untranslated():
    """``find_untranslated(widget)``: what in ``widget`` still reads in English."""
    return lambda root: untranslated(visible_texts(root))


@pytest.fixture
def find_stale_texts():
    """``find_stale_texts([(where, text), …])``: the pairs still in English."""
    return untranslated


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """Delete the widgets a test gave its qtbot before the next test starts.

    pytest-qt closes them and calls ``deleteLater``, but no event loop runs between
    tests to carry that out: every window would otherwise stay alive, and each later
    window (whose theme re-styles every widget of the application) would be slower.
    Runs around pytest-qt's own teardown, which closes them (and forgets them).
    """
    had_widgets = bool(getattr(item, "qt_widgets", None))
    result = yield
    if had_widgets:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        # Their Python side (and the plots' parentless menus it owns) is in cycles that
        # only a full collection frees (~0.3 s: not after every test).
        gc.collect()
    return result


# -- the main window --------------------------------------------------------------------


@pytest.fixture
def prefs(tmp_path):
    """Preferences in a temporary ini file: tests never touch the user's."""
    from PySide6.QtCore import QSettings

    from lstm_viz.app.preferences import Preferences

    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, prefs):
    """A shown main window on a small LSTM (English again afterwards)."""
    from lstm_viz import i18n
    from lstm_viz.app.main_window import MainWindow
    from lstm_viz.app.session import Session
    from lstm_viz.state.settings import Settings

    session = Session(Settings(hidden_size=6, length=12))
    win = MainWindow(session, prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    i18n.set_language("en")
    session.shutdown()
