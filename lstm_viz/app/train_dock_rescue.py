"""The clipping rescue in the Train dock: one RNN trained with and without gradient clipping.

Facts 4 and 7 from a run the user starts with one button: :data:`.train_form.CLIP_RESCUE`
(sine, T = 20, SGD with momentum, learning rate 0.6, clipping at 0.25) beside its
unclipped twin, which explodes. When the runs have something to show, the verdict line
says it with their own numbers (:func:`.train_facts.clipping_sentence`, and how the GRU
compares, :func:`.train_facts.gru_sentence`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton

from ..i18n import tr
from .train_facts import beat_tooltip, clipping_sentence, gru_sentence
from .train_form import CLIP_RESCUE, TrainForm
from .train_worker import TrainLab

__all__ = ["ClippingRescue"]


class ClippingRescue:
    """The rescue's button and the verdict line, for the dock to place.

    Parameters
    ----------
    lab
        The dock's lab: the rescue discards its run and reads the finished ones.
    form
        The dock's settings form, set to the rescue's values.
    restart
        Called once the form shows the rescue: the dock takes the new settings and starts.
    """

    def __init__(self, lab: TrainLab, form: TrainForm, restart: Callable[[], None]) -> None:
        self.lab, self.form, self._restart = lab, form, restart
        self.button = QPushButton()
        self.verdict = QLabel()
        self.verdict.setObjectName("hint")
        self.verdict.setWordWrap(True)
        self.button.clicked.connect(self.run)

    def retranslate(self) -> None:
        self.button.setText(tr("Clipping rescue"))
        self.button.setToolTip(
            tr(
                "Train the same RNN with and without gradient clipping, side by side, on a "
                "setting where the unclipped run explodes (sine, T = 20, SGD with momentum, "
                "learning rate 0.6, clipping at 0.25)"
            )
        )
        self.verdict.setToolTip(beat_tooltip())

    def run(self) -> None:
        """Discard any run, set the form to :data:`CLIP_RESCUE` with its unclipped twin, start."""
        self.lab.discard()
        self.form.set_values(CLIP_RESCUE, (CLIP_RESCUE.model,), unclipped=True)
        self._restart()

    def refresh(self) -> None:
        """Follow the lab: no rescue while a run trains; the verdict once a run exists."""
        self.button.setEnabled(not self.lab.running)
        verdict = self.verdict_text() if self.lab.started else ""
        self.verdict.setText(verdict)
        self.verdict.setVisible(bool(verdict))

    def verdict_text(self) -> str:
        """Facts 4 and 7 from the run's own numbers, once there is something to say."""
        lab = self.lab
        histories = {k: lab.history(k) for k in lab.kinds}
        configs = {k: lab.config(k) for k in lab.kinds}
        statuses = {k: lab.status(k) for k in lab.kinds}
        parts = [
            clipping_sentence(configs, histories, statuses),
            gru_sentence(configs, histories),
        ]
        return "<br>".join(p for p in parts if p)
