"""All the gradient plots in one tabbed widget, sharing one background runner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from ..state.comparison import Comparison
from ..state.timeline import Cursor
from ..state.vocabulary import PANEL_TITLES
from ._panel import PlotPanel
from ._style import tr
from .clipping import ClippingPanel
from .connectivity import ConnectivityPanel
from .forgetting import ForgettingPanel
from .gates import GatesPanel
from .gradient import GradientPanel
from .paths import PathsPanel
from .saturation import SaturationPanel
from .stability import StabilityPanel
from .teaching import teaching_panels
from .text_panel import TextPanel
from .worker import BackgroundRunner


class GradientPlots(QTabWidget):
    """The panels as tabs; what a ``PlotsDock`` holds.

    Every call is forwarded to every panel, visible or not, so switching tabs
    never shows stale numbers. Slow work (Jacobians, the sweeps, connectivity)
    runs on :attr:`runner`, the current tab's jobs first (wherever the tabs are
    shown: the dock, a presentation slide, an export); :attr:`busy_changed` says when
    it starts and ends.

    Signals
    -------
    busy_changed(bool)
        Background work started (True) or every job delivered (False).
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = BackgroundRunner(self)
        self.runner.busy_changed.connect(self.busy_changed)
        self.gradient = GradientPanel(self.runner)
        self.paths = PathsPanel(self.runner)
        self.gates = GatesPanel(self.runner)
        self.stability = StabilityPanel(self.runner)
        self.clipping = ClippingPanel(self.runner)
        self.connectivity = ConnectivityPanel(self.runner)
        self.saturation = SaturationPanel(self.runner)
        self.forgetting = ForgettingPanel(self.runner)
        self.text = TextPanel(self.runner)
        for panel in (
            self.gradient,
            self.paths,
            self.gates,
            self.stability,
            self.clipping,
            self.connectivity,
            self.saturation,
            *teaching_panels(self),
            self.forgetting,
            self.text,
        ):
            self.addTab(panel, "")
        self.setDocumentMode(True)
        self.currentChanged.connect(self._put_current_first)
        self._put_current_first()
        self.retranslate()

    def _put_current_first(self) -> None:
        """The panel on screen computes first; switching tabs re-orders what still waits."""
        panel = self.currentWidget()
        if isinstance(panel, PlotPanel):
            panel.put_first()

    def retranslate(self) -> None:
        """The tab titles in the current language (each panel retranslates itself)."""
        for name, title in PANEL_TITLES.items():
            self.setTabText(self.indexOf(getattr(self, name)), tr(title))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def panels(self) -> tuple[PlotPanel, ...]:
        return tuple(self.widget(i) for i in range(self.count()))  # type: ignore[misc]

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def set_comparison(self, comparison: Comparison) -> None:
        """New engine results for all three models: every panel redraws (slow parts later)."""
        for panel in self.panels:
            panel.set_comparison(comparison)

    def set_current(self, comparison: Comparison) -> None:
        """The shown model's new results, the other kinds still pending: every panel
        draws what it can now, and no background job runs on this partial comparison.

        The jobs are started again by :meth:`set_comparison` with the complete
        comparison, so a job can never deliver numbers that lack the other kinds,
        however late they arrive.
        """
        self.set_comparison(comparison)
        for key in self.runner.pending:
            self.runner.cancel(key)

    def set_cursor(self, cursor: Cursor) -> None:
        """The playback step moved: move every panel's cursor line."""
        for panel in self.panels:
            panel.set_cursor(cursor)

    def set_theme(self, name: str) -> None:
        """``"light"`` or ``"dark"``."""
        for panel in self.panels:
            panel.set_theme(name)

    def shutdown(self, wait: bool = True) -> bool:
        """Drop queued jobs and discard the results of running ones (call before the app
        quits); with ``wait`` wait for those. Whether none is still running."""
        return self.runner.shutdown(wait)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
