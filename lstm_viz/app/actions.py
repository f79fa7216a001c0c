"""The window's actions: one QAction per command, with its shortcut and tooltip.

Menus, buttons and the shortcuts dialog all use these, so a command has one
name, one key and one behaviour wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from .session import Session


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def playback_actions(session: Session, owner: QWidget) -> dict[str, QAction]:
    """Transport actions bound to ``session``; their shortcuts work window-wide."""
    style = owner.style()
    sp = QStyle.StandardPixmap

    def make(
        name: str, text: str, keys: list[str], icon: QStyle.StandardPixmap, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(style.standardIcon(icon), text, owner)
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
        "play": make("play", _tr("Play"), ["Space"], sp.SP_MediaPlay, session.toggle_play),
        "prev_stage": make(
            "prev_stage", _tr("Previous stage"), ["Left"], sp.SP_MediaSeekBackward,
            session.previous_stage,
        ),
        "next_stage": make(
            "next_stage", _tr("Next stage"), ["Right"], sp.SP_MediaSeekForward,
            session.next_stage,
        ),
        "prev_step": make(
            "prev_step", _tr("Previous step"), ["Shift+Left"], sp.SP_MediaSkipBackward,
            session.previous_step,
        ),
        "next_step": make(
            "next_step", _tr("Next step"), ["Shift+Right"], sp.SP_MediaSkipForward,
            session.next_step,
        ),
        "start": make("start", _tr("Go to start"), ["Home"], sp.SP_ArrowBack, session.to_start),
        "end": make("end", _tr("Go to end"), ["End"], sp.SP_ArrowForward, session.to_end),
    }  # fmt: skip
    loop = QAction(_tr("Loop"), owner)
    loop.setObjectName("action_loop")
    loop.setCheckable(True)
    loop.setChecked(session.loop)
    loop.setShortcut(QKeySequence("L"))
    loop.setToolTip(_tr("Start again at the end (L)"))
    loop.toggled.connect(session.set_loop)
    session.loopChanged.connect(loop.setChecked)
    owner.addAction(loop)
    actions["loop"] = loop

    play = actions["play"]

    def show_playing(playing: bool) -> None:
        play.setText(_tr("Pause") if playing else _tr("Play"))
        # Ask for the style now: a theme change replaces the application's style.
        play.setIcon(owner.style().standardIcon(sp.SP_MediaPause if playing else sp.SP_MediaPlay))
        play.setToolTip(f"{play.text()} (Space)")

    session.playingChanged.connect(show_playing)
    show_playing(session.playing)
    return actions


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


__all__ = ["describe_shortcuts", "plain_action", "playback_actions"]
