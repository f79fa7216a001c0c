"""The Train dock's sentences about a run, each built from the run's own numbers.

Fact 4 of the notes (gradient clipping is the practical fix for exploding
gradients) is said when a model and its unclipped twin have both finished; fact 7
(the GRU does as well as the LSTM with fewer parameters) whenever the run trains
both. The numbers come from :mod:`lstm_viz.engine.training.milestones`; this
module only chooses the sentence that is true of them and says it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..engine.training.milestones import (
    FRACTION,
    WINDOW,
    first_beats_trivial,
    parameter_count,
    run_outcome,
)
from ..engine.training.trainer import TrainConfig
from ..i18n import tr
from ..plots.training import KINDS, UNCLIPPED, run_name

__all__ = ["beat_tooltip", "clipping_sentence", "gru_sentence", "parameters_part"]

History = Mapping[str, np.ndarray]


def beat_tooltip() -> str:
    return tr(
        "A run beats the trivial loss at the first iteration where its mean loss over the "
        "last {n} iterations is below {f:g} × the trivial loss"
    ).format(n=WINDOW, f=FRACTION)


def _params(config: TrainConfig) -> int:
    return parameter_count(config.model, config.train_task.input_size, config.hidden_size)


def parameters_part(config: TrainConfig, history: History, finished: bool) -> str:
    """``"384 parameters · beat the trivial loss at iteration 610"`` for a status line."""
    beat = first_beats_trivial(history["loss"], config.train_task.trivial)
    if beat is not None:
        when = tr("beat the trivial loss at iteration {i}").format(i=beat)
    elif finished:
        when = tr("never beat the trivial loss")
    else:
        when = tr("not below the trivial loss yet")
    return tr("{p} parameters").format(p=_params(config)) + " · " + when


def gru_sentence(configs: Mapping[str, TrainConfig], histories: Mapping[str, History]) -> str:
    """Fact 7 with the run's numbers, when the run trains both the LSTM and the GRU ("" else)."""
    if "lstm" not in configs or "gru" not in configs:
        return ""
    lstm, gru = configs["lstm"], configs["gru"]
    beats = {
        k: first_beats_trivial(histories[k]["loss"], configs[k].train_task.trivial)
        for k in ("lstm", "gru")
    }
    said = {
        k: tr("iteration {i}").format(i=b) if b is not None else tr("not yet")
        for k, b in beats.items()
    }
    return tr(
        "The GRU has {pg} parameters, {share:.0%} of the LSTM's {pl} (three blocks of "
        "weights to its four). First beat the trivial loss: GRU {ig}, LSTM {il}."
    ).format(
        pg=_params(gru),
        pl=_params(lstm),
        share=_params(gru) / _params(lstm),
        ig=said["gru"],
        il=said["lstm"],
    )


def clipping_sentence(
    configs: Mapping[str, TrainConfig],
    histories: Mapping[str, History],
    statuses: Mapping[str, str],
) -> str:
    """Fact 4 for every model whose clipped and unclipped runs have both finished ("" else)."""
    lines = []
    for kind in KINDS:
        twin = kind + UNCLIPPED
        if kind not in configs or twin not in configs:
            continue
        if any(statuses.get(k) not in ("done", "diverged") for k in (kind, twin)):
            continue
        trivial = configs[kind].train_task.trivial
        clipped = run_outcome(histories[kind], trivial)
        free = run_outcome(histories[twin], trivial)
        name, clip = run_name(kind), configs[kind].clip
        if clipped.learned and not free.learned:
            if free.first_nonfinite is not None and statuses[twin] == "diverged":
                fate = tr("the run overflowed at iteration {i} and diverged")
            elif free.first_nonfinite is not None:
                fate = tr("the run overflowed at iteration {i}")
            else:
                fate = tr("the loss ended at {v:.3g}")
            fate = fate.format(i=free.first_nonfinite, v=free.final_loss)
            lines.append(
                tr(
                    "Clipping at {clip:g} rescued the {m}: with it the loss fell to {lc:.2g} "
                    "(trivial {t:.3g}); without it the gradient norm reached {peak:.2g} — {fate}."
                ).format(
                    clip=clip,
                    m=name,
                    lc=clipped.final_loss,
                    t=trivial,
                    peak=free.peak_norm,
                    fate=fate,
                )
            )
        else:
            lines.append(
                tr(
                    "With clipping at {clip:g} the {m}'s loss ended at {lc:.3g}, without it at "
                    "{lu:.3g} (trivial {t:.3g})."
                ).format(clip=clip, m=name, lc=clipped.final_loss, lu=free.final_loss, t=trivial)
            )
    return "<br>".join(lines)
