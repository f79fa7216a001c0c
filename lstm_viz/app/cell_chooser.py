"""Which cell of a stacked or bidirectional model the views show, and an RNN's nonlinearity.

The whole stack is computed once, so choosing another layer or direction recomputes
nothing (``Results.select``); the settings panel places these rows in its form.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLayout, QWidget

from ..i18n import tr
from ..state.limits import RANGES
from ..state.results import Results, nonlinearity_of
from ..state.settings import Settings
from .combos import choice_combo, set_item_texts
from .number_box import NumberBox
from .session import Session

__all__ = ["CellChooser"]


class CellChooser:
    """The layer/direction row (shown for a stack of several cells) and the
    nonlinearity row (shown for an RNN), added to a form by ``add_row``."""

    def __init__(self, add_row: Callable[[QWidget | QLayout], QLabel]) -> None:
        self.layer = NumberBox(RANGES["layer"])
        self.direction = choice_combo("direction")
        row = QHBoxLayout()
        row.addWidget(self.layer, 1)
        row.addWidget(self.direction, 1)
        self.layer_label = add_row(row)
        self.nonlinearity = choice_combo("nonlinearity")
        self.nonlinearity_label = add_row(self.nonlinearity)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        """The boxes whose signals a sync blocks."""
        return (self.layer, self.direction, self.nonlinearity)

    def connect(self, session: Session) -> None:
        self.layer.valueChanged.connect(lambda v: session.apply(layer=v))
        self.direction.activated.connect(
            lambda _i: session.apply(direction=self.direction.currentData())
        )
        self.nonlinearity.activated.connect(
            lambda _i: session.apply(nonlinearity=self.nonlinearity.currentData())
        )

    def retranslate(self) -> None:
        set_item_texts(self.direction, {"forward": tr("forward"), "reverse": tr("reverse")})
        set_item_texts(self.nonlinearity, {"tanh": "tanh", "relu": "ReLU"})

    def sync(self, s: Settings, r: Results, model: QComboBox) -> None:
        """Show the cell ``r`` shows; ``model``'s RNN item names the nonlinearity."""
        stack = r.stack
        self.layer.setValue(r.layer)
        self.direction.setCurrentIndex(self.direction.findData(s.direction))
        several = stack is not None and (stack.num_layers > 1 or stack.bidirectional)
        for w in (self.layer_label, self.layer, self.direction):
            w.setVisible(several)
        self.layer.setEnabled(stack is not None and stack.num_layers > 1)
        self.direction.setEnabled(stack is not None and stack.bidirectional)
        nonlinearity = nonlinearity_of(s, r.weights)
        self.nonlinearity.setCurrentIndex(self.nonlinearity.findData(nonlinearity))
        set_item_texts(model, {"rnn": tr("RNN (tanh)") if nonlinearity == "tanh" else "RNN (ReLU)"})
        for w in (self.nonlinearity_label, self.nonlinearity):
            w.setVisible(r.kind == "rnn")
        # A file that records its nonlinearity decides it; a bare nn.RNN state_dict cannot.
        recorded = r.weights is not None and not getattr(r.weights, "nonlinearity_assumed", True)
        self.nonlinearity.setEnabled(not recorded)
