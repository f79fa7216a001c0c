"""What-if in the window: edit one token or value, or force one gate, and undo.

The :class:`WhatIfController` owns the list of edits (a
:class:`~lstm_viz.state.whatif.WhatIf`) and gives the session the edited results;
any other change of the results (a new setting) ends the what-if. The
:class:`WhatIfBar` is its row of controls in the Text panel, acting at the
cursor's step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import error_text, tr
from ..plots.text_panel import TextPanel
from ..state.results import Results
from ..state.text_view import shown_token
from ..state.timeline import Cursor
from ..state.whatif import (
    CLAMP_VALUES,
    Edit,
    GateClamp,
    TokenEdit,
    ValueEdit,
    WhatIf,
    clampable_gates,
)
from .session import Session

__all__ = ["WhatIfBar", "WhatIfController", "install_what_if"]


class WhatIfController(QObject):
    """The edits applied to the session's comparison, one undo at a time.

    Signals
    -------
    changed(object)
        The original (unedited) current results while a what-if is shown, else ``None``.
    failed(str)
        An edit could not apply: why, in the current language (the results stay).
    """

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._what: WhatIf | None = None
        session.resultsChanged.connect(self._results_changed)

    @property
    def edits(self) -> tuple[Edit, ...]:
        return () if self._what is None else self._what.edits

    @property
    def original(self) -> Results | None:
        return None if self._what is None else self._what.original.current_results

    def apply(self, edit: Edit) -> bool:
        """Add ``edit`` to the edits shown; ``False`` (and ``failed``) if it cannot apply."""
        if not self._ready():
            return False
        base = self._what or WhatIf(self.session.wait_comparison())  # edits rerun every kind
        try:
            what = base.then(edit)
        except ValueError as err:
            self.failed.emit(error_text(err))
            return False
        self._show(what)
        return True

    def undo(self) -> None:
        """Take back the last edit (the original results once none is left)."""
        if self._what is not None and self._ready():
            self._show(self._what.undo())

    def _ready(self) -> bool:
        """No long change is computing: an edit (or its undo) would show results the
        change is about to replace, and the first edit would wait for it."""
        if self.session.computing is None:
            return True
        self.failed.emit(tr("A change is being computed: edit once its results are shown."))
        return False

    def _show(self, what: WhatIf) -> None:
        self._what = what if what.edits else None
        self.session.show_edited(what.edited)
        self.changed.emit(self.original)

    def _results_changed(self, _results: Results) -> None:
        if self._what is not None and self.session.comparison is not self._what.edited:
            self._what = None  # new settings: the edits belonged to the old results
            self.changed.emit(None)


class WhatIfBar(QWidget):
    """Replace the token (or value) at the cursor's step, or force a gate there; undo."""

    def __init__(self, controller: WhatIfController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.session = controller.session
        self.setObjectName("whatIfBar")
        self.where = QLabel()
        self.token = QLineEdit()
        self.token.setMaximumWidth(90)
        self.feature = QSpinBox()
        self.feature.setMinimum(1)
        self.replace_button = QPushButton()
        self.gate = QComboBox()
        self.unit = QSpinBox()
        self.unit.setMinimum(0)
        self.value = QComboBox()
        self.clamp_button = QPushButton()
        self.undo_button = QPushButton()
        self.message = QLabel()
        self.message.setObjectName("whatIfMessage")
        self.unit_label = QLabel()
        # Two short rows that never widen the dock column (a narrow one clips them).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 0, 6, 0)
        rows.setSpacing(2)
        rows.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        edit, force = QHBoxLayout(), QHBoxLayout()
        for w in (self.where, self.token, self.feature, self.replace_button, self.undo_button):
            edit.addWidget(w)
        edit.addStretch(1)
        for w in (self.gate, self.unit_label, self.unit, self.value, self.clamp_button):
            force.addWidget(w)
        force.addWidget(self.message, 1)
        rows.addLayout(edit)
        rows.addLayout(force)
        self.replace_button.clicked.connect(self._replace)
        self.token.returnPressed.connect(self._replace)
        self.clamp_button.clicked.connect(self._clamp)
        self.undo_button.clicked.connect(controller.undo)
        self.gate.activated.connect(lambda _i: self._fill_values())
        controller.failed.connect(self.message.setText)
        controller.changed.connect(lambda _o: self._show_edits())
        self.session.resultsChanged.connect(lambda _r: self._new_results())
        self.session.cursorChanged.connect(self._show_cursor)
        self.retranslate()
        self._new_results()

    # -- what it shows ------------------------------------------------------------

    def _new_results(self) -> None:
        r = self.session.results
        text = r.text is not None
        self.feature.setVisible(not text and r.sequence.values.shape[1] > 1)
        self.feature.setMaximum(r.sequence.values.shape[1])
        gates = clampable_gates(r.model)
        chosen = self.gate.currentData()
        self.gate.clear()
        for name in gates:
            self.gate.addItem(name, name)
        self.gate.setCurrentIndex(max(0, self.gate.findData(chosen)))
        for w in (self.gate, self.unit, self.unit_label, self.value, self.clamp_button):
            w.setEnabled(bool(gates))
        self.unit.setMaximum(r.model.hidden_size - 1)
        self._fill_values()
        self._show_cursor(self.session.cursor)
        self._show_edits()

    def _fill_values(self) -> None:
        chosen = self.value.currentData()
        gate = self.gate.currentData()
        low, high = CLAMP_VALUES["tanh" if gate in ("g", "n") else "sigmoid"]
        self.value.clear()
        if low == 0.0:
            self.value.addItem(tr("shut (0)"), low)
            self.value.addItem(tr("open (1)"), high)
        else:
            self.value.addItem("−1", low)
            self.value.addItem("+1", high)
        self.value.setCurrentIndex(max(0, self.value.findData(chosen)))

    def _show_cursor(self, cursor: Cursor) -> None:
        r = self.session.results
        t = min(cursor.t, r.steps - 1)
        labels = r.sequence.step_labels
        if labels:
            self.where.setText(
                tr("What if step {t} ({token}) read").format(t=t + 1, token=shown_token(labels[t]))
            )
        else:
            self.where.setText(tr("What if step {t} read").format(t=t + 1))

    def _show_edits(self) -> None:
        n = len(self.controller.edits)
        self.undo_button.setEnabled(n > 0)
        self.message.setText(tr("{n} edit(s)").format(n=n) if n else "")
        self.message.setToolTip(tr("The original is shown faint beside the edit") if n else "")

    # -- what it does -------------------------------------------------------------

    def _replace(self) -> None:
        r = self.session.results
        t = min(self.session.cursor.t, r.steps - 1)
        typed = self.token.text()
        if r.text is not None:
            self.controller.apply(TokenEdit(t, typed))
            return
        try:
            value = float(typed.replace("−", "-"))
        except ValueError:
            self.message.setText(tr("{text!r} is not a number").format(text=typed))
            return
        self.controller.apply(ValueEdit(t, self.feature.value() - 1, value))

    def _clamp(self) -> None:
        r = self.session.results
        t = min(self.session.cursor.t, r.steps - 1)
        gate = self.gate.currentData()
        if gate is not None:
            self.controller.apply(
                GateClamp(t, gate, self.unit.value(), float(self.value.currentData()))
            )

    # -- language -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.token.setPlaceholderText(tr("token or value"))
        self.token.setToolTip(
            tr("The token (a text) or the value (numbers) this step reads instead")
        )
        self.feature.setToolTip(tr("Which feature of the input to change"))
        self.replace_button.setText(tr("Replace"))
        self.gate.setToolTip(tr("The gate to force at this step"))
        self.unit_label.setText(tr("unit"))
        self.clamp_button.setText(tr("Force gate"))
        self.clamp_button.setToolTip(
            tr(
                "Force this gate of this unit shut or open at the cursor's step and run the "
                "rest of the sequence again"
            )
        )
        self.undo_button.setText(tr("Undo"))
        self.undo_button.setToolTip(tr("Take back the last edit"))
        self._fill_values()
        self._show_cursor(self.session.cursor)
        self._show_edits()


def install_what_if(session: Session, text: TextPanel) -> WhatIfBar:
    """The what-if controls in the Text panel, bound to ``session``."""
    controller = WhatIfController(session, text)
    bar = WhatIfBar(controller)
    text.add_row(bar)
    controller.changed.connect(text.set_original)
    return bar
