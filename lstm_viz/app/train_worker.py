"""Training several models side by side off the GUI thread, paused and resumed exactly.

:class:`TrainLab` is the one place the Train dock's truth lives: the configs of
the run, each model's :class:`~lstm_viz.engine.training.trainer.TrainState` while no
thread runs, the history received so far and the held-out evaluation of each
finished model. The dock only calls its methods and redraws on its signals.

A run is a :class:`TrainThread` that owns its :class:`Trainer` objects
exclusively, steps them round-robin one iteration at a time (so the curves
advance together and pausing stops at the next iteration boundary) and emits
plain data — history arrays, floats, the immutable model — at most every
``interval`` seconds. On stopping it hands each trainer's state back, so Start
after Pause resumes bit for bit where it stopped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal

from ..engine.training.trainer import Evaluation, TrainConfig, Trainer, TrainState

__all__ = ["EVAL_SEQUENCES", "ModelUpdate", "TrainLab", "TrainThread"]

#: Held-out sequences a finished model is tested on (as ``lstm-viz train``).
EVAL_SEQUENCES = 1000
#: How often a running thread reports at most (seconds): ~15 redraws per second.
REPORT_INTERVAL = 1.0 / 15.0
#: How long :meth:`TrainLab.shutdown` waits for the thread (ms); a step takes a few ms.
JOIN_TIMEOUT_MS = 3000


@dataclass(frozen=True)
class ModelUpdate:
    """What one model did since the previous report: plain values only.

    ``history`` holds the per-iteration arrays of
    :meth:`~lstm_viz.engine.training.trainer.Trainer.history_since`; ``evaluation`` is
    set once the model has finished (done or diverged).
    """

    kind: str
    iteration: int
    status: str
    history: dict[str, np.ndarray]
    evaluation: Evaluation | None = None


class TrainThread(QThread):
    """Drives the trainers of one run; never touches a widget.

    Signals
    -------
    progressed(run_id, updates)
        ``dict[kind, ModelUpdate]`` for the models that moved (queued to the GUI thread).
    stopped(run_id, states)
        ``dict[kind, TrainState]`` when the thread ends: paused, finished or shut down.
    """

    progressed = Signal(int, object)
    stopped = Signal(int, object)

    def __init__(
        self,
        run_id: int,
        trainers: dict[str, Trainer],
        interval: float = REPORT_INTERVAL,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.run_id = run_id
        self._trainers = trainers
        self._interval = interval

    def run(self) -> None:
        trainers = self._trainers
        sent = {k: t.iteration for k, t in trainers.items()}
        evaluated = {k: t.done for k, t in trainers.items()}
        last = time.perf_counter()
        while not self.isInterruptionRequested():
            active = [t for t in trainers.values() if not t.done]
            if not active:
                break
            for t in active:
                t.step()
            if time.perf_counter() - last >= self._interval or all(t.done for t in active):
                self._report(sent, evaluated)
                last = time.perf_counter()
        self._report(sent, evaluated)
        self.stopped.emit(self.run_id, {k: t.state for k, t in trainers.items()})

    def _report(self, sent: dict[str, int], evaluated: dict[str, bool]) -> None:
        updates = {}
        for kind, t in self._trainers.items():
            evaluation = None
            if t.done and not evaluated[kind]:
                evaluation = t.evaluate(EVAL_SEQUENCES)
                evaluated[kind] = True
            if t.iteration == sent[kind] and evaluation is None:
                continue
            updates[kind] = ModelUpdate(
                kind, t.iteration, t.status, t.history_since(sent[kind]), evaluation
            )
            sent[kind] = t.iteration
        if updates:
            self.progressed.emit(self.run_id, updates)


def _empty_history() -> dict[str, np.ndarray]:
    return {
        "loss": np.zeros(0),
        "grad_norm": np.zeros(0),
        "grad_norm_clipped": np.zeros(0),
        "clipped": np.zeros(0, dtype=bool),
        "finite": np.zeros(0, dtype=bool),
    }


class TrainLab(QObject):
    """The state of the Train dock's run: configs, trainer states, histories.

    Signals
    -------
    updated(kinds)
        New history or status for the models in ``kinds`` (a tuple).
    runningChanged(running)
        A thread started, or the last one ended (its states are back).
    reset()
        Everything was discarded.
    """

    updated = Signal(object)
    runningChanged = Signal(bool)
    reset = Signal()

    def __init__(self, parent: QObject | None = None, interval: float = REPORT_INTERVAL) -> None:
        super().__init__(parent)
        self.interval = interval
        self._configs: dict[str, TrainConfig] = {}
        self._states: dict[str, TrainState | None] = {}
        self._history: dict[str, dict[str, np.ndarray]] = {}
        self._iteration: dict[str, int] = {}
        self._status: dict[str, str] = {}
        self._evaluation: dict[str, Evaluation | None] = {}
        self._thread: TrainThread | None = None
        self._run_id = 0

    # -- what views read ------------------------------------------------------

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self._configs)

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def started(self) -> bool:
        """Whether there is progress to keep (a run started and was not reset)."""
        return bool(self._configs)

    @property
    def finished(self) -> bool:
        """Whether every model is done or diverged."""
        return self.started and all(s != "running" for s in self._status.values())

    def config(self, kind: str) -> TrainConfig:
        return self._configs[kind]

    def history(self, kind: str) -> dict[str, np.ndarray]:
        """Everything received for ``kind``: the engine's per-iteration arrays."""
        return self._history[kind]

    def iteration(self, kind: str) -> int:
        return self._iteration[kind]

    def status(self, kind: str) -> str:
        """``"running"``, ``"paused"``, ``"done"`` or ``"diverged"``."""
        status = self._status[kind]
        return "paused" if status == "running" and not self.running else status

    def evaluation(self, kind: str) -> Evaluation | None:
        return self._evaluation[kind]

    def trainer(self, kind: str) -> Trainer:
        """A trainer at ``kind``'s state (only while no thread runs: the state is back)."""
        if self.running:
            raise RuntimeError("the models are training; pause first")
        return Trainer(self._configs[kind], self._states[kind])

    # -- what the dock asks ---------------------------------------------------

    def start(self, configs: dict[str, TrainConfig] | None = None) -> None:
        """Start (``configs``: a new run) or resume (no ``configs``) training."""
        if self.running:
            return
        if configs is not None:
            self.discard()
            self._configs = dict(configs)
            self._states = dict.fromkeys(configs)
            self._history = {k: _empty_history() for k in configs}
            self._iteration = dict.fromkeys(configs, 0)
            self._status = dict.fromkeys(configs, "running")
            self._evaluation = dict.fromkeys(configs)
        if not self._configs or self.finished:
            return
        trainers = {k: Trainer(c, self._states[k]) for k, c in self._configs.items()}
        self._run_id += 1
        thread = TrainThread(self._run_id, trainers, self.interval, self)
        thread.progressed.connect(self._on_progress)
        thread.stopped.connect(self._on_stopped)
        self._thread = thread
        thread.start()
        self.runningChanged.emit(True)
        self.updated.emit(self.kinds)

    def pause(self) -> None:
        """Stop at the next iteration boundary; the states come back with ``runningChanged``."""
        if self._thread is not None:
            self._thread.requestInterruption()

    def discard(self) -> None:
        """Stop (waiting for the thread) and forget the run."""
        self._stop_thread()
        was_started = self.started
        self._configs, self._states, self._history = {}, {}, {}
        self._iteration, self._status, self._evaluation = {}, {}, {}
        if was_started:
            self.reset.emit()

    def shutdown(self, timeout_ms: int = JOIN_TIMEOUT_MS) -> bool:
        """Stop and join the thread within ``timeout_ms``; whether it ended."""
        return self._stop_thread(timeout_ms)

    def _stop_thread(self, timeout_ms: int = JOIN_TIMEOUT_MS) -> bool:
        thread = self._thread
        if thread is None:
            return True
        thread.requestInterruption()
        ended = thread.wait(timeout_ms)
        if ended:
            # Its last reports may still be queued: they are dropped (stale run id).
            self._run_id += 1
            self._thread = None
            thread.deleteLater()
            self.runningChanged.emit(False)
        return ended

    # -- from the thread (queued, GUI thread) ---------------------------------

    def _on_progress(self, run_id: int, updates: dict[str, ModelUpdate]) -> None:
        if run_id != self._run_id:
            return
        for kind, u in updates.items():
            old = self._history[kind]
            self._history[kind] = {k: np.concatenate([old[k], u.history[k]]) for k in old}
            self._iteration[kind] = u.iteration
            self._status[kind] = u.status
            if u.evaluation is not None:
                self._evaluation[kind] = u.evaluation
        self.updated.emit(tuple(updates))

    def _on_stopped(self, run_id: int, states: dict[str, TrainState]) -> None:
        if run_id != self._run_id:
            return
        self._states.update(states)
        for kind, s in states.items():
            self._status[kind] = s.status
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.wait()  # run() has returned; this only joins
            thread.deleteLater()
        self.runningChanged.emit(False)
        self.updated.emit(self.kinds)
