"""Every plot panel's name at once: buttons that wrap into rows instead of a tab bar
that hides its last tabs behind scroll arrows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QWidget,
)

__all__ = ["PanelPicker"]


class PanelPicker(QWidget):
    """Chooses the page of ``tabs`` (whose own tab bar it hides), one button per page.

    The buttons flow into as many rows as the width needs, so every name is
    always shown in full; the current page's button is checked.
    """

    GAP = 3
    MARGIN = 4

    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        tabs.tabBar().hide()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        for index in range(tabs.count()):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.group.addButton(button, index)
            self.buttons.append(button)
        self.group.idClicked.connect(tabs.setCurrentIndex)
        tabs.currentChanged.connect(self._show_current)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.refresh()

    def names(self) -> list[str]:
        """The buttons' texts, in page order."""
        return [b.text() for b in self.buttons]

    def refresh(self) -> None:
        """The pages' titles (again after a language change) and the current page."""
        for index, button in enumerate(self.buttons):
            button.setText(self.tabs.tabText(index))
        self._show_current(self.tabs.currentIndex())
        self._flow(self.width(), place=True)
        self.updateGeometry()

    def _show_current(self, index: int) -> None:
        if 0 <= index < len(self.buttons):
            self.buttons[index].setChecked(True)

    def _flow(self, width: int, *, place: bool) -> int:
        """Lay the buttons out in rows ``width`` wide; the height they take."""
        m, gap = self.MARGIN, self.GAP
        x, y, row_h = m, m, 0
        for button in self.buttons:
            size = button.sizeHint()
            if x > m and x + size.width() > width - m:
                x, y = m, y + row_h + gap
                row_h = 0
            if place:
                button.setGeometry(x, y, size.width(), size.height())
            x += size.width() + gap
            row_h = max(row_h, size.height())
        return y + row_h + m

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._flow(width, place=False)

    def sizeHint(self) -> QSize:
        widest = max((b.sizeHint().width() for b in self.buttons), default=0)
        return QSize(widest + 2 * self.MARGIN, self.heightForWidth(max(self.width(), widest)))

    def minimumSizeHint(self) -> QSize:
        # The rows the current width needs, not the one-button-a-row column of the
        # narrowest width: with a dozen panels that column alone would be taller
        # than a laptop's dock column, and the window would outgrow the screen.
        narrowest = max((b.sizeHint().width() for b in self.buttons), default=0) + 2 * self.MARGIN
        return QSize(narrowest, self.heightForWidth(max(self.width(), narrowest)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._flow(event.size().width(), place=True)
        if self.heightForWidth(event.size().width()) != self.heightForWidth(
            event.oldSize().width()
        ):
            self.updateGeometry()  # fewer or more rows: the dock's minimum follows

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # The tab widget hears the change too, maybe after this: let it rename its
            # pages first (renaming twice is harmless), so the buttons read the new names.
            retranslate = getattr(self.tabs, "retranslate", None)
            if callable(retranslate):
                retranslate()
            self.refresh()
        super().changeEvent(event)
