"""File → Examples: models that come with the app, opened on text every machine has."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from ..i18n import error_text, tr
from ..i18n_marks import tr_noop
from ..state.text_view import showcase_settings
from ..state.view_state import DOCKS
from .actions import plain_action, set_source_text
from .session import Session
from .view_controller import ViewController


def add_examples_menu(
    window: QMainWindow, file_menu: QMenu, session: Session, opened: Callable[[], object]
) -> QMenu:
    """An Examples submenu at the top of ``file_menu``; ``opened`` runs after one opens."""
    menu = QMenu(window)
    set_source_text(menu.menuAction(), tr_noop("Examples"))
    menu.addAction(
        plain_action(
            window,
            tr_noop("Character LSTM reading Python's own source"),
            lambda: open_showcase(window, session) and opened(),
        )
    )
    first = file_menu.actions()[0] if file_menu.actions() else None
    file_menu.insertMenu(first, menu)
    return menu


def open_showcase(window: QMainWindow, session: Session) -> bool:
    """Run the showcase model on a held-out standard-library file."""
    try:
        settings = showcase_settings(session.settings)
    except (OSError, ValueError) as err:
        QMessageBox.warning(window, tr("Examples"), error_text(err))
        return False
    return session.apply(**settings.as_dict())


def show_text_panel(view: ViewController) -> None:
    """Open the Gradients dock on its Text panel."""
    docks = tuple(d for d in DOCKS if d in view.state.docks or d == "plotsDock")
    view.update(panel="text", docks=docks)
