"""The export options as widgets, shared by both export dialogs.

:meth:`OptionsForm.options` fills an :class:`ExportOptions` — the same value
``lstm-viz export`` parses — from what the widgets show.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from ..i18n import current_language
from ..plots.container import PANEL_TITLES
from .options import CONTENTS, PANELS, PRESETS, ExportOptions, preset_of, tr

__all__ = ["OptionsForm"]


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
