"""Pinning a wide model's units from the window: the strips' context menu and View → Units….

A model wider than its strips (see :mod:`lstm_viz.state.units`) draws 24 chosen
units. Right-clicking one of them offers "Pin unit 17" (or "Unpin unit 17") and
"Clear pins"; View → Units… takes a typed list ("3, 17, 40-44") and refuses a bad
one with a message naming what is wrong, keeping the last good pins. Every choice
is a ``pinned_units`` change of the :class:`.ViewController`, so scenarios save it
like every other view field and the diagram follows its ``changed`` signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ..diagram.unit_hit import unit_at
from ..i18n import tr
from ..i18n_core import error_text
from ..i18n_marks import tr_noop
from ..state.units import TOP_K, UnitChoice, UnitListError, layer_rows, parse_units
from .actions import plain_action, set_source_text

__all__ = ["UnitPins", "UnitsDialog", "format_units"]


def format_units(units: tuple[int, ...]) -> str:
    """Unit numbers as a list to edit, runs of three or more as ranges: ``3, 17, 40-44``."""
    parts: list[str] = []
    run: list[int] = []
    for u in (*sorted(units), None):
        if run and (u is None or u != run[-1] + 1):
            parts += [f"{run[0]}-{run[-1]}"] if len(run) >= 3 else [str(r) for r in run]
            run = []
        if u is not None:
            run.append(u)
    return ", ".join(parts)


class UnitsDialog(QDialog):
    """A line to type the pinned units in; OK keeps the dialog open on a bad list.

    Parameters
    ----------
    pins
        The pins now (numbered from 1).
    size
        How many units the model has (the largest number accepted).
    """

    def __init__(self, pins: tuple[int, ...], size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Units"))
        self.size = size
        #: The accepted pins (set when OK took a good list).
        self.units: tuple[int, ...] = pins
        intro = QLabel(
            tr(
                "The strips draw {k} of the model's {n} units: the ones pinned here, "
                "then the most active. Type unit numbers from 1 to {n}, with ranges "
                "such as 40-44; leave it empty for the most active alone."
            ).format(k=TOP_K, n=size)
        )
        intro.setWordWrap(True)
        self.edit = QLineEdit(format_units(pins))
        self.edit.setPlaceholderText(tr("e.g. 3, 17, 40-44"))
        self.edit.textEdited.connect(lambda _text: self.message.clear())
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("error")  # the theme's colour for errors
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        for w in (intro, self.edit, self.message, buttons):
            layout.addWidget(w)

    def accept(self) -> None:
        """Take the typed list, or say what is wrong with it and stay open."""
        try:
            self.units = parse_units(self.edit.text(), self.size)
        except UnitListError as err:
            self.message.setText(error_text(err))
            self.edit.setFocus()
            return
        super().accept()


class UnitPins(QObject):
    """The pin menu of the diagram's strips and the View → Units… action of a window.

    Parameters
    ----------
    window
        The main window: its ``view`` (the diagram view), ``diagram``, ``session``,
        ``view_controller`` and View menu (the one holding ``unrolled_action``).
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view
        # The pins the window starts with (remembered, or a scenario's).
        window.diagram.set_pinned_units(self.pins)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.units_action: QAction = plain_action(window, tr_noop("Units…"), self.choose_units)
        #: The menu shown last (kept so that it lives while it is open).
        self.menu: QMenu | None = None
        #: The Units dialog while it is open.
        self.dialog: UnitsDialog | None = None
        for menu_action in window.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None and window.unrolled_action in menu.actions():
                menu.insertAction(window.full_screen_action, self.units_action)
                menu.aboutToShow.connect(self._refresh)
        self._refresh()

    @property
    def pins(self) -> tuple[int, ...]:
        return self.window.view_controller.state.pinned_units

    def choice(self) -> UnitChoice:
        """What the chosen cell's strips draw now."""
        rows = layer_rows(self.window.session.results, self.pins)
        return next(r.units for r in rows if r.chosen)

    def _refresh(self) -> None:
        wide = self.choice().subset
        self.units_action.setEnabled(wide)
        # Kept as the English source, so a language change says it again.
        set_source_text(
            self.units_action,
            tr_noop("Units…"),
            tip=tr_noop("Choose the units a wide model's strips draw")
            if wide
            else tr_noop("This model's strips draw every unit; pins are for models over 32 units"),
        )

    # -- changes --------------------------------------------------------------

    def set_pins(self, units: tuple[int, ...]) -> None:
        self.window.view_controller.update(pinned_units=tuple(units))

    def pin(self, unit: int) -> None:
        """Pin ``unit`` (numbered from 1)."""
        self.set_pins((*self.pins, unit))

    def unpin(self, unit: int) -> None:
        self.set_pins(tuple(u for u in self.pins if u != unit))

    def clear(self) -> None:
        self.set_pins(())

    # -- the context menu -----------------------------------------------------

    def menu_at(self, pos: QPoint) -> QMenu | None:
        """The menu for a right-click at ``pos`` (viewport coordinates); None when the
        model's strips draw every unit (nothing to pin)."""
        choice = self.choice()
        if not choice.subset:
            return None
        unit = unit_at(self.window.diagram, self.view.mapToScene(pos), choice)
        menu = QMenu(self.view)
        if unit is not None:
            number = unit + 1
            if number in self.pins:
                action = menu.addAction(tr("Unpin unit {u}").format(u=number))
                action.triggered.connect(lambda: self.unpin(number))
            else:
                action = menu.addAction(tr("Pin unit {u}").format(u=number))
                action.triggered.connect(lambda: self.pin(number))
                if len(self.pins) >= TOP_K:
                    action.setEnabled(False)
                    action.setText(tr("Pin unit {u} (at most {k} pins)").format(u=number, k=TOP_K))
        clear = menu.addAction(tr("Clear pins"))
        clear.setEnabled(bool(self.pins))
        clear.triggered.connect(self.clear)
        menu.addSeparator()
        menu.addAction(self.units_action)
        self._refresh()
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.menu_at(pos)
        if menu is None:
            return
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = menu
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- View → Units… --------------------------------------------------------

    def choose_units(self) -> None:
        """Open the Units dialog (window-modal); OK with a good list sets the pins."""
        choice = self.choice()
        if not choice.subset:
            return
        dialog = self.dialog = UnitsDialog(self.pins, choice.size, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_pins(dialog.units))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
