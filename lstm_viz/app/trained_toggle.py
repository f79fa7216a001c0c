""" "Before training / after training": one box, and the sentence that says which is shown.

The box sets :attr:`Settings.trained <lstm_viz.state.settings.Settings.trained>`;
the sentence is :func:`~lstm_viz.state.training_note.training_note` of the
session's results (the same one ``lstm-viz simulate`` prints), so what the
window says about training is computed from the numbers on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from ..i18n import say, tr
from ..state.results import Results
from ..state.training_note import training_note
from .session import Session

__all__ = ["TrainedToggle"]


class TrainedToggle(QWidget):
    """The "After training" box and the note under it, bound to ``session``."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("trainedToggle")
        self.box = QCheckBox()
        self.box.setObjectName("trainedBox")
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.note)
        self.box.toggled.connect(lambda on: session.apply(trained=on))
        session.resultsChanged.connect(self.show_results)
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setText(tr("After training"))
        self.box.setToolTip(
            tr(
                "Show the model after lstm-viz's own trainer trained it (where a trained twin "
                "of these settings ships with the app), or untick for the same weights before "
                "training"
            )
        )
        self.show_results(self.session.results)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_results(self, results: Results) -> None:
        """The box from the settings, the note from the results (hidden with a weight file)."""
        with QSignalBlocker(self.box):
            self.box.setChecked(results.settings.trained)
        note = training_note(results)
        from_file = results.weights is not None
        self.box.setEnabled(not from_file)
        self.setVisible(note is not None)
        self.note.setText(say(note) if note is not None else "")
