"""What loading a weight file did: read, from where, ignored, assumed, filled.

A :class:`LoadReport` travels with every :class:`~lstm_viz.engine.io.weights.WeightFile`
so each surface can say the same thing: the CLI on stderr, ``simulate --json`` under
``load``, the window's weights area (one line each, details on demand). Every item is a
marked :class:`~lstm_viz.i18n_marks.Sentence` (English as a ``str``; said in the
current language with :func:`lstm_viz.i18n_core.say` where shown), so the report is
Qt-free and JSON-able through :meth:`LoadReport.as_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...i18n_marks import Sentence, tr_noop

__all__ = ["LoadReport", "ignored_line"]

#: How many ignored keys a one-line summary names before it counts the rest.
_SHOWN_KEYS = 4


@dataclass(frozen=True)
class LoadReport:
    """What one load of a weight file did.

    Attributes
    ----------
    read : Sentence
        The format and the file, e.g. "a PyTorch state_dict from model.pt".
    entry : str or None
        The checkpoint entry the state_dict was unwrapped from (``"model_state_dict"``).
    prefix : str or None
        The recurrent module used (``"encoder.rnn."``; ``""`` for a bare module).
    ignored : tuple of str
        The file's keys that are not the chosen recurrent module's (a read-out, an
        embedding, another module), under their original names.
    assumed : tuple of Sentence
        What the file cannot tell and was assumed (a plain RNN's nonlinearity).
    filled : tuple of Sentence
        What was filled in (zero biases of a module saved with ``bias=False``).
    notes : tuple of Sentence
        Anything else the user should know (which of several modules is shown).
    readers : tuple of str
        The layer prefixes the file itself says read the chosen module's output (a
        Keras Sequential records its order; a PyTorch state_dict does not).
    used : tuple of Sentence
        Which of the other keys a run used, and for what (the embedding that read
        the text, the read-out that predicts); those keys are not in ``ignored``.
        The loader leaves it empty: only a run knows (see
        :func:`lstm_viz.state.load_report.run_report`).
    """

    read: Sentence
    entry: str | None = None
    prefix: str | None = None
    ignored: tuple[str, ...] = ()
    assumed: tuple[Sentence, ...] = ()
    filled: tuple[Sentence, ...] = ()
    notes: tuple[Sentence, ...] = ()
    used: tuple[Sentence, ...] = ()
    readers: tuple[str, ...] = ()

    def lines(self) -> tuple[Sentence, ...]:
        """The report as short sentences, one per fact, in the order a reader wants them."""
        out: list[Sentence] = [self.read]
        if self.entry is not None:
            out.append(
                Sentence(
                    tr_noop("state_dict unwrapped from the checkpoint entry {entry!r}"),
                    entry=self.entry,
                )
            )
        if self.prefix:
            out.append(Sentence(tr_noop("recurrent module {prefix!r}"), prefix=self.prefix))
        out.extend(self.assumed)
        out.extend(self.filled)
        out.extend(self.notes)
        out.extend(self.used)
        if self.ignored:
            out.append(ignored_line(self.ignored))
        return tuple(out)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON values (English sentences)."""
        return {
            "read": str(self.read),
            "entry": self.entry,
            "prefix": self.prefix,
            "ignored": list(self.ignored),
            "assumed": [str(s) for s in self.assumed],
            "filled": [str(s) for s in self.filled],
            "notes": [str(s) for s in self.notes],
            "used": [str(s) for s in self.used],
        }


def ignored_line(keys: tuple[str, ...]) -> Sentence:
    """ "ignored 5 other keys: fc.weight, fc.bias, …" — the first few named."""
    shown = ", ".join(keys[:_SHOWN_KEYS]) + (", …" if len(keys) > _SHOWN_KEYS else "")
    return Sentence(tr_noop("ignored {n} other key(s): {keys}"), n=len(keys), keys=shown)
