"""A number box that shows its value exactly and refuses, in words, what it cannot take.

``QSpinBox`` holds only 32-bit integers and ``QDoubleSpinBox`` a fixed number
of decimals, and both bend what they are given to fit: a seed of 3·10⁹ raises
``OverflowError``, a bias of 50 in a ±20 box is shown as 20, a typed 100000 in
a box that stops at 1000 becomes 100. :class:`NumberBox` keeps the arrows and
the keys of a spin box but holds any Python number, shows it with every digit
it has, steps only inside its :class:`~lstm_viz.state.limits.Range`, and
returns a typed value outside that range with :attr:`NumberBox.refused` (the
box shows its last good value again).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QSizePolicy, QWidget

from ..i18n_marks import Sentence
from ..state.limits import Range

__all__ = ["NumberBox", "number_text", "parse_number"]

Number = int | float


def number_text(value: Number) -> str:
    """``value`` with all its digits: whole numbers as integers, others in the
    shortest form that reads back as the same float (``0.1``, ``50``, ``1e-07``)."""
    if isinstance(value, int | np.integer):
        return str(int(value))
    text = repr(float(value))
    return text.removesuffix(".0")


def parse_number(text: str, whole: bool) -> Number | str:
    """The number ``text`` writes, or ``text`` itself when it writes none.

    For a whole-number box a float that is exactly a whole number (``3e9``) is
    taken as that integer; any other float is returned as it is, for the range
    to refuse.
    """
    text = text.strip()
    if whole:
        try:
            return int(text)
        except ValueError:
            pass
    try:
        number = float(text)
    except ValueError:
        return text
    # Only while the float holds the integer exactly (so 1e308 is refused as 1e+308).
    if whole and abs(number) <= 2**53 and number.is_integer():
        return int(number)
    return number


class NumberBox(QAbstractSpinBox):
    """A spin box for one number in ``limits``.

    Signals
    -------
    valueChanged(value)
        A new value: typed and confirmed (Enter, or leaving the box), stepped
        (arrows, keys, wheel; never beyond the range) or set by :meth:`setValue`.
    refused(sentence)
        Typed text that is not a number in the range, as a marked
        :class:`~lstm_viz.i18n_marks.Sentence` saying why; the value is unchanged.
    """

    valueChanged = Signal(object)
    refused = Signal(object)

    def __init__(self, limits: Range, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limits = limits
        self._value: Number = limits.clamp(0 if limits.whole else 0.0)
        self.lineEdit().setText(number_text(self._value))
        self.editingFinished.connect(self._typed)
        # May shrink to its minimum size hint (a spin box's policy keeps its full hint).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, self.sizePolicy().verticalPolicy())

    def value(self) -> Number:
        return self._value

    def setValue(self, value: Number) -> None:
        """Show ``value`` exactly (even outside the range: a loaded file may hold one)."""
        changed = value != self._value
        self._value = value
        self.lineEdit().setText(number_text(value))
        if changed:
            self.valueChanged.emit(value)

    # -- typing ---------------------------------------------------------------

    def _typed(self) -> bool:
        """Take the typed text (if it changed); whether the value is now what was typed."""
        text = self.lineEdit().text()
        if text == number_text(self._value):
            return True
        number = parse_number(text, self.limits.whole)
        problem: Sentence | None = self.limits.problem(number)
        if problem is not None:
            self.lineEdit().setText(number_text(self._value))
            self.refused.emit(problem)
            return False
        self.setValue(number)
        return True

    # -- stepping -------------------------------------------------------------

    def stepBy(self, steps: int) -> None:
        if not self._typed():  # a pending typed value first, as QSpinBox does
            return
        moved = self.limits.clamp(self._value + steps * self.limits.step)
        # Whole boxes stay integers; others drop the float noise of 0.1 + 0.2.
        self.setValue(int(moved) if self.limits.whole else round(moved, 12))
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.isReadOnly():
            return flags
        if self._value < self.limits.high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self._value > self.limits.low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    # -- size -----------------------------------------------------------------

    def sizeHint(self) -> QSize:
        """Wide enough for the range's ends (and the arrows)."""
        return self._fitting(10)

    def minimumSizeHint(self) -> QSize:
        # A longer number scrolls in the box: a narrow dock keeps every row on screen.
        return self._fitting(6)

    def _fitting(self, digits: int) -> QSize:
        """The size that shows the range's ends up to ``digits`` characters."""
        hint = super().sizeHint()
        texts = (number_text(self.limits.low), number_text(self.limits.high))
        width = max(self.fontMetrics().horizontalAdvance(t[:digits] + " ") for t in texts)
        return QSize(hint.width() + width, hint.height())
