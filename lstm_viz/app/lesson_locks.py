"""Settings a lesson locks: disabled, named above the form, and one click to free them.

A lock is guidance, not a cage: the note says which settings the lesson keeps
fixed, each locked control's tooltip says why it does not respond, and Unlock
lets every setting be changed again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..i18n import tr

#: A setting's row in the form: its label (None when it has no row of its own) and the
#: widgets that change it.
Row = tuple[QLabel | None, tuple[QWidget, ...]]


def setting_name(rows: dict[str, Row], setting: str) -> str:
    """A setting as the form names it (its row label), in the current language."""
    label = rows.get(setting, (None, ()))[0]
    return label.text() if label is not None else setting.replace("_", " ")


class LessonLocks:
    """The locked settings of one form, their note and the Unlock button (in :attr:`row`).

    ``changed`` is called when the locks change (the form then redraws itself,
    calling :meth:`show`).
    """

    def __init__(self, changed: Callable[[], None]) -> None:
        self.locks: tuple[str, ...] = ()
        self._changed = changed
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.unlock = QPushButton()
        self.unlock.clicked.connect(lambda: self.set(()))
        self.row = QHBoxLayout()
        self.row.addWidget(self.note, 1)
        self.row.addWidget(self.unlock)
        self.note.hide()
        self.unlock.hide()

    def set(self, locks: tuple[str, ...]) -> None:
        self.locks = tuple(locks)
        self._changed()

    def show(self, rows: dict[str, Row], tooltips: dict[QWidget, str]) -> None:
        """Disable the locked widgets and say so; every other widget of ``rows`` keeps
        its own tooltip from ``tooltips`` (all in the current language)."""
        locked = {w for name in self.locks for w in rows.get(name, (None, ()))[1]}
        for w in locked:
            w.setEnabled(False)
        names = tr(", ").join(setting_name(rows, n) for n in self.locks)
        self.note.setText(tr("Locked by the lesson: {names}").format(names=names))
        self.note.setVisible(bool(self.locks))
        self.unlock.setVisible(bool(self.locks))
        self.unlock.setText(tr("Unlock"))
        self.unlock.setToolTip(tr("Let every setting be changed again"))
        locked_tip = tr("Locked by the lesson (Unlock to change it)")
        lockable = {w for _label, widgets in rows.values() for w in widgets}
        for w in (*tooltips, *lockable):
            w.setToolTip(locked_tip if w in locked else tooltips.get(w, ""))
