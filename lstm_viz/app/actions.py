"""The window's actions: one QAction per command, with its shortcut and tooltip.

Menus, buttons and the shortcuts dialog all use these, so a command has one
name, one key and one behaviour wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ..i18n import tr
from .icons import transport_icon
from .session import Session


def playback_actions(session: Session, owner: QWidget) -> dict[str, QAction]:
    """Transport actions bound to ``session``; their shortcuts work window-wide."""

    def make(name: str, text: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(text, owner)
        action.setObjectName(f"action_{name}")
        action.setShortcuts([QKeySequence(k) for k in keys])
        shortcut = " / ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
        )
        action.setToolTip(f"{text} ({shortcut})" if keys else text)
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    actions = {
        "play": make("play", tr("Play"), ["Space"], session.toggle_play),
        "prev_stage": make("prev_stage", tr("Previous stage"), ["Left"], session.previous_stage),
        "next_stage": make("next_stage", tr("Next stage"), ["Right"], session.next_stage),
        "prev_step": make("prev_step", tr("Previous step"), ["Shift+Left"], session.previous_step),
        "next_step": make("next_step", tr("Next step"), ["Shift+Right"], session.next_step),
        "start": make("start", tr("Go to start"), ["Home"], session.to_start),
        "end": make("end", tr("Go to end"), ["End"], session.to_end),
    }
    loop = QAction(tr("Loop"), owner)
    loop.setObjectName("action_loop")
    loop.setCheckable(True)
    loop.setChecked(session.loop)
    loop.setShortcut(QKeySequence("L"))
    loop.setToolTip(tr("Start again at the end (L)"))
    loop.toggled.connect(session.set_loop)
    session.loopChanged.connect(loop.setChecked)
    owner.addAction(loop)
    actions["loop"] = loop

    play = actions["play"]

    def show_playing(playing: bool) -> None:
        play.setText(tr("Pause") if playing else tr("Play"))
        play.setToolTip(f"{play.text()} (Space)")
        paint_icons(actions, playing)

    session.playingChanged.connect(show_playing)
    show_playing(session.playing)
    return actions


def paint_icons(actions: dict[str, QAction], playing: bool | None = None) -> None:
    """(Re)draw the transport icons in the current palette's text colour."""
    colour = QApplication.palette().color(QPalette.ColorRole.ButtonText)
    if playing is None:
        playing = actions["play"].text() == tr("Pause")
    for name, action in actions.items():
        if name == "loop":
            continue
        shape = "pause" if name == "play" and playing else name
        action.setIcon(transport_icon(shape, colour))


def describe_shortcuts(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, description) pairs for the shortcuts dialog."""
    rows = []
    for a in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()]
        if keys:
            rows.append((" / ".join(keys), a.text().replace("&", "")))
    return rows


def plain_action(
    owner: QObject, text: str, slot: Callable[..., object], shortcut: str = ""
) -> QAction:
    """A menu action with an optional shortcut."""
    action = QAction(text, owner)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


__all__ = ["describe_shortcuts", "paint_icons", "plain_action", "playback_actions"]
