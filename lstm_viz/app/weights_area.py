"""The weights area of the settings panel: which module of the file, what loading did,
and the loaded model's health on its input.

Two widgets the panel places under its weights row: a chooser of the file's recurrent
modules (shown only when the file has several) and the load report — one line per
fact, the full list of ignored keys on demand. Both are rewritten from the session's
results; choosing a module is ``session.apply(weights_module=…)``.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..engine.io.weights import WeightFile
from ..i18n import say, tr
from ..state.health import Health, check_health
from ..state.load_report import run_report
from .session import Session

__all__ = ["WeightsArea"]

#: steps × H² up to which the health check's backward pass runs in the GUI thread
#: (about a millisecond per 10⁶ on a laptop).
_QUICK_WORK = 5_000_000


class WeightsArea(QWidget):
    """The module chooser and the load report of the session's weight file."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.module = QComboBox()
        self.module_label = QLabel()
        self.module_label.setBuddy(self.module)
        self.report = QLabel()
        self.report.setObjectName("hint")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QToolButton()
        self.details_button.setCheckable(True)
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        self.health = QLabel()
        self.health.setWordWrap(True)
        self.health.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.module_label, self.module)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.report)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        layout.addWidget(self.health)

        self.module.activated.connect(self._module_chosen)
        self.details_button.toggled.connect(self.details.setVisible)
        self.details_button.toggled.connect(lambda _on: self._texts())
        self._health = Health(())
        session.resultsChanged.connect(lambda _r: self.sync())
        self.sync()

    @property
    def weights(self) -> WeightFile | None:
        return self.session.results.weights

    def _module_chosen(self, index: int) -> None:
        self.session.apply(weights_module=self.module.itemData(index))

    def sync(self) -> None:
        """Rewrite both widgets from the session's current weight file."""
        wf = self.weights
        self.setVisible(wf is not None)
        if wf is None:
            return
        several = len(wf.modules) > 1
        with QSignalBlocker(self.module):
            self.module.clear()
            self.module.addItem("", None)  # automatic: the loader's choice, as it says
            for prefix in wf.modules:
                self.module.addItem(prefix or tr("(the file's top level)"), prefix)
            chosen = self.session.settings.weights_module
            if chosen is not None:
                wanted = chosen if chosen == "" or chosen.endswith(".") else chosen + "."
                self.module.setCurrentIndex(max(0, self.module.findData(wanted)))
        for w in (self.module, self.module_label):
            w.setVisible(several)
        results = self.session.results
        # The gradient regime needs a backward pass; in the window only where it is
        # quick (the gradient plots show it for any length).
        quick = results.steps * results.model.hidden_size**2 <= _QUICK_WORK
        self._health = check_health(results, gradients=quick)
        self._texts()

    def retranslate(self) -> None:
        self._texts()

    def _texts(self) -> None:
        wf = self.weights
        if wf is None:
            return
        self.module_label.setText(tr("Module"))
        self.module.setItemText(0, tr("automatic"))
        self.module.setToolTip(tr("Which recurrent module of the file to look at"))
        results = self.session.results
        report = run_report(results) if results.weights is wf else wf.report
        self.report.setText("\n".join(say(line) for line in report.lines()))
        self.details_button.setVisible(bool(report.ignored))
        self.details_button.setText(
            tr("Hide ignored keys") if self.details_button.isChecked() else tr("Ignored keys…")
        )
        self.details.setText(", ".join(report.ignored))
        lines = [tr("Health of this model on this input:")]
        lines += [("⚠ " if f.problem else "· ") + say(f.text) for f in self._health.findings]
        self.health.setText("\n".join(lines))
