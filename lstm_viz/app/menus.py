"""The window's menus: File, Playback, View (docks, presentation, theme, language), Help.

Every text is English marked with ``tr_noop`` and kept on its action, so
:func:`.actions.retranslate_actions` can say it again in a new language. The
view toggles write the :class:`.ViewController`'s state and show it back
(checked or not) when it changes, whoever changed it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMenuBar

from ..i18n_marks import tr_noop
from ..languages import LANGUAGES
from ..state.view_state import ViewState
from ..state.vocabulary import THEME_TITLES
from .actions import plain_action, set_source_text
from .scenarios import ScenarioMenu
from .tour import show_tour
from .view_controller import ViewController


@dataclass(frozen=True)
class MenuCommands:
    """What the plain menu entries do (the window's dialogs and file choosers)."""

    open_sequence: Callable[[], object]
    load_weights: Callable[[], object]
    export_frame: Callable[[], object]
    export_animation: Callable[[], object]
    about_lstm: Callable[[], object]
    shortcuts: Callable[[], object]
    about_app: Callable[[], object]
    #: The language chosen in View → Language (the window remembers it).
    choose_language: Callable[[str], object]


@dataclass(frozen=True)
class MenuActions:
    """The actions of the menus that the window and its tests reach by name."""

    backward: QAction
    unrolled: QAction
    presentation: QAction
    reduced_motion: QAction
    full_screen: QAction
    leave: QAction
    themes: dict[str, QAction]
    languages: dict[str, QAction]


def _menu(parent: QMenuBar | QMenu, text: str) -> QMenu:
    menu = parent.addMenu("")
    set_source_text(menu.menuAction(), text)
    return menu


def _toggle(
    window: QMainWindow, text: str, keys: str, slot: Callable[[bool], object], tip: str = ""
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


def _choices(
    window: QMainWindow, menu: QMenu, items: dict[str, str], slot: Callable[[str], object], *,
    marked: bool,
) -> dict[str, QAction]:  # fmt: skip
    """One checkable action per item, exclusive; ``marked``: the labels are English."""
    group = QActionGroup(window)
    actions = {}
    for key, label in items.items():
        action = QAction(window, checkable=True)
        if marked:
            set_source_text(action, label)
        else:
            action.setText(label)
        action.triggered.connect(lambda _c=False, k=key: slot(k))
        group.addAction(action)
        menu.addAction(action)
        actions[key] = action
    return actions


def build_menus(
    window: QMainWindow,
    view: ViewController,
    commands: MenuCommands,
    transport: dict[str, QAction],
    docks: Sequence[QDockWidget],
    scenarios: ScenarioMenu,
) -> MenuActions:
    """The window's menu bar; returns the actions others reach by name."""
    bar = window.menuBar()
    file_menu = _menu(bar, tr_noop("&File"))
    file_menu.addAction(
        plain_action(window, tr_noop("Open sequence…"), commands.open_sequence, "Ctrl+O")
    )
    # Not Ctrl+W: that is Close everywhere else.
    file_menu.addAction(
        plain_action(window, tr_noop("Load weights…"), commands.load_weights, "Ctrl+Shift+L")
    )
    file_menu.addSeparator()
    scenarios.add_to(file_menu)
    file_menu.addSeparator()
    file_menu.addAction(
        plain_action(window, tr_noop("Export frame…"), commands.export_frame, "Ctrl+E")
    )
    file_menu.addAction(
        plain_action(
            window, tr_noop("Export animation…"), commands.export_animation, "Ctrl+Shift+E"
        )
    )
    file_menu.addSeparator()
    quit_action = plain_action(window, tr_noop("Quit"), window.close)
    quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
    file_menu.addAction(quit_action)

    play_menu = _menu(bar, tr_noop("&Playback"))
    for name in ("play", "prev_stage", "next_stage", "prev_step", "next_step", "start", "end"):
        play_menu.addAction(transport[name])
    play_menu.addSeparator()
    play_menu.addAction(transport["loop"])
    backward = _toggle(
        window,
        tr_noop("Backward pass (BPTT)"),
        "B",
        lambda on: view.update(backward=on),
        tip=tr_noop("Play the gradient flowing back from the last step to the first (B)"),
    )
    play_menu.addAction(backward)

    view_menu = _menu(bar, tr_noop("&View"))
    for dock in docks:
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    unrolled = _toggle(
        window, tr_noop("Unrolled over time"), "U", lambda on: view.update(unrolled=on)
    )
    view_menu.addAction(unrolled)
    presentation = _toggle(
        window, tr_noop("Presentation"), "F11", lambda on: view.update(presentation=on)
    )
    view_menu.addAction(presentation)
    reduced_motion = _toggle(
        window,
        tr_noop("Reduced motion"),
        "",
        lambda on: view.update(reduced_motion=on),
        tip=tr_noop("Fade each stage in instead of moving pulses along the wires"),
    )
    view_menu.addAction(reduced_motion)
    full_screen = _toggle(
        window,
        tr_noop("Full screen"),
        "Shift+F11",
        lambda on: window.showFullScreen() if on else window.showNormal(),
    )
    view_menu.addAction(full_screen)
    view_menu.addSeparator()
    themes = _choices(
        window,
        _menu(view_menu, tr_noop("Theme")),
        THEME_TITLES,
        lambda key: view.update(theme=key),
        marked=True,
    )
    # Each language is named in itself, so anyone can find their own.
    languages = _choices(
        window,
        _menu(view_menu, tr_noop("Language")),
        LANGUAGES,
        commands.choose_language,
        marked=False,
    )

    help_menu = _menu(bar, tr_noop("&Help"))
    help_menu.addAction(plain_action(window, tr_noop("About the LSTM…"), commands.about_lstm, "F1"))
    help_menu.addAction(plain_action(window, tr_noop("Keyboard shortcuts…"), commands.shortcuts))
    help_menu.addAction(
        plain_action(window, tr_noop("Tour…"), lambda: show_tour(window, scenarios.host))
    )
    help_menu.addSeparator()
    help_menu.addAction(plain_action(window, tr_noop("About lstm-viz…"), commands.about_app))
    # Esc leaves presentation mode (and only then is it taken from the widgets).
    leave = QAction(window)
    leave.setShortcut(QKeySequence("Escape"))
    leave.triggered.connect(lambda: view.update(presentation=False))
    window.addAction(leave)

    actions = MenuActions(
        backward=backward,
        unrolled=unrolled,
        presentation=presentation,
        reduced_motion=reduced_motion,
        full_screen=full_screen,
        leave=leave,
        themes=themes,
        languages=languages,
    )
    view.changed.connect(lambda state, _changed: show_view_state(actions, state))
    show_view_state(actions, view.state)
    return actions


def show_view_state(actions: MenuActions, state: ViewState) -> None:
    """Check the actions as ``state`` has it (a no-op for those already right)."""
    for action, on in (
        (actions.backward, state.backward),
        (actions.unrolled, state.unrolled),
        (actions.presentation, state.presentation),
        (actions.reduced_motion, state.reduced_motion),
        (actions.themes[state.theme], True),
        (actions.languages[state.language], True),
    ):
        if action.isChecked() != on:
            action.setChecked(on)
    actions.leave.setEnabled(state.presentation)
