"""Combo boxes whose items are a setting's choices (data) with texts in the current language."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox

from ..state.limits import CHOICES

__all__ = ["choice_combo", "set_item_texts"]


def choice_combo(field: str) -> QComboBox:
    """A combo box with one item per choice of ``field`` (texts set by retranslate)."""
    combo = QComboBox()
    for name in CHOICES[field]:
        combo.addItem("", name)
    return combo


def set_item_texts(combo: QComboBox, texts: dict[str, str]) -> None:
    """Rename a combo box's items by their data, keeping the data and the current item."""
    with QSignalBlocker(combo):
        for data, text in texts.items():
            combo.setItemText(combo.findData(data), text)
