"""File → Export frame…: the current frame as PNG (any size) or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..state.comparison import Comparison
from ..state.timeline import Cursor
from .dialogs_base import ExportDialogBase
from .frames import FrameRenderer
from .options import ExportError, ExportOptions, tr
from .pipeline import describe_error
from .still import export_still

__all__ = ["ExportFrameDialog"]


class ExportFrameDialog(ExportDialogBase):
    """Export the current frame as PNG (1×, 2×, any size) or SVG (vector)."""

    filters = "PNG (*.png);;SVG (*.svg)"
    default_name = "lstm-frame.png"

    def __init__(
        self,
        comparison: Comparison,
        cursor: Cursor,
        defaults: ExportOptions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.cursor = cursor
        self.written: Path | None = None
        self.progress: QProgressDialog | None = None
        super().__init__(comparison, defaults or ExportOptions(), False, parent)
        self.setWindowTitle(tr("Export frame"))

    def preview_cursor(self, options: ExportOptions, renderer: FrameRenderer) -> Cursor:
        return self.cursor

    def _export(self) -> None:
        path = self.path.text().strip()
        # The plots may still be computing: say so, and let Cancel stop the wait.
        progress = self.progress = QProgressDialog(
            tr("Computing the plots, then writing the file…"), tr("Cancel"), 0, 0, self
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        self.buttons.setEnabled(False)
        try:
            self.written = export_still(
                self.comparison, self.form.options(), path, cursor=self.cursor,
                cancelled=progress.wasCanceled,
            )  # fmt: skip
        except (ExportError, OSError) as err:
            self._error(describe_error(err, path))
            return
        finally:
            progress.reset()
            self.buttons.setEnabled(True)
        if self.written is not None:  # None: cancelled, nothing written
            self.accept()
