"""A weight file's load report as one run sees it: the keys it used are not "ignored".

The loader knows only the recurrent module, so it lists every other key as ignored.
A run on text may then read the tokens through the file's embedding and predict with
its read-out head; saying those keys were ignored would be false, so every surface
(the CLI's stderr, ``simulate --json``, the window's weights area) shows this report.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..engine.io.heads import find_embedding
from ..engine.io.report import LoadReport
from ..i18n_marks import Sentence, tr_noop

if TYPE_CHECKING:
    from .results import Results

__all__ = ["run_report"]


def run_report(results: Results) -> LoadReport | None:
    """The load report of ``results.weights`` with what this run used moved out of
    ``ignored`` into ``used``; ``None`` without a weight file."""
    wf = results.weights
    if wf is None:
        return None
    used: list[Sentence] = []
    assumed: list[Sentence] = []
    keys: set[str] = set()
    embedding = find_embedding(wf) if results.text is not None else None
    if embedding is not None and results.text.how == f"embedding {embedding.key!r}":
        keys.add(embedding.key)
        rows, width = embedding.weight.shape
        used.append(
            Sentence(
                tr_noop("embedding {key!r} ({rows} tokens × {width}) reads the text"),
                key=embedding.key,
                rows=rows,
                width=width,
            )
        )
    # The same head Results.predictions reads (asked directly: the labels are not needed),
    # used only where it fits what the module returns (as predict() decides).
    head = wf.readout()
    if head is not None and head.weight.shape[1] == results.output.shape[-1]:
        keys.add(head.prefix + "weight")
        if head.bias is not None:
            keys.add(head.prefix + "bias")
        used.append(
            Sentence(
                tr_noop("read-out {module!r} ({n} output(s)) gives the predictions"),
                module=head.prefix.rstrip("."),
                n=int(head.weight.shape[0]),
            )
        )
        if len(wf.modules) > 1 and head.prefix not in wf.report.readers:
            assumed.append(
                Sentence(
                    tr_noop(
                        "{module!r} is assumed to read the module shown: the file has "
                        "{n} recurrent modules and does not record which one it reads"
                    ),
                    module=head.prefix.rstrip("."),
                    n=len(wf.modules),
                )
            )
    if not used:
        return wf.report
    ignored = tuple(k for k in wf.report.ignored if k not in keys)
    return replace(
        wf.report,
        ignored=ignored,
        used=tuple(used),
        assumed=(*wf.report.assumed, *assumed),
    )
