"""The Train dock: train an RNN, an LSTM and a GRU side by side and watch them learn.

The defaults teach the lesson at once: on the adding problem with T = 50 the
RNN's loss stays at the "predict the mean" line while the LSTM's and the GRU's
fall by two orders of magnitude (see :data:`.train_form.DEFAULTS`). The truth
lives in a :class:`~.train_worker.TrainLab`; this widget turns the form
(:class:`.train_form.TrainForm`) into configs, asks the lab to start, pause or
reset, and redraws from the lab's signals (throttled by the training thread to
~15 reports a second).

The window connects :attr:`TrainDock.showTrained` to
``session.apply(weights=path, sequence=name, length=T)``, calls
:meth:`TrainDock.set_theme` with the theme and :meth:`TrainDock.shutdown` from
its ``closeEvent``.

A language change retranslates the dock in place (:meth:`TrainDock.retranslate`):
the texts that depend on the run — status lines, Start/Resume, the error and the
hint — are rendered again from the current state; the run itself is untouched.

The clipping rescue (its button and the verdict line) is :mod:`.train_dock_rescue`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QSignalBlocker, QStandardPaths, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..engine.io.weights import WeightsError
from ..engine.training.saving import save_trained, trained_file_name
from ..engine.training.trainer import TrainConfig
from ..i18n import error_text, tr
from ..palette import get_theme
from ..plots.training import RUNS, TrainingPlots, run_kind, run_name
from .train_dock_rescue import ClippingRescue
from .train_facts import parameters_part
from .train_form import DEFAULTS, TrainForm
from .train_worker import EVAL_SEQUENCES, TrainLab

__all__ = ["DEFAULTS", "TrainDock"]

#: The built-in sequence that shows a trained model on a fresh example of its task.
TASK_SEQUENCES = {"adding": "adding", "copy": "copy", "sine": "sine"}
LOSS_WINDOW = 50  # the status line's loss: the mean of the last 50 iterations


def trained_dir() -> Path:
    """``<per-user data folder>/trained``, where "Show in the cell" keeps its files."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "trained"


class TrainDock(QWidget):
    """Controls, live curves and per-model status of a training run.

    Signals
    -------
    showTrained(path, sequence, length)
        A trained model was saved to ``path``; show it on the built-in
        ``sequence`` of its task with ``length`` steps.
    """

    showTrained = Signal(str, str, int)

    def __init__(self, parent: QWidget | None = None, data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainDock")
        self.data_dir = data_dir
        self.lab = TrainLab(self)
        self.theme = get_theme("light")
        self._config_valid = True
        # What the error line and the hint say, as functions of the current language.
        self._error_text: Callable[[], str] | None = None
        self._saved_name: str | None = None  # the file last saved, named in the hint
        self._reference: TrainConfig | None = None  # whose trivial loss the plot shows
        self._build()
        self.lab.updated.connect(self._on_updated)
        self.lab.runningChanged.connect(lambda _r: self._refresh())
        self.lab.reset.connect(self._on_reset)
        self._settings_changed()
        self.set_theme("light")
        self.retranslate()

    # -- construction -----------------------------------------------------------

    def _build(self) -> None:
        self.form = TrainForm()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()

        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.reset_button = QPushButton()
        # Fact 4: set up and run the clipping rescue; its verdict line sits under the status.
        self.rescue = ClippingRescue(self.lab, self.form, self._restart)
        self.rescue_button = self.rescue.button
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.reset_button, self.rescue_button):
            buttons.addWidget(b)

        self.plots = TrainingPlots()
        self.plots.setMinimumHeight(300)

        self.status: dict[str, QLabel] = {}
        status_box = QVBoxLayout()
        status_box.setSpacing(1)
        for kind in RUNS:
            label = QLabel()
            self.status[kind] = label
            status_box.addWidget(label)
        self.verdict = self.rescue.verdict
        status_box.addWidget(self.verdict)

        self.show_model = QComboBox()
        self.show_button = QPushButton()
        self.save_button = QPushButton()
        show_row = QHBoxLayout()
        show_row.addWidget(self.show_model)
        show_row.addWidget(self.show_button, 1)
        show_row.addWidget(self.save_button, 1)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.plots, 1)
        layout.addLayout(status_box)
        layout.addLayout(show_row)
        layout.addWidget(self.hint)

        self.form.changed.connect(self._settings_changed)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.reset_button.clicked.connect(self.reset)
        self.show_button.clicked.connect(self.show_in_cell)
        self.save_button.clicked.connect(self.choose_save_file)

    # -- language ---------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the current language. The state-dependent ones (status lines,
        Start/Resume, the error, the hint, the reference line) are rendered again from
        the current state; the run, the settings and the curves are left alone."""
        self.start_button.setToolTip(tr("Start training (or resume after Pause)"))
        self.pause_button.setText(tr("Pause"))
        self.pause_button.setToolTip(tr("Stop after the current iteration; Start resumes"))
        self.reset_button.setText(tr("Reset"))
        self.reset_button.setToolTip(tr("Discard the progress and unlock the settings"))
        self.rescue.retranslate()
        for label in self.status.values():
            label.setToolTip(tr("Iteration, mean loss of the last {n} iterations, test error "
                                "on {s} held-out sequences when finished, and status").format(
                n=LOSS_WINDOW, s=EVAL_SEQUENCES))  # fmt: skip
        self.show_model.setToolTip(tr("The trained model to show or save"))
        self.show_button.setText(tr("Show in the cell"))
        self.show_button.setToolTip(
            tr("Show this trained model in the diagram and the gradient plots, on a fresh "
               "sequence of the task")
        )  # fmt: skip
        self.save_button.setText(tr("Save weights…"))
        self.save_button.setToolTip(
            tr("Write the trained weights (PyTorch keys plus the read-out) to a file")
        )
        self._render_hint()
        self._render_error()
        if self._reference is not None:
            self._show_references(self._reference)
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- settings -------------------------------------------------------------

    def configs(self) -> dict[str, TrainConfig]:
        """The form's configs (``ValueError`` with a translated message for a bad value)."""
        return self.form.configs()

    def _settings_changed(self) -> None:
        if not self.lab.started:
            try:
                configs = self.configs()
            except ValueError:
                self._config_valid = False
                self._show_error(self._settings_error)
            else:
                self._config_valid = True
                self._show_error(None)
                first = next(iter(configs.values()))
                self._show_references(first)
                self.plots.set_models(tuple(configs))
                self.plots.set_iterations(first.iters)
        self._refresh()

    def _settings_error(self) -> str:
        """What is wrong with the settings, in the current language ("" if nothing)."""
        try:
            self.configs()
        except ValueError as err:
            return error_text(err)
        return ""

    def _show_references(self, config: TrainConfig) -> None:
        self._reference = config
        trivial = config.train_task.trivial
        label = {
            "adding": tr("predict the mean: {v:.3f}"),
            "copy": tr("guess a symbol: {v:.3f}"),
            "sine": tr("predict 0: {v:.3f}"),
        }[config.task]
        self.plots.set_reference(trivial, label.format(v=trivial))
        self.plots.set_clip(config.clip or None)

    def _show_error(self, text: Callable[[], str] | None) -> None:
        """Show the message ``text()`` renders (again at a language change); None hides it."""
        self._error_text = text
        self._render_error()

    def _save_failed(self, err: Exception) -> None:
        reason = str(err)  # the system's words: not translated
        self._show_error(lambda: tr("Could not save the weights: {e}").format(e=reason))

    def _render_error(self) -> None:
        message = self._error_text() if self._error_text is not None else ""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _render_hint(self) -> None:
        if self._saved_name is None:
            self.hint.setText(tr("File → Load weights… opens saved weights again."))
        else:
            self.hint.setText(
                tr("Saved {f}. File → Load weights… opens it again.").format(f=self._saved_name)
            )

    # -- actions ----------------------------------------------------------------

    def start(self) -> None:
        """Start a new run with the controls' settings, or resume a paused one."""
        if self.lab.running:
            return
        if self.lab.started:
            self.lab.start()
            return
        try:
            configs = self.configs()
        except ValueError:
            self._show_error(self._settings_error)
            return
        self.plots.clear()
        self._show_references(next(iter(configs.values())))
        self.plots.set_models(tuple(configs))
        self.plots.set_iterations(self.form.iters.value())
        self.lab.start(configs)

    def pause(self) -> None:
        self.lab.pause()

    def clipping_rescue(self) -> None:
        """Discard any run, set the form to the clipping rescue with its unclipped twin, start."""
        self.rescue.run()

    def _restart(self) -> None:
        """Take the form's new settings and start them (after the rescue set them)."""
        self._settings_changed()
        self.start()

    def reset(self) -> None:
        """Discard the run (stopping it first) and unlock the settings."""
        self.lab.discard()
        self._settings_changed()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop and join the training thread (the window calls this when closing)."""
        return self.lab.shutdown(timeout_ms)

    def save_trained_to(self, path: str | Path, kind: str) -> Path:
        """Write ``kind``'s trained weights and read-out to ``path`` (atomically)."""
        return save_trained(path, self.lab.trainer(kind))

    def show_in_cell(self) -> None:
        """Save the chosen model to the per-user folder and emit :attr:`showTrained`."""
        kind = self.show_model.currentData()
        if kind is None or self.lab.running:
            return
        config = self.lab.config(kind)
        folder = self.data_dir / "trained" if self.data_dir is not None else trained_dir()
        path = folder / trained_file_name(config)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.save_trained_to(path, kind)
        except (OSError, WeightsError) as err:
            self._save_failed(err)
            return
        self._show_error(None)
        self.showTrained.emit(str(path), TASK_SEQUENCES[config.task], config.length)

    def choose_save_file(self) -> None:
        kind = self.show_model.currentData()
        if kind is None or self.lab.running:
            return
        name = trained_file_name(self.lab.config(kind))
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Save trained weights"),
            name,
            tr("safetensors (*.safetensors);;NumPy archive (*.npz)"),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".safetensors", ".npz"):
            path += ".npz" if "npz" in _filter else ".safetensors"
        try:
            self.save_trained_to(path, kind)
        except (OSError, WeightsError) as err:
            self._save_failed(err)
            return
        self._show_error(None)
        self._saved_name = Path(path).name
        self._render_hint()

    # -- redrawing --------------------------------------------------------------

    def _on_updated(self, kinds: tuple[str, ...]) -> None:
        for kind in kinds:
            self.plots.set_history(kind, self.lab.history(kind))
        self._refresh()

    def _on_reset(self) -> None:
        self.plots.clear()
        self._refresh()

    def _refresh(self) -> None:
        lab = self.lab
        running, started = lab.running, lab.started
        valid = self._config_valid
        self.form.set_locked(started)
        can_start = not running and (not lab.finished if started else valid)
        self.start_button.setEnabled(can_start)
        resumable = started and not running and not lab.finished
        self.start_button.setText(tr("Resume") if resumable else tr("Start"))
        self.pause_button.setEnabled(running)
        self.reset_button.setEnabled(started)
        trained = [k for k in lab.kinds if lab.iteration(k) > 0] if started else []
        with QSignalBlocker(self.show_model):
            current = self.show_model.currentData()
            self.show_model.clear()
            for k in trained:
                self.show_model.addItem(run_name(k), k)
            index = self.show_model.findData(current)
            if index < 0:
                index = self.show_model.findData("lstm")
            self.show_model.setCurrentIndex(max(index, 0))
        can_use = bool(trained) and not running
        for w in (self.show_model, self.show_button, self.save_button):
            w.setEnabled(can_use)
        for kind, label in self.status.items():
            label.setVisible(kind in (lab.kinds if started else self.plots.kinds))
            label.setText(self._status_text(kind))
        self.rescue.refresh()

    def _status_text(self, kind: str) -> str:
        color = self.theme.model_color(run_kind(kind))
        head = f"<b style='color:{color}'>{run_name(kind)}</b>"
        lab = self.lab
        if not lab.started or kind not in lab.kinds:
            return head + " · " + tr("not started")
        config = lab.config(kind)
        finished = lab.status(kind) in ("done", "diverged")
        parts = [parameters_part(config, lab.history(kind), finished)]
        parts.append(tr("iteration {i} / {n}").format(i=lab.iteration(kind), n=config.iters))
        loss = lab.history(kind)["loss"][-LOSS_WINDOW:]
        loss = loss[np.isfinite(loss)]
        if loss.size:
            parts.append(tr("loss {v:.3g}").format(v=float(loss.mean())))
        ev = lab.evaluation(kind)
        if ev is not None:
            parts.append(tr("test MSE {v:.3g}").format(v=ev.mse))
            if ev.accuracy is not None:
                parts.append(tr("accuracy {p:.0%}").format(p=ev.accuracy))
        status = {
            "running": tr("running"),
            "paused": tr("paused"),
            "done": tr("done"),
            "diverged": tr("diverged"),
        }[lab.status(kind)]
        parts.append(f"<i>{status}</i>")
        return head + " · " + " · ".join(parts)

    def set_theme(self, name: str) -> None:
        """Follow the window's theme (``"light"`` or ``"dark"``)."""
        self.theme = get_theme(name)
        self.plots.set_theme(name)
        self._refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
