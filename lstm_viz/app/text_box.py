"""The settings dock's text sequence: type a text, choose how it is split, a vocabulary, labels.

Shown when the sequence is ``"text"`` (or chosen in the sequence box). Every change
goes to the session as new settings; the session refuses what does not fit (an
unknown vocabulary, labels of the wrong length) and keeps its last good state.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..engine.data.tokens import TOKENIZERS
from ..i18n import tr
from .session import Session


class TextBox(QWidget):
    """The text, its tokenizer, and the vocabulary and labels files of the session."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("textSequence")
        self.editor.setMaximumHeight(110)
        self.tokenizer = QComboBox()
        for name in TOKENIZERS:
            self.tokenizer.addItem(name, name)
        self.use = QPushButton()
        self.vocab_label, self.vocab_button = QLabel(), QPushButton()
        self.labels_label, self.labels_button = QLabel(), QPushButton()
        self.tokens_label, self.vocab_row, self.labels_row = QLabel(), QLabel(), QLabel()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.editor)
        row = QHBoxLayout()
        row.addWidget(self.tokenizer, 1)
        row.addWidget(self.use)
        form.addRow(self.tokens_label, row)
        for label, name, button in (
            (self.vocab_row, self.vocab_label, self.vocab_button),
            (self.labels_row, self.labels_label, self.labels_button),
        ):
            line = QHBoxLayout()
            name.setWordWrap(True)
            line.addWidget(name, 1)
            line.addWidget(button)
            form.addRow(label, line)
        self.use.clicked.connect(self.use_text)
        self.tokenizer.activated.connect(lambda _i: self.use_text())
        self.vocab_button.clicked.connect(lambda: self._choose("vocab_file"))
        self.labels_button.clicked.connect(lambda: self._choose("labels_file"))
        self.retranslate()
        self.sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.editor.setPlaceholderText(tr("Type a text: one step per character or word"))
        self.use.setText(tr("Use this text"))
        self.tokens_label.setText(tr("Tokens"))
        self.vocab_row.setText(tr("Vocabulary"))
        self.labels_row.setText(tr("Labels"))
        self.vocab_button.setText(tr("Choose…"))
        self.labels_button.setText(tr("Choose…"))
        titles = {"chars": tr("characters"), "words": tr("words")}
        for i in range(self.tokenizer.count()):
            self.tokenizer.setItemText(i, titles[self.tokenizer.itemData(i)])
        self.sync()

    def use_text(self) -> bool:
        """Run the typed text (with the chosen tokenizer)."""
        return self.session.apply(
            sequence="text",
            text=self.editor.toPlainText(),
            tokenizer=self.tokenizer.currentData(),
        )

    def _choose(self, field: str) -> bool:
        title = tr("Open a vocabulary") if field == "vocab_file" else tr("Open the class names")
        path, _ = QFileDialog.getOpenFileName(
            self, title, "", tr("Token lists (*.txt *.json);;All files (*)")
        )
        return bool(path) and self.session.apply(**{field: path})

    def sync(self) -> None:
        """Show the session's text settings (the draft in the editor is kept while typing)."""
        s = self.session.latest.settings
        with QSignalBlocker(self.tokenizer):
            self.tokenizer.setCurrentIndex(self.tokenizer.findData(s.tokenizer))
        if s.sequence == "text" and self.editor.toPlainText() != s.text:
            self.editor.setPlainText(s.text)
        default = tr("the weights file's own")
        self.vocab_label.setText(Path(s.vocab_file).name if s.vocab_file else default)
        self.labels_label.setText(Path(s.labels_file).name if s.labels_file else default)
