"""The window's menus: File, Playback, View (docks, presentation, theme, language), Help.

Every text is English marked with ``tr_noop`` and kept on its action, so
:func:`.actions.retranslate_actions` can say it again in a new language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ..i18n import current_language
from ..i18n_marks import tr_noop
from ..languages import LANGUAGES
from ..state.vocabulary import THEME_TITLES
from .actions import plain_action, set_source_text
from .scenarios import ScenarioMenu

if TYPE_CHECKING:
    from .main_window import MainWindow


def _menu(parent: QMenuBar | QMenu, text: str) -> QMenu:
    menu = parent.addMenu("")
    set_source_text(menu.menuAction(), text)
    return menu


def _toggle(
    window: MainWindow, text: str, keys: str, slot: Callable[[bool], object], tip: str = ""
) -> QAction:
    """A checkable action that works window-wide (the menu bar hides in presentation)."""
    action = QAction(window)
    set_source_text(action, text, tip=tip)
    action.setCheckable(True)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.toggled.connect(slot)
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """The window's menu bar, and the actions the window and its tests reach by name
    (``window.presentation_action``, ``window.language_actions`` …), set on ``window``."""
    bar = window.menuBar()
    file_menu = _menu(bar, tr_noop("&File"))
    file_menu.addAction(
        plain_action(
            window, tr_noop("Open sequence…"), window.settings_panel.choose_sequence_file, "Ctrl+O"
        )
    )
    file_menu.addAction(
        plain_action(
            window, tr_noop("Load weights…"), window.settings_panel.choose_weights_file, "Ctrl+W"
        )
    )
    file_menu.addSeparator()
    window.scenarios = ScenarioMenu(window)
    window.scenarios.add_to(file_menu)
    file_menu.addSeparator()
    file_menu.addAction(
        plain_action(window, tr_noop("Export frame…"), window.export_frame, "Ctrl+E")
    )
    file_menu.addAction(
        plain_action(window, tr_noop("Export animation…"), window.export_animation, "Ctrl+Shift+E")
    )
    file_menu.addSeparator()
    quit_action = plain_action(window, tr_noop("Quit"), window.close)
    quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
    file_menu.addAction(quit_action)

    play_menu = _menu(bar, tr_noop("&Playback"))
    for name in ("play", "prev_stage", "next_stage", "prev_step", "next_step", "start", "end"):
        play_menu.addAction(window.actions_by_name[name])
    play_menu.addSeparator()
    play_menu.addAction(window.actions_by_name["loop"])
    window.backward_action = _toggle(
        window,
        tr_noop("Backward pass (BPTT)"),
        "B",
        window.session.set_backward,
        tip=tr_noop("Play the gradient flowing back from the last step to the first (B)"),
    )
    window.session.backwardChanged.connect(window.backward_action.setChecked)
    play_menu.addAction(window.backward_action)

    view_menu = _menu(bar, tr_noop("&View"))
    for dock in (window.settings_dock, window.explain_dock, window.plots_dock, window.train_dock):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    window.unrolled_action = _toggle(
        window, tr_noop("Unrolled over time"), "U", window.set_unrolled
    )
    view_menu.addAction(window.unrolled_action)
    window.presentation_action = _toggle(
        window, tr_noop("Presentation"), "F11", window.set_presentation
    )
    view_menu.addAction(window.presentation_action)
    window.reduced_motion_action = _toggle(
        window,
        tr_noop("Reduced motion"),
        "",
        window.set_reduced_motion,
        tip=tr_noop("Fade each stage in instead of moving pulses along the wires"),
    )
    view_menu.addAction(window.reduced_motion_action)
    window.full_screen_action = _toggle(
        window,
        tr_noop("Full screen"),
        "Shift+F11",
        lambda on: window.showFullScreen() if on else window.showNormal(),
    )
    view_menu.addAction(window.full_screen_action)
    view_menu.addSeparator()
    theme_menu = _menu(view_menu, tr_noop("Theme"))
    group = QActionGroup(window)
    window.theme_actions: dict[str, QAction] = {}
    for key, label in THEME_TITLES.items():
        action = QAction(window, checkable=True)
        set_source_text(action, label)
        action.triggered.connect(lambda _c=False, k=key: window.set_theme(k))
        group.addAction(action)
        theme_menu.addAction(action)
        window.theme_actions[key] = action
    language_menu = _menu(view_menu, tr_noop("Language"))
    group = QActionGroup(window)
    window.language_actions: dict[str, QAction] = {}
    for code, name in LANGUAGES.items():
        # Each language is named in itself, so anyone can find their own.
        action = QAction(name, window, checkable=True)
        action.triggered.connect(lambda _c=False, c=code: window.set_language(c))
        group.addAction(action)
        language_menu.addAction(action)
        window.language_actions[code] = action
    window.language_actions[current_language()].setChecked(True)

    help_menu = _menu(bar, tr_noop("&Help"))
    help_menu.addAction(
        plain_action(window, tr_noop("About the LSTM…"), window.show_about_lstm, "F1")
    )
    help_menu.addAction(plain_action(window, tr_noop("Keyboard shortcuts…"), window.show_shortcuts))
    help_menu.addSeparator()
    help_menu.addAction(plain_action(window, tr_noop("About lstm-viz…"), window.show_about_app))
    # Esc leaves presentation mode (and only then is it taken from the widgets).
    window.leave_action = QAction(window)
    window.leave_action.setShortcut(QKeySequence("Escape"))
    window.leave_action.setEnabled(False)
    window.leave_action.triggered.connect(lambda: window.set_presentation(False))
    window.addAction(window.leave_action)
