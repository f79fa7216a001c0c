"""pyqtgraph panels fed with engine results; no engine computation.

Each panel is a ``QWidget`` with ``set_comparison(comparison)``,
``set_cursor(cursor)`` and ``set_theme(name)``; :class:`GradientPlots` holds
them all as tabs and shares one :class:`BackgroundRunner` for the slow parts.
"""

from .clipping import ClippingPanel
from .connectivity import ConnectivityPanel
from .container import GradientPlots
from .gates import GatesPanel
from .gradient import GradientPanel
from .paths import PathsPanel
from .saturation import SaturationPanel
from .stability import StabilityPanel
from .worker import BackgroundRunner

__all__ = [
    "BackgroundRunner",
    "ClippingPanel",
    "ConnectivityPanel",
    "GatesPanel",
    "GradientPanel",
    "GradientPlots",
    "PathsPanel",
    "SaturationPanel",
    "StabilityPanel",
]
