"""File → Export animation…: a range of steps as PNG frames, GIF, WebP, APNG or MP4."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..i18n_marks import tr_noop
from ..state.comparison import Comparison
from ..state.timeline import Cursor, stage_count
from .dialogs_base import ExportDialogBase
from .frames import FrameRenderer
from .job import ExportJob
from .options import ExportError, ExportOptions, format_for, frame_cursors, tr
from .pipeline import ExportResult
from .writers import MP4_MISSING, mp4_available

__all__ = ["GIF_ADVICE", "ExportAnimationDialog"]

GIF_ADVICE = tr_noop(
    "GIF has 256 colours a frame: flat colours stay exact, blends and smooth edges are "
    "approximated. WebP (lossless) keeps every colour and plays in every browser and in "
    "slide software that takes web images."
)


class ExportAnimationDialog(ExportDialogBase):
    """Export a range of steps as PNG frames, GIF, APNG or MP4, with progress and Cancel."""

    @property
    def filters(self) -> str:  # type: ignore[override]  # read when the dialog opens: translated
        return (
            "GIF (*.gif);;" + tr("WebP, every colour exact (*.webp)") + ";;APNG (*.apng);;"
            "MP4 (*.mp4);;" + tr("PNG frames (*)")
        )

    default_name = "lstm.gif"

    def __init__(
        self,
        comparison: Comparison,
        defaults: ExportOptions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(comparison, defaults or ExportOptions(), True, parent)
        self.setWindowTitle(tr("Export animation"))
        self.job: ExportJob | None = None
        self.result: ExportResult | None = None
        if not mp4_available():
            self.note.setToolTip(tr(MP4_MISSING))

    def preview_cursor(self, options: ExportOptions, renderer: FrameRenderer) -> Cursor:
        return frame_cursors(options, renderer.timeline)[0]

    def describe(self, options: ExportOptions) -> str:
        first, last = options.step_range(self.steps)
        n = (last - first + 1) * (
            stage_count(self.comparison.current_results.kind) * options.pulse_frames
            if options.stages
            else 1
        )
        text = super().describe(options) + tr(" · {n} frames, {s:.1f} s").format(
            n=n, s=n / options.fps
        )
        if self.path.text().strip().lower().endswith(".gif"):
            text += "\n" + tr(GIF_ADVICE)
        if not mp4_available():
            text += "\n" + tr("MP4: not available (pip install 'lstm-viz[mp4]')")
        return text

    def _export(self) -> None:
        path = self.path.text().strip()
        try:
            options = self.form.options()
            format_for(path)
        except ExportError as err:
            self._error(str(err))
            return
        job = self.job = ExportJob(self.comparison, options, path, parent=self)
        progress = QProgressDialog(tr("Rendering frames…"), tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def moved(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(tr("Frame {k} of {n}").format(k=done, n=total))

        def ended() -> None:
            progress.reset()
            progress.deleteLater()
            self.buttons.setEnabled(True)

        def succeeded(result: ExportResult) -> None:
            ended()
            self.result = result
            self.accept()

        def failed(message: str) -> None:
            ended()
            self._error(message)

        job.progress.connect(moved)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.cancelled.connect(ended)
        progress.canceled.connect(job.cancel)
        self.buttons.setEnabled(False)
        job.start()
