"""File → Export frame… and Export animation…: the dialogs.

Both show the same :class:`OptionsForm` (what the picture shows, its size),
a preview of the first frame and a file chooser; :meth:`OptionsForm.options`
fills an :class:`ExportOptions` — the same value ``lstm-viz export`` parses.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import current_language
from ..i18n_marks import tr_noop
from ..plots.container import PANEL_TITLES
from ..state.comparison import Comparison
from ..state.timeline import Cursor, stage_count
from .frames import FrameRenderer
from .job import ExportJob
from .options import (
    CONTENTS,
    PANELS,
    PRESETS,
    ExportError,
    ExportOptions,
    format_for,
    frame_cursors,
    preset_of,
    tr,
)
from .pipeline import ExportResult, describe_error
from .still import export_still
from .writers import MP4_MISSING, mp4_available

__all__ = ["ExportAnimationDialog", "ExportFrameDialog", "OptionsForm"]

PREVIEW_W = 384
GIF_ADVICE = tr_noop(
    "GIF has 256 colours a frame: flat colours stay exact, blends and smooth edges are "
    "approximated. WebP (lossless) keeps every colour and plays in every browser and in "
    "slide software that takes web images."
)


class OptionsForm(QWidget):
    """The export options as widgets; ``animation`` adds steps, fps and stages."""

    def __init__(self, steps: int, defaults: ExportOptions, animation: bool) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.content = QComboBox()
        for key, label in zip(
            CONTENTS,
            (tr("Window: diagram, plot and caption"), tr("Diagram"), tr("Plot")),
            strict=True,
        ):
            self.content.addItem(label, key)
        self.panel = QComboBox()
        for key in PANELS:
            self.panel.addItem(tr(PANEL_TITLES[key]), key)
        self.theme = QComboBox()
        self.theme.addItem(tr("Light"), "light")
        self.theme.addItem(tr("Dark"), "dark")
        self.width, self.height = QSpinBox(), QSpinBox()
        for box in (self.width, self.height):
            box.setRange(16, 8192)
            box.setSuffix(" px")
        self.scale = QComboBox()
        for s in (1.0, 2.0, 3.0):
            self.scale.addItem(f"{s:g}×", s)
        self.preset = QComboBox()
        for key, p in PRESETS.items():
            self.preset.addItem(tr(p.label), key)
        self.preset.addItem(tr("Custom size"), None)
        self.preset.activated.connect(self._preset_chosen)
        for w in (self.width, self.height):
            w.valueChanged.connect(self._size_edited)
        self.scale.currentIndexChanged.connect(self._size_edited)
        size_row = QHBoxLayout()
        for w in (self.width, QLabel("×"), self.height, self.scale):
            size_row.addWidget(w)
        self.caption = QCheckBox(tr("Stage caption"))
        self.title = QCheckBox(tr("Title line (model, sizes, sequence)"))
        self.unrolled = QCheckBox(tr("Unrolled (steps t−1, t, t+1)"))
        self.backward = QCheckBox(
            tr("Backward pass (the gradient flowing back; steps count from T)")
        )
        form.addRow(tr("Shows"), self.content)
        form.addRow(tr("Plot"), self.panel)
        form.addRow(tr("Theme"), self.theme)
        form.addRow(tr("For"), self.preset)
        form.addRow(tr("Size"), size_row)
        form.addRow("", self.caption)
        form.addRow("", self.title)
        form.addRow("", self.unrolled)
        form.addRow("", self.backward)
        self.animation = animation
        self.first, self.last = QSpinBox(), QSpinBox()
        self.fps = QDoubleSpinBox()
        self.stages = QCheckBox(tr("Every stage, with its travelling pulses"))
        self.pulse_frames = QSpinBox()
        if animation:
            for box in (self.first, self.last):
                box.setRange(1, steps)
            steps_row = QHBoxLayout()
            for w in (self.first, QLabel(tr("to")), self.last):
                steps_row.addWidget(w)
            self.fps.setRange(1, 60)
            self.fps.setDecimals(1)
            self.pulse_frames.setRange(1, 60)
            self.pulse_frames.setSuffix(tr(" frames per stage"))
            form.addRow(tr("Steps"), steps_row)
            form.addRow(tr("Frames per second"), self.fps)
            form.addRow("", self.stages)
            form.addRow("", self.pulse_frames)
            self.stages.toggled.connect(self.pulse_frames.setEnabled)
        self.set_options(defaults, steps)

    def _preset_chosen(self) -> None:
        key = self.preset.currentData()
        if key is None:
            return
        p = PRESETS[key]
        self.width.setValue(p.size[0])
        self.height.setValue(p.size[1])
        self.scale.setCurrentIndex(self.scale.findData(p.scale))

    def _size_edited(self) -> None:
        """The preset shown follows the size: a hand-made size is "Custom size"."""
        scale = self.scale.currentData()
        key = preset_of((self.width.value(), self.height.value()), scale) if scale else None
        self.preset.setCurrentIndex(self.preset.findData(key))

    def set_options(self, o: ExportOptions, steps: int) -> None:
        self.content.setCurrentIndex(self.content.findData(o.content))
        self.panel.setCurrentIndex(self.panel.findData(o.panel))
        self.theme.setCurrentIndex(self.theme.findData(o.theme))
        self.width.setValue(o.size[0])
        self.height.setValue(o.size[1])
        self.scale.setCurrentIndex(max(0, self.scale.findData(o.scale)))
        self.caption.setChecked(o.caption)
        self.title.setChecked(o.title)
        self.unrolled.setChecked(o.unrolled)
        self.backward.setChecked(o.backward)
        self.first.setValue(o.first_step)
        self.last.setValue(o.last_step or steps)
        self.fps.setValue(o.fps)
        self.stages.setChecked(o.stages)
        self.pulse_frames.setValue(o.pulse_frames)
        self.pulse_frames.setEnabled(o.stages)

    def options(self) -> ExportOptions:
        """The options the widgets show (raises :class:`ExportError` when inconsistent)."""
        return ExportOptions(
            first_step=self.first.value() if self.animation else 1,
            last_step=self.last.value() if self.animation else None,
            fps=self.fps.value() if self.animation else 12.0,
            stages=self.stages.isChecked(),
            pulse_frames=self.pulse_frames.value() if self.animation else 6,
            size=(self.width.value(), self.height.value()),
            scale=float(self.scale.currentData()),
            content=self.content.currentData(),
            theme=self.theme.currentData(),
            caption=self.caption.isChecked(),
            title=self.title.isChecked(),
            unrolled=self.unrolled.isChecked(),
            backward=self.backward.isChecked(),
            panel=self.panel.currentData(),
            lang=current_language(),  # the window's: what it shows is what it exports
        )


class _ExportDialog(QDialog):
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


class ExportFrameDialog(_ExportDialog):
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


class ExportAnimationDialog(_ExportDialog):
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
