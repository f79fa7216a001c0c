"""The Train dock's settings: task, T, models, sizes, optimiser, clipping, seed.

:class:`TrainForm` turns its controls into one :class:`TrainConfig` per ticked
model — same seed, so every model sees the same batches — and explains a bad
value in words (:meth:`TrainForm.configs` raises ``ValueError``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from ..engine.train_tasks import TRAIN_TASKS
from ..engine.training import TrainConfig
from ..i18n import tr
from ..plots.training import KINDS

__all__ = ["DEFAULTS", "NAMES", "TrainForm"]

#: What Start trains before anything is touched: on the adding problem with T = 50
#: the RNN stays at the "predict the mean" line while the LSTM (after ~600
#: iterations) and the GRU (~200) fall by two orders of magnitude — ~20 s for all
#: three on two cores, with the curves drawn live.
DEFAULTS = TrainConfig(task="adding", length=50, hidden_size=32, iters=1500, lr=0.01, clip=1.0)
DEFAULT_LR = {"adam": 0.01, "sgd": 0.05}
SGD_MOMENTUM = 0.9
NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
MAX_LENGTH = 1000


class TrainForm(QWidget):
    """The settings of a run; ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()

    def _build(self) -> None:
        d = DEFAULTS
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)

        self.task = QComboBox()
        for key, label in (
            ("adding", tr("adding problem")),
            ("copy", tr("copy task")),
            ("sine", tr("sine prediction")),
        ):
            self.task.addItem(label, key)
        self.task.setToolTip(
            tr(
                "adding: sum the two marked numbers of the sequence (needs memory over T steps); "
                "copy: reproduce 3 symbols after a gap; sine: predict the next value"
            )
        )
        self.length = QSpinBox()
        self.length.setRange(1, MAX_LENGTH)
        self.length.setValue(d.length)
        self.length.setToolTip(tr("T: steps per sequence — the time lag the model must bridge"))
        self._row(grid, 0, tr("Task"), self.task, tr("T"), self.length)

        self.models: dict[str, QCheckBox] = {}
        boxes = QHBoxLayout()
        boxes.setSpacing(12)
        for kind in ("rnn", "lstm", "gru"):
            box = QCheckBox(NAMES[kind])
            box.setChecked(True)
            box.setToolTip(
                tr("Train the {m} too (same seed, same batches as the others)").format(
                    m=NAMES[kind]
                )
            )
            self.models[kind] = box
            boxes.addWidget(box)
        boxes.addStretch(1)
        grid.addWidget(QLabel(tr("Models")), 1, 0)
        grid.addLayout(boxes, 1, 1, 1, 3)

        self.hidden = QSpinBox()
        self.hidden.setRange(1, 256)
        self.hidden.setValue(d.hidden_size)
        self.hidden.setToolTip(tr("H: units of every model"))
        self.iters = QSpinBox()
        self.iters.setRange(1, 1_000_000)
        self.iters.setSingleStep(100)
        self.iters.setValue(d.iters)
        self.iters.setToolTip(tr("Iterations of {b} sequences each").format(b=d.batch))
        self._row(grid, 2, tr("Hidden size"), self.hidden, tr("Iterations"), self.iters)

        self.optimizer = QComboBox()
        self.optimizer.addItem("Adam", "adam")
        self.optimizer.addItem(tr("SGD, momentum {m:g}").format(m=SGD_MOMENTUM), "sgd")
        self.optimizer.setToolTip(tr("How the gradient updates the weights"))
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(0.0, 10.0)
        self.lr.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.lr.setValue(d.lr)
        self.lr.setToolTip(tr("Learning rate: the step size of each update"))
        self._row(grid, 3, tr("Optimiser"), self.optimizer, tr("Learning rate"), self.lr)

        self.clip_on = QCheckBox(tr("Clip gradients at"))
        self.clip_on.setChecked(True)
        self.clip_on.setToolTip(
            tr("Rescale all gradients together when their global norm exceeds the threshold")
        )
        self.clip = QDoubleSpinBox()
        self.clip.setDecimals(3)
        self.clip.setRange(0.0, 1e6)
        self.clip.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.clip.setValue(d.clip)
        self.clip.setToolTip(tr("The clipping threshold for ‖∇_θ L‖"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(d.seed)
        self.seed.setToolTip(tr("Seeds the weights and the batches: the same for every model"))
        grid.addWidget(self.clip_on, 4, 0)
        grid.addWidget(self.clip, 4, 1)
        grid.addWidget(QLabel(tr("Seed")), 4, 2)
        grid.addWidget(self.seed, 4, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        for w in (self.task, self.optimizer):
            w.currentIndexChanged.connect(self.changed)
        self.optimizer.currentIndexChanged.connect(self._optimizer_changed)
        for w in (self.length, self.hidden, self.iters, self.seed, self.lr, self.clip):
            w.valueChanged.connect(self.changed)
        for w in (*self.models.values(), self.clip_on):
            w.toggled.connect(self.changed)

    @staticmethod
    def _row(grid: QGridLayout, row: int, a: str, wa: QWidget, b: str, wb: QWidget) -> None:
        grid.addWidget(QLabel(a), row, 0)
        grid.addWidget(wa, row, 1)
        grid.addWidget(QLabel(b), row, 2)
        grid.addWidget(wb, row, 3)

    def configs(self) -> dict[str, TrainConfig]:
        """One config per ticked model, from the controls; ``ValueError`` with a
        translated message for a bad value."""
        kinds = [k for k in KINDS if self.models[k].isChecked()]
        if not kinds:
            raise ValueError(tr("Tick at least one model to train."))
        task = TRAIN_TASKS[self.task.currentData()]
        length = self.length.value()
        if length < task.min_length:
            raise ValueError(
                tr("The {task} task needs T ≥ {n}.").format(
                    task=self.task.currentText(), n=task.min_length
                )
            )
        if self.lr.value() <= 0:
            raise ValueError(tr("The learning rate must be greater than 0."))
        clip = self.clip.value() if self.clip_on.isChecked() else 0.0
        if self.clip_on.isChecked() and clip <= 0:
            raise ValueError(tr("The clipping threshold must be greater than 0 (or untick it)."))
        optimizer = self.optimizer.currentData()
        base = DEFAULTS.replace(
            task=task.name,
            length=length,
            hidden_size=self.hidden.value(),
            iters=self.iters.value(),
            optimizer=optimizer,
            momentum=SGD_MOMENTUM if optimizer == "sgd" else 0.0,
            lr=self.lr.value(),
            clip=clip,
            seed=self.seed.value(),
        )
        return {k: base.replace(model=k) for k in kinds}

    def _optimizer_changed(self) -> None:
        self.lr.setValue(DEFAULT_LR[self.optimizer.currentData()])

    def _optimizer_changed(self) -> None:
        self.lr.setValue(DEFAULT_LR[self.optimizer.currentData()])

    def set_locked(self, locked: bool) -> None:
        """Lock the settings while a run exists (Reset unlocks them)."""
        for w in self.findChildren(QWidget):
            w.setEnabled(not locked)
        self.clip.setEnabled(not locked and self.clip_on.isChecked())
