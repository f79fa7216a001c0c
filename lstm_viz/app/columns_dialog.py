"""Choosing which columns of a table file are the sequence's features.

The dialog lists the file's columns (header names, or numbers without a header) with
their first values, each with a check box; numeric-looking columns start checked. Its
result is the ``Settings.sequence_columns`` text (names or numbers joined by commas),
or None to read every column.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..engine.data.text import is_number
from ..i18n import tr

__all__ = ["ColumnsDialog", "ask_columns"]


class ColumnsDialog(QDialog):
    """Check boxes for a table's columns; :meth:`spec` is the choice as settings text."""

    def __init__(
        self,
        names: tuple[str, ...],
        first: tuple[str, ...],
        chosen: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Columns"))
        self.names = names
        self.numbered = names == tuple(str(i) for i in range(1, len(names) + 1))
        picked = {c.strip() for c in chosen.split(",")} if chosen else None
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Choose the columns that are the inputs. The first column left out that "
                "holds words or dates labels the steps."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes: list[QCheckBox] = []
        for i, name in enumerate(names):
            value = first[i] if i < len(first) else ""
            box = QCheckBox(
                tr("{name} (first value: {value})").format(name=name, value=value)
                if value
                else name
            )
            numeric = is_number(value)
            box.setChecked(name in picked or str(i + 1) in picked if picked else numeric)
            box.toggled.connect(lambda _on: self._allow_ok())
            layout.addWidget(box)
            self.boxes.append(box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._allow_ok()

    def _allow_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(any(box.isChecked() for box in self.boxes))

    def spec(self) -> str | None:
        """The chosen columns as ``Settings.sequence_columns`` (None: all of them)."""
        chosen = [i for i, box in enumerate(self.boxes) if box.isChecked()]
        if len(chosen) == len(self.boxes):
            return None
        # Names that parse_columns would misread (a comma inside, or digits alone).
        if self.numbered or any("," in self.names[i] or self.names[i].isdigit() for i in chosen):
            return ",".join(str(i + 1) for i in chosen)
        return ",".join(self.names[i] for i in chosen)


def ask_columns(
    names: tuple[str, ...], first: tuple[str, ...], chosen: str | None, parent: QWidget
) -> str | bool | None:
    """The user's choice of columns (a spec, or None for all of them), or False if cancelled."""
    dialog = ColumnsDialog(names, first, chosen, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return dialog.spec()
