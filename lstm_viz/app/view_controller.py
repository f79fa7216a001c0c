"""The one owner of the window's view state, beside the :class:`.Session`.

The :class:`~lstm_viz.state.view_state.ViewState` is a frozen value; the
controller holds the current one, replaces it on :meth:`ViewController.update`
and says what changed with :attr:`ViewController.changed`. Menus, scenarios,
presentation, the export dialogs and the preferences read it here; widgets
that change it (a dock closed, a tab chosen) call :meth:`ViewController.update`,
and the views follow the signal. Speed and direction are the session's playback
clock too: the controller keeps the two in step, both ways.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from ..state.view_state import ViewState
from .session import Session


class ViewController(QObject):
    """The current :class:`ViewState` of one window, with a signal for every change.

    Parameters
    ----------
    state
        The starting value; its ``speed`` and ``backward`` are given to ``session``.
    session
        The session whose playback speed and direction the view state mirrors.

    Signals
    -------
    changed(ViewState, frozenset)
        The new value and the names of the fields that changed (never empty).
    """

    changed = Signal(object, object)

    def __init__(self, state: ViewState, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._session = session
        if session.speed != state.speed:
            session.set_speed(state.speed)
        if session.backward != state.backward:
            session.set_backward(state.backward)
        # The transport bar and the B key set the session's speed and direction directly.
        session.speedChanged.connect(lambda speed: self.update(speed=speed))
        session.backwardChanged.connect(lambda on: self.update(backward=on))
        if session.hold != state.hold:
            session.set_hold(state.hold)
        session.holdChanged.connect(lambda on: self.update(hold=on))

    @property
    def state(self) -> ViewState:
        """The current view state."""
        return self._state

    def update(self, **changes: Any) -> ViewState:
        """Change some fields (raises ``ViewStateError`` on a bad value, changing nothing).

        Emits :attr:`changed` when something did change; returns the current value.
        """
        new = self._state.replace(**changes)
        changed = self._state.changed_fields(new)
        if not changed:
            return self._state
        self._state = new
        if "speed" in changed and self._session.speed != new.speed:
            self._session.set_speed(new.speed)
        if "backward" in changed and self._session.backward != new.backward:
            self._session.set_backward(new.backward)
        if "hold" in changed and self._session.hold != new.hold:
            self._session.set_hold(new.hold)
        self.changed.emit(new, changed)
        return new
