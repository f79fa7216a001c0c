"""Attribution drawn over the tokens: which inputs the prediction at step t' depends on. No Qt.

For the prediction at step t' (the probability of the class predicted there; a
regressor: its value), :func:`lstm_viz.state.prediction.attribution` gives
‖∂ŷ_t'/∂x_t‖ exactly, through the whole model, for every t the prediction depends on
(t ≤ t'; every t for a bidirectional model). The inputs are the tokens, whichever
layer or direction the diagram shows, so the norms are kept in the written order.
Those norms span many decades (a gradient fades geometrically with distance), so the
Text panel colours them on a log scale:

    shade_t = (log₁₀ ‖∂ŷ_t'/∂x_t‖ − low) / (high − low),  clipped to [0, 1]

with ``high`` the largest norm's log and ``low`` the smallest's, but at most
:data:`DECADES` below ``high``; a norm of exactly 0 shades 0. Later tokens of a
one-way model (t > t') have no shade: the prediction at t' has not read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .prediction import Predictions, attribution
from .text_view import written_step

if TYPE_CHECKING:
    from .results import Results

__all__ = ["DECADES", "TokenAttribution", "attribution_predictions", "token_attribution"]

#: The colour scale spans at most this many decades below the strongest input.
DECADES = 6.0


@dataclass(frozen=True, eq=False)
class TokenAttribution:
    """‖∂ŷ_t'/∂x_t‖ for one prediction, ready to colour the tokens.

    Attributes
    ----------
    step
        The cursor's step the prediction was asked for, 0-based, in the shown cell's
        own order (a reverse cell's step 0 is the last token).
    steps
        T, the number of steps of the sequence.
    norms
        ‖∂ŷ_t'/∂x_t‖ in written order for t = 0 … t' (t' the written place of
        ``step``), or for all T steps of a bidirectional model, as the engine gave them.
    low, high
        log₁₀ of the norms at the two ends of the colour scale.
    """

    step: int
    steps: int
    norms: np.ndarray
    low: float
    high: float

    @property
    def smallest(self) -> float:
        """The smallest finite norm (the real range's lower end; 0 when one is 0)."""
        finite = self.norms[np.isfinite(self.norms)]
        return float(finite.min()) if finite.size else float("nan")

    @property
    def largest(self) -> float:
        """The largest finite norm."""
        finite = self.norms[np.isfinite(self.norms)]
        return float(finite.max()) if finite.size else float("nan")

    def shades(self) -> np.ndarray:
        """``(T,)`` in written order: each token's place on the colour scale in [0, 1];
        NaN for the tokens not read and where the norm is not finite (see
        :meth:`overflowed`)."""
        out = np.full(self.steps, np.nan)
        v = self.norms
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(v)
        span = self.high - self.low
        shade = np.ones_like(logs) if span <= 0 else (logs - self.low) / span
        shade = np.where(v == 0, 0.0, np.clip(shade, 0.0, 1.0))
        out[: len(v)] = np.where(np.isfinite(v), shade, np.nan)
        return out

    def overflowed(self) -> np.ndarray:
        """``(T,)`` bool in written order: the tokens whose norm overflowed (inf or NaN)."""
        out = np.zeros(self.steps, dtype=bool)
        out[: len(self.norms)] = ~np.isfinite(self.norms)
        return out


def attribution_predictions(results: Results) -> Predictions | None:
    """The predictions attribution can be drawn for: the read-out's, when the steps
    are tokens; else ``None``."""
    if results.text is None:
        return None
    try:
        return results.predictions
    except ValueError:  # labels that do not fit the head: the settings dock says so
        return None


def token_attribution(results: Results, step: int, decades: float = DECADES) -> TokenAttribution:
    """‖∂ŷ_t'/∂x_t‖ for the prediction at the shown cell's ``step`` (0-based, its own
    order; t' is that step's place in the text), in written order.

    Raises ``ValueError`` when the model has no read-out head or the steps are no text.
    """
    if attribution_predictions(results) is None:
        raise ValueError("attribution needs a read-out head and a text")
    step = min(max(step, 0), results.steps - 1)
    norms = attribution(results, written_step(step, results.steps, results.direction))
    norms.setflags(write=False)
    positive = norms[np.isfinite(norms) & (norms > 0)]
    if positive.size:
        high = float(np.log10(positive.max()))
        low = max(float(np.log10(positive.min())), high - decades)
    else:
        high = low = 0.0
    return TokenAttribution(step, results.steps, norms, low, high)
