"""The one error a training configuration raises, its message marked for translation.

:class:`TrainConfigError` is a ``ValueError`` whose message is a marked template with
named slots (see :mod:`lstm_viz.i18n_marks`): ``str(err)`` is English, and
:func:`lstm_viz.i18n_core.error_text` says it in the current language — the train
command, the train lab and ``TrainConfig(...)`` itself all meet the same sentence.
"""

from __future__ import annotations

from ...i18n_marks import Explained

__all__ = ["TrainConfigError"]


class TrainConfigError(Explained, ValueError):
    """A training setting that cannot be used; the message names the setting, what it
    got and what it accepts."""

    def __init__(self, message: str, **slots: object) -> None:
        super().__init__(self._explain(message, slots))
