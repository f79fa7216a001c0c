"""The "About the LSTM" dialog, the keyboard shortcuts dialog and "About lstm-viz".

The page the first dialog shows is built in :mod:`lstm_viz.app.about_text`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from importlib import metadata

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..i18n import tr
from .about_text import COLOURS, TOUR_LINK, about_lstm_html
from .tour import show_tour

__all__ = ["AboutDialog", "ShortcutsDialog", "about_app_text", "about_lstm_html"]


def about_app_text() -> str:
    """Rich text for the small "About lstm-viz" message box."""
    try:
        pg = metadata.version("pyqtgraph")
    except metadata.PackageNotFoundError:
        pg = "?"
    import numpy as np

    title = html.escape(tr("lstm-viz {version}").format(version=__version__))
    what = html.escape(
        tr(
            "See inside an LSTM: an animated cell diagram and live gradient plots, with "
            "every number computed exactly by a NumPy engine.",
        )
    )
    libs = html.escape(
        tr("Built with NumPy {numpy}, Qt {qt} through PySide6, and pyqtgraph {pg}.").format(
            numpy=np.__version__, qt=qVersion(), pg=pg
        )
    )
    return f"<h3>{title}</h3><p>{what}</p><p>{libs}</p>"


class AboutDialog(QDialog):
    """The "About the LSTM" page in a scrollable, read-only browser."""

    def __init__(self, parent: QWidget | None = None, dark: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About the LSTM"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(16)
        colours = COLOURS[bool(dark)]
        pal = self.browser.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(colours["base"]))
        pal.setColor(QPalette.ColorRole.Text, QColor(colours["text"]))
        self.browser.setPalette(pal)
        self.browser.setHtml(about_lstm_html(dark))
        self.browser.anchorClicked.connect(self._follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def _follow(self, url: QUrl) -> None:
        """A "show it" link: open the window's tour at that chapter and close the page."""
        text = url.toString()
        window = self.parent()
        if text.startswith(TOUR_LINK) and isinstance(window, QMainWindow):
            show_tour(window, window, chapter_named=text[len(TOUR_LINK) :])  # type: ignore[arg-type]
            self.accept()


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts as a two-column table: key, what it does."""

    def __init__(self, shortcuts: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        table = QTableWidget(len(shortcuts), 2, self)
        table.setHorizontalHeaderLabels(
            [
                tr("Key"),
                tr("Action"),
            ]
        )
        for row, (keys, text) in enumerate(shortcuts):
            key_item = QTableWidgetItem(keys)
            font = key_item.font()
            font.setBold(True)
            key_item.setFont(font)
            table.setItem(row, 0, key_item)
            table.setItem(row, 1, QTableWidgetItem(text))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        table.resizeColumnToContents(0)
        # Room between the keys and their meaning (the bold keys measure a little short).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, table.columnWidth(0) + 24)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        rows = table.verticalHeader().length() + header.height()
        self.resize(480, min(640, rows + 90))

    def pairs(self) -> list[tuple[str, str]]:
        """The (key, description) pairs on display, in order."""
        t = self.table
        return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]
