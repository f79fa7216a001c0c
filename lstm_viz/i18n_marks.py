"""Marking sentences for translation where Qt may not be imported (the engine and state layers).

``tr_noop("…")`` returns its argument unchanged; ``pyside6-lupdate`` is told
that it is an alias of ``QT_TR_NOOP``, so the sentence lands in the
catalogue, and the view that shows it passes it through ``tr`` (the same function
in :mod:`lstm_viz.i18n` for the window and :mod:`lstm_viz.i18n_core` without Qt).

Errors the window explains (bad settings, bad custom sequences) keep their
sentence as a template with named slots (``err.template``, ``err.slots``):
``str(err)`` is English, and :func:`lstm_viz.i18n_core.error_text` says it in the
current language.
"""

from __future__ import annotations

__all__ = ["Explained", "Marked", "Sentence", "tr_noop"]


class Marked(str):
    """A sentence marked for translation: an ordinary ``str`` that says so, so that a
    message built from several sentences (an error and its hint) can translate each."""


class Sentence(Marked):
    """A marked template with its slots filled: the English text as a ``str``, plus the
    ``template`` and ``slots`` that :func:`lstm_viz.i18n.say` needs to say it in another
    language (slots that are themselves marked are translated too)."""

    template: str
    slots: dict[str, object]

    def __new__(cls, template: str, **slots: object) -> Sentence:
        made = super().__new__(cls, template.format(**slots))
        made.template, made.slots = template, slots
        return made


def tr_noop(text: str) -> Marked:
    """``text`` itself, marked for the translation catalogue."""
    return Marked(text)


class Explained:
    """Mixed into an error whose message may be a marked template with named slots:
    ``str(err)`` is English, and ``lstm_viz.i18n.error_text(err)`` says it in the
    current language. Any other message is kept as it is, braces and all (a file
    name may hold some)."""

    template: str = ""
    slots: dict[str, object]

    def _explain(self, message: str, slots: dict[str, object]) -> str:
        """Keep ``message`` and ``slots`` for translation; the English text."""
        self.template, self.slots = message, slots
        return message.format(**slots) if isinstance(message, Marked) else message
