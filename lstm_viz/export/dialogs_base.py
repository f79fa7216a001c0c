"""What the two export dialogs share: the options form, the file chooser, the preview.

A subclass says which cursor the preview shows (:meth:`ExportDialogBase.preview_cursor`),
what the summary line adds (:meth:`ExportDialogBase.describe`) and how it exports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..state.comparison import Comparison
from ..state.timeline import Cursor
from .dialogs_form import OptionsForm
from .frames import FrameRenderer
from .options import ExportError, ExportOptions, tr

__all__ = ["PREVIEW_W", "ExportDialogBase"]

PREVIEW_W = 384


class ExportDialogBase(QDialog):
    """Shared parts: the form, the file chooser, the preview."""

    filters = ""
    default_name = ""

    def __init__(
        self,
        comparison: Comparison,
        defaults: ExportOptions,
        animation: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self.steps = comparison.current_results.steps
        self.form = OptionsForm(self.steps, defaults, animation)
        self.path = QLineEdit(str(Path.home() / self.default_name))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        # The preview: the picture's true pixels at 100 % (scroll to see all), or fitted.
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_area = QScrollArea()
        self.preview_area.setFixedSize(PREVIEW_W + 2, PREVIEW_W * 9 // 16 + 2)
        self.preview_area.setWidget(self.preview)
        self.preview_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.actual_pixels = QCheckBox(tr("Preview at 100 % (the picture's own pixels)"))
        self.actual_pixels.setChecked(True)
        self.actual_pixels.toggled.connect(self._preview_timer_start)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._export)
        self.buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.preview_area)
        side.addWidget(self.actual_pixels)
        side.addWidget(self.note)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.form, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(path_row)
        layout.addWidget(self.buttons)
        # The summary follows every edit at once; the preview (a render) once edits rest.
        self._preview_timer = QTimer(self, singleShot=True, interval=150)
        self._preview_timer.timeout.connect(self._update_preview)
        self._rendering = False
        self.path.textChanged.connect(self._show_summary)
        for w in self.form.findChildren(QWidget):
            for signal in ("currentIndexChanged", "valueChanged", "toggled"):
                if hasattr(w, signal):
                    getattr(w, signal).connect(self._edited)
        self._show_summary()
        self._preview_timer.start()

    def _preview_timer_start(self) -> None:
        self._preview_timer.start()

    def _edited(self) -> None:
        self._show_summary()
        self._preview_timer.start()

    def _show_summary(self) -> None:
        """The summary line of the options the widgets show now (or what is wrong)."""
        try:
            self.note.setText(self.describe(self.form.options()))
        except ExportError as err:
            self.note.setText(str(err))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), self.filters
        )
        if name:
            self.path.setText(name)

    def preview_cursor(self, options: ExportOptions, renderer: FrameRenderer) -> Cursor:
        raise NotImplementedError

    def _update_preview(self) -> None:
        # Waiting for the plots turns the event loop: an edit may come in meanwhile. It
        # restarts the timer; a render never nests in another, and a stale one is dropped.
        if self._rendering:
            self._preview_timer.start()
            return
        self._rendering = True
        try:
            chosen = self.form.options()
            o = chosen
            if not self.actual_pixels.isChecked():  # the same picture, drawn small
                fit = min(PREVIEW_W / chosen.size[0], PREVIEW_W * 9 / 16 / chosen.size[1])
                o = chosen.replace(scale=max(0.25, min(chosen.scale, fit)))
            renderer = FrameRenderer(self.comparison, o)
            try:
                renderer.wait_ready()
                image = renderer.render(self.preview_cursor(o, renderer))
            finally:
                renderer.close()
        except ExportError:
            return  # the summary says what is wrong
        finally:
            self._rendering = False
        if self.form.options() == chosen:
            self.preview.setPixmap(QPixmap.fromImage(image))
            self.preview.resize(image.size())

    def describe(self, options: ExportOptions) -> str:
        w, h = options.pixel_size
        return tr("{w} × {h} pixels").format(w=w, h=h)

    def _error(self, message: str) -> None:
        QMessageBox.warning(self, self.windowTitle(), message)

    def _export(self) -> None:
        raise NotImplementedError
