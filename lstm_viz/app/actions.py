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
from ..i18n_marks import tr_noop
from .icons import transport_icon
from .session import Session


def playback_actions(session: Session, owner: QWidget) -> dict[str, QAction]:
    """Transport actions bound to ``session``; their shortcuts work window-wide."""

    def make(name: str, text: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(owner)
        action.setObjectName(f"action_{name}")
        action.setShortcuts([QKeySequence(k) for k in keys])
        shortcut = " / ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
        )
        set_source_text(action, text, keys=shortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    actions = {
        "play": make("play", tr_noop("Play"), ["Space"], session.toggle_play),
        "prev_stage": make(
            "prev_stage", tr_noop("Previous stage"), ["Left"], session.previous_stage
        ),
        "next_stage": make("next_stage", tr_noop("Next stage"), ["Right"], session.next_stage),
        "prev_step": make(
            "prev_step", tr_noop("Previous step"), ["Shift+Left"], session.previous_step
        ),
        "next_step": make("next_step", tr_noop("Next step"), ["Shift+Right"], session.next_step),
        "start": make("start", tr_noop("Go to start"), ["Home"], session.to_start),
        "end": make("end", tr_noop("Go to end"), ["End"], session.to_end),
    }
    loop = QAction(owner)
    loop.setObjectName("action_loop")
    loop.setCheckable(True)
    loop.setChecked(session.loop)
    loop.setShortcut(QKeySequence("L"))
    set_source_text(loop, tr_noop("Loop"), tip=tr_noop("Start again at the end (L)"))
    loop.toggled.connect(session.set_loop)
    session.loopChanged.connect(loop.setChecked)
    owner.addAction(loop)
    actions["loop"] = loop

    play = actions["play"]

    def show_playing(playing: bool) -> None:
        set_source_text(play, tr_noop("Pause") if playing else tr_noop("Play"), keys="Space")
        paint_icons(actions, playing)

    session.playingChanged.connect(show_playing)
    show_playing(session.playing)
    return actions


def paint_icons(actions: dict[str, QAction], playing: bool | None = None) -> None:
    """(Re)draw the transport icons in the current palette's text colour."""
    colour = QApplication.palette().color(QPalette.ColorRole.ButtonText)
    if playing is None:
        playing = actions["play"].property(SOURCE) == "Pause"
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


# Where an action keeps its untranslated words, so it can say them again in a new language.
SOURCE, TIP, KEYS = "lstm_viz_text", "lstm_viz_tip", "lstm_viz_keys"


def set_source_text(action: QAction, text: str, *, tip: str = "", keys: str = "") -> None:
    """Give ``action`` its English ``text`` (and ``tip``, or the text plus its ``keys``),
    shown translated now and again by :func:`retranslate_actions`."""
    action.setProperty(SOURCE, text)
    action.setProperty(TIP, tip)
    action.setProperty(KEYS, keys)
    _say(action)


def _say(action: QAction) -> None:
    text = tr(action.property(SOURCE))
    action.setText(text)
    tip, keys = action.property(TIP), action.property(KEYS)
    if tip:
        action.setToolTip(tr(tip))
    elif keys:
        action.setToolTip(f"{text.replace('&', '')} ({keys})")


def retranslate_actions(owner: QObject) -> None:
    """Say every action under ``owner`` (menus' included) in the current language."""
    for action in owner.findChildren(QAction):
        if action.property(SOURCE):
            _say(action)


def plain_action(
    owner: QObject, text: str, slot: Callable[..., object], shortcut: str = ""
) -> QAction:
    """A menu action with an optional shortcut; ``text`` is English, marked with
    ``tr_noop`` (the action translates it, now and on every language change)."""
    action = QAction(owner)
    set_source_text(action, text)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


__all__ = [
    "describe_shortcuts",
    "paint_icons",
    "plain_action",
    "playback_actions",
    "retranslate_actions",
    "set_source_text",
]
