"""The Train dock's settings: task, T, models, sizes, optimiser, clipping, seed.

:class:`TrainForm` turns its controls into one :class:`TrainConfig` per ticked
model — same seed, so every model sees the same batches — and explains a bad
value in words (:meth:`TrainForm.configs` raises ``ValueError``). Its texts follow
the language at run time (:meth:`TrainForm.retranslate`); the values never change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from ..engine.training.tasks import TRAIN_LIMITS, TRAIN_TASKS
from ..engine.training.trainer import TrainConfig
from ..i18n import say, tr
from ..i18n_marks import Sentence
from ..plots.training import KINDS, UNCLIPPED
from ..state.limits import Range
from .number_box import NumberBox

__all__ = ["CLIP_RESCUE", "DEFAULTS", "NAMES", "TrainForm"]

#: What Start trains before anything is touched: on the adding problem with T = 50
#: the RNN stays at the "predict the mean" line while the LSTM (after ~600
#: iterations) and the GRU (~200) fall by two orders of magnitude — ~20 s for all
#: three on two cores, with the curves drawn live.
DEFAULTS = TrainConfig(task="adding", length=50, hidden_size=32, iters=1500, lr=0.01, clip=1.0)
#: Fact 4 of the notes, "gradient clipping is the practical fix": the same RNN trained
#: with and without clipping. Plain SGD with momentum at this step size meets
#: gradients large enough that the unclipped run overflows and diverges, while the
#: clipped one (every step at most lr × 0.25 long) learns the sine far below the trivial
#: loss — see tests/app/test_train_facts.py for the numbers.
CLIP_RESCUE = TrainConfig(
    task="sine",
    length=20,
    model="rnn",
    hidden_size=8,
    iters=300,
    optimizer="sgd",
    momentum=0.9,
    lr=0.6,
    clip=0.25,
    seed=0,
)
DEFAULT_LR = {"adam": 0.01, "sgd": 0.05}
SGD_MOMENTUM = 0.9
NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
#: How far an arrow key moves each box (its range is TrainConfig's).
STEPS = {"length": 1, "hidden_size": 1, "iters": 100, "seed": 1, "lr": 0.001, "clip": 0.1}


def train_range(name: str) -> Range:
    """The box range of TrainConfig's field ``name``: the engine's own limits."""
    low, high = TRAIN_LIMITS[name]
    return Range(low, high, whole=isinstance(low, int), step=STEPS[name])


def task_names() -> dict[str, str]:
    """The training tasks' names in the current language, keyed by task."""
    return {
        "adding": tr("adding problem"),
        "copy": tr("copy task"),
        "sine": tr("sine prediction"),
    }


class TrainForm(QWidget):
    """The settings of a run; ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        d = DEFAULTS
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)

        # The captions of the rows, by the setting they name (texts: retranslate).
        self.labels = {
            key: QLabel()
            for key in ("task", "length", "models", "hidden", "iters", "optimizer", "lr", "seed")
        }
        self.task = QComboBox()
        for key in task_names():
            self.task.addItem("", key)
        self.length = NumberBox(train_range("length"))
        self.length.setValue(d.length)
        self._row(grid, 0, "task", self.task, "length", self.length)

        self.models: dict[str, QCheckBox] = {}
        boxes = QHBoxLayout()
        boxes.setSpacing(12)
        for kind in KINDS:
            box = QCheckBox(NAMES[kind])
            box.setChecked(True)
            self.models[kind] = box
            boxes.addWidget(box)
        boxes.addStretch(1)
        grid.addWidget(self.labels["models"], 1, 0)
        grid.addLayout(boxes, 1, 1, 1, 3)

        self.hidden = NumberBox(train_range("hidden_size"))
        self.hidden.setValue(d.hidden_size)
        self.iters = NumberBox(train_range("iters"))
        self.iters.setValue(d.iters)
        self._row(grid, 2, "hidden", self.hidden, "iters", self.iters)

        self.optimizer = QComboBox()
        self.optimizer.addItem("Adam", "adam")
        self.optimizer.addItem("", "sgd")
        self.lr = NumberBox(train_range("lr"))
        self.lr.setValue(d.lr)
        self._row(grid, 3, "optimizer", self.optimizer, "lr", self.lr)

        self.clip_on = QCheckBox()
        self.clip_on.setChecked(True)
        self.clip = NumberBox(train_range("clip"))
        self.clip.setValue(d.clip)
        self.seed = NumberBox(train_range("seed"))
        self.seed.setValue(d.seed)
        grid.addWidget(self.clip_on, 4, 0)
        grid.addWidget(self.clip, 4, 1)
        grid.addWidget(self.labels["seed"], 4, 2)
        grid.addWidget(self.seed, 4, 3)
        # Fact 4: each ticked model once more without clipping, side by side.
        self.unclipped = QCheckBox()
        grid.addWidget(self.unclipped, 6, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        # A typed value a box refused (the box keeps its last good value): which
        # caption, and why — said until the next edit.
        self.refusal = QLabel()
        self.refusal.setObjectName("error")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        grid.addWidget(self.refusal, 5, 0, 1, 4)
        self._refused: tuple[str, Sentence] | None = None
        boxes = {
            "length": self.length,
            "hidden": self.hidden,
            "iters": self.iters,
            "lr": self.lr,
            "clip": self.clip,
            "seed": self.seed,
        }
        for key, box in boxes.items():
            box.refused.connect(lambda why, key=key: self._refuse(key, why))
        self.changed.connect(lambda: self._refuse(None))

        for w in (self.task, self.optimizer):
            w.currentIndexChanged.connect(self.changed)
        self.optimizer.currentIndexChanged.connect(self._optimizer_changed)
        for w in (self.length, self.hidden, self.iters, self.seed, self.lr, self.clip):
            w.valueChanged.connect(self.changed)
        for w in (*self.models.values(), self.clip_on, self.unclipped):
            w.toggled.connect(self.changed)

    def _row(self, grid: QGridLayout, row: int, a: str, wa: QWidget, b: str, wb: QWidget) -> None:
        """Caption ``a``, control ``wa``, caption ``b``, control ``wb`` (captions by key)."""
        grid.addWidget(self.labels[a], row, 0)
        grid.addWidget(wa, row, 1)
        grid.addWidget(self.labels[b], row, 2)
        grid.addWidget(wb, row, 3)

    # -- language ---------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the current language; values, choices and signals untouched."""
        captions = {
            "task": tr("Task"),
            "length": tr("T"),
            "models": tr("Models"),
            "hidden": tr("Hidden size"),
            "iters": tr("Iterations"),
            "optimizer": tr("Optimiser"),
            "lr": tr("Learning rate"),
            "seed": tr("Seed"),
        }
        for key, text in captions.items():
            self.labels[key].setText(text)
        self.clip_on.setText(tr("Clip gradients at"))
        self.unclipped.setText(tr("Also train each model without clipping (dashed)"))
        self.unclipped.setToolTip(
            tr("The same model, seed and batches once more with clipping off, side by side")
        )
        self._refuse(*(self._refused or (None,)))
        names = task_names()
        with QSignalBlocker(self.task):
            for i in range(self.task.count()):
                self.task.setItemText(i, names[self.task.itemData(i)])
        with QSignalBlocker(self.optimizer):
            sgd = self.optimizer.findData("sgd")
            self.optimizer.setItemText(sgd, tr("SGD, momentum {m:g}").format(m=SGD_MOMENTUM))
        self.task.setToolTip(
            tr(
                "adding: sum the two marked numbers of the sequence (needs memory over T steps); "
                "copy: reproduce 3 symbols after a gap; sine: predict the next value"
            )
        )
        self.length.setToolTip(tr("T: steps per sequence — the time lag the model must bridge"))
        for kind, box in self.models.items():
            box.setToolTip(
                tr("Train the {m} too (same seed, same batches as the others)").format(
                    m=NAMES[kind]
                )
            )
        self.hidden.setToolTip(tr("H: units of every model"))
        self.iters.setToolTip(tr("Iterations of {b} sequences each").format(b=DEFAULTS.batch))
        self.optimizer.setToolTip(tr("How the gradient updates the weights"))
        self.lr.setToolTip(tr("Learning rate: the step size of each update"))
        self.clip_on.setToolTip(
            tr("Rescale all gradients together when their global norm exceeds the threshold")
        )
        self.clip.setToolTip(tr("The clipping threshold for ‖∇_θ L‖"))
        self.seed.setToolTip(tr("Seeds the weights and the batches: the same for every model"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values -----------------------------------------------------------------

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
                    task=task_names()[task.name], n=task.min_length
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
        runs = {k: base.replace(model=k) for k in kinds}
        if self.unclipped.isChecked():
            if clip <= 0:
                raise ValueError(
                    tr("Tick \u201cClip gradients at\u201d to compare with and without clipping.")
                )
            runs |= {k + UNCLIPPED: base.replace(model=k, clip=0.0) for k in kinds}
        return runs

    def set_values(self, config: TrainConfig, kinds: tuple[str, ...], unclipped: bool) -> None:
        """Set every control to ``config`` (its model aside), ticking ``kinds``."""
        with QSignalBlocker(self.optimizer):
            self.optimizer.setCurrentIndex(self.optimizer.findData(config.optimizer))
        self.task.setCurrentIndex(self.task.findData(config.task))
        for box, value in (
            (self.length, config.length),
            (self.hidden, config.hidden_size),
            (self.iters, config.iters),
            (self.lr, config.lr),
            (self.seed, config.seed),
        ):
            box.setValue(value)
        self.clip_on.setChecked(config.clip > 0)
        if config.clip > 0:
            self.clip.setValue(config.clip)
        for kind, box in self.models.items():
            box.setChecked(kind in kinds)
        self.unclipped.setChecked(unclipped)

    def _refuse(self, key: str | None, why: Sentence | None = None) -> None:
        """Say why the box under caption ``key`` refused a typed value (None: say nothing)."""
        self._refused = None if key is None or why is None else (key, why)
        if self._refused is None:
            self.refusal.clear()
            self.refusal.hide()
            return
        caption = self.labels[key].text() if key != "clip" else self.clip_on.text()
        self.refusal.setText(tr("{setting}: {problem}").format(setting=caption, problem=say(why)))
        self.refusal.show()

    def _optimizer_changed(self) -> None:
        self.lr.setValue(DEFAULT_LR[self.optimizer.currentData()])

    def set_locked(self, locked: bool) -> None:
        """Lock the settings while a run exists (Reset unlocks them)."""
        for w in self.findChildren(QWidget):
            w.setEnabled(not locked)
        self.clip.setEnabled(not locked and self.clip_on.isChecked())
