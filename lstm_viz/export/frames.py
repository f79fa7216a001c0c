"""Cursor → picture for an export: the window's own diagram and plot panels, composed.

The diagram is the same :class:`CellDiagram` the window shows, drawn with
:func:`~lstm_viz.diagram.render.render_scene` (for the diagram alone the image
*is* ``render_frame``'s); the plot panel is a private :class:`GradientPlots`
rendered with ``QWidget.render``. Everything paints through one
:meth:`FrameRenderer.paint`, so a PNG and an SVG of a frame show the same layout
(its rectangles are :class:`~.layout.WindowLayout`'s).
GUI thread only: QGraphicsScene and widgets are not thread-safe.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from ..diagram.items import font as diagram_font
from ..diagram.render import render_scene
from ..diagram.scene import TEXT_FLOOR_PX, CellDiagram
from ..diagram.theme import qcolor
from ..engine.data.sequences import PRESET_TITLES
from ..i18n import speaking
from ..languages import language_code
from ..plots import GradientPlots
from ..plots._panel import PlotPanel
from ..state.comparison import Comparison
from ..state.timeline import Cursor, Timeline
from .layout import MARGIN, WindowLayout
from .options import ExportError, ExportOptions, tr

__all__ = ["FrameRenderer", "close_when_idle", "title_text", "to_rgb"]

#: Plot pictures kept (one per step): frames come in order, so a step's frames are
#: together; a 1080p panel is ~2.5 MB, and 64 of them were most of an export's memory.
PLOT_CACHE = 2


def title_text(comparison: Comparison) -> str:
    """The title line: model, sizes and sequence."""
    r = comparison.current_results
    m = r.model
    values = {
        "kind": m.kind.upper(), "h": m.hidden_size, "d": m.input_size,
        "seq": tr(PRESET_TITLES.get(r.sequence.name, r.sequence.name)), "t": r.steps,
    }  # fmt: skip
    if r.weights is not None and r.settings.weights:
        # Whole sentences for translators, with and without the weights file.
        text = tr(
            "{kind} · hidden size H = {h} · input size D = {d} · sequence “{seq}”, {t} steps "
            "· weights {name}"
        )
        values["name"] = Path(r.settings.weights).name
    else:
        text = tr("{kind} · hidden size H = {h} · input size D = {d} · sequence “{seq}”, {t} steps")
    return text.format(**values)


def to_rgb(image: QImage) -> np.ndarray:
    """A copy of ``image`` as an (H, W, 3) uint8 RGB array (what the writers take)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, bpl = rgb.height(), rgb.width(), rgb.bytesPerLine()
    return (
        np.frombuffer(rgb.constBits(), np.uint8, h * bpl)
        .reshape(h, bpl)[:, : w * 3]
        .reshape(h, w, 3)
        .copy()
    )


class _IgnoreLanguageChange(QObject):
    """An event filter that keeps a widget's words as they were made."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.LanguageChange


class FrameRenderer(WindowLayout):
    """Draws the frames of one export.

    Parameters
    ----------
    comparison
        The engine results (all three models: the plots compare them).
    options
        What the picture shows and its size.
    """

    def __init__(self, comparison: Comparison, options: ExportOptions) -> None:
        if QApplication.instance() is None:
            raise RuntimeError("FrameRenderer needs a QApplication")
        self.comparison = comparison
        self.results = comparison.current_results
        super().__init__(options)
        # Every word is drawn in the export's language, whatever the app speaks then:
        # the parts are made, and every frame painted, inside speaking(lang).
        self.lang = language_code(options.lang)
        self.timeline = Timeline.for_kind(
            self.results.kind, self.results.steps, backward=options.backward
        )
        self.plots: GradientPlots | None = None
        self._plot_cache: dict[int, QImage] = {}
        self._plot_density = options.scale
        self._keep_words = _IgnoreLanguageChange()
        with speaking(self.lang):
            self.scene = CellDiagram(theme=options.theme)
            # The window layout sets the caption under the diagram, in larger type.
            self.scene.set_caption_visible(options.caption and options.content == "diagram")
            self.scene.set_unrolled(options.unrolled)
            if options.content != "diagram":
                self._make_plots()
            self._floor_diagram()

    def _floor_diagram(self) -> None:
        """Draw the diagram's words at least TEXT_FLOOR_PX pixels tall in the picture,
        however small the diagram is (a square picture is narrower than the scene)."""
        self.scene.set_text_floor(TEXT_FLOOR_PX / self.diagram_density())

    # -- set-up -----------------------------------------------------------------

    def _make_plots(self) -> None:
        plots = self.plots = GradientPlots()
        plots.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        # The window switching language must not retranslate the export's plots.
        plots.installEventFilter(self._keep_words)
        plots.set_theme(self.options.theme)
        panel = self.panel
        # Only the panel shown: the others' background jobs would only delay the export.
        panel.set_comparison(self.comparison)
        plots.setCurrentWidget(panel)
        # A figure needs the plot, not the window's controls: hide "?" and the combo boxes.
        panel.help_button.hide()
        for i in range(panel.controls.count()):
            if (w := panel.controls.itemAt(i).widget()) is not None:
                w.hide()
        plots.show()
        self._resize_plots()
        self._fit_plots()

    def _measure_plots(self) -> None:
        """Measure the panel's least width, then fit it (and the diagram beside it) again."""
        panel = self.panel
        chrome = panel.width() - panel.graphics.width()
        least = panel.graphics.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
        self._plot_least = least + chrome + MARGIN

    def _fit_plots(self) -> None:
        """Size the plot panel for its room at :meth:`plot_density` (measured again:
        the panel's least width is known once its legend and axes are made)."""
        assert self.plots is not None
        self._measure_plots()
        for _ in range(4):
            self._resize_plots()
            density = self.plot_density()
            if abs(density - self._plot_density) < 1e-3:
                return
            self._plot_density = density
            self._plot_cache.clear()
        self._resize_plots()

    def _resize_plots(self) -> None:
        assert self.plots is not None
        room = self._plot_rect().size() * (self.options.scale / self._plot_density)
        want = QSize(round(room.width()), round(room.height()))
        self.plots.resize(want)
        QApplication.processEvents()
        # The tab bar takes some height: grow the tab widget so the panel gets ``want``.
        extra = self.plots.size() - self.panel.size()
        self.plots.resize(want + QSize(max(extra.width(), 0), max(extra.height(), 0)))
        QApplication.processEvents()

    @property
    def panel(self) -> PlotPanel:
        assert self.plots is not None
        return getattr(self.plots, self.options.panel)

    def wait_ready(
        self, timeout: float = 60.0, cancelled: Callable[[], bool] | None = None
    ) -> bool:
        """Block until the plot's background work is delivered (the pictures are final).

        False when ``cancelled()`` turned true first (checked every 0.1 s).
        """
        if self.plots is None:
            return True
        deadline = time.monotonic() + timeout
        with speaking(self.lang):  # a finished job's status line is worded as it arrives
            QApplication.processEvents()
            while self.panel.busy:
                if cancelled is not None and cancelled():
                    return False
                self.plots.runner.wait(100)
                QApplication.processEvents()
                if time.monotonic() > deadline:
                    raise ExportError(tr("the gradient plots took too long to compute"))
            QApplication.processEvents()
            self.panel.retranslate()  # in case the results came through the window's loop
            self._fit_plots()  # the results may have widened the legend
            self._floor_diagram()
        return True

    def close(self, wait: bool = True) -> bool:
        """Free the Qt objects now, while the application is whole; False if it could not.

        Left to the interpreter's exit, PySide destroys the application first and then
        pyqtgraph's items, whose destructors call back into Python that is half gone:
        the segfault after "wrote …" (issue #18). ``deleteLater`` would wait for an
        event loop that the command line never runs again. With ``wait=False`` a
        plot job still running is not waited for: everything is then kept as it
        is, and False tells the caller to end the process rather than return.
        """
        self._plot_cache.clear()
        if self.plots is None:
            return True
        if not self.plots.runner.shutdown(wait=wait):
            return False
        plots, self.plots = self.plots, None
        plots.close()
        shiboken6.delete(plots)
        return True

    # -- drawing ----------------------------------------------------------------

    def render(self, cursor: Cursor) -> QImage:
        """The frame at ``cursor`` as an ARGB32-premultiplied image of the pixel size."""
        with speaking(self.lang):
            return self._render(cursor)

    def _render(self, cursor: Cursor) -> QImage:
        o = self.options
        if o.content == "diagram" and not o.title:
            self.scene.show(self.results, cursor)
            return render_scene(self.scene, o.pixel_size)  # exactly render_frame's picture
        image = QImage(*o.pixel_size, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(o.scale)
        painter = QPainter(image)
        try:
            self._paint(painter, cursor, True)
        finally:
            painter.end()
        image.setDevicePixelRatio(1.0)
        return image

    def paint(self, painter: QPainter, cursor: Cursor, *, cache: bool = True) -> None:
        """Paint the frame at ``cursor`` into ``painter``'s logical rect ``(0, 0, *size)``.

        ``cache=False`` draws the plot panel afresh as vectors (SVG); otherwise
        the panel's picture is kept per step (its cursor line moves by steps only).
        """
        with speaking(self.lang):
            self._paint(painter, cursor, cache)

    def _paint(self, painter: QPainter, cursor: Cursor, cache: bool) -> None:
        o = self.options
        theme = self.scene.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.fillRect(QRectF(0, 0, *o.size), qcolor(theme.background))
        self.scene.show(self.results, cursor)
        if o.content != "plots":
            self.scene.render(
                painter,
                self._diagram_rect(),
                self.scene.sceneRect(),
                Qt.AspectRatioMode.KeepAspectRatio,
            )
        if o.content != "diagram":
            self._paint_plots(painter, cursor, cache)
        if o.content == "window" and o.caption:
            text = self.scene.caption_text()
            self._text(
                painter,
                self._caption_rect(),
                text,
                size=self.caption_px(text),
                colour=theme.text,
            )
        if o.title:
            rect = QRectF(2 * MARGIN, 0, o.size[0] - 4 * MARGIN, self._title_height())
            self._text(
                painter,
                rect,
                title_text(self.comparison),
                size=self.title_px(),
                colour=theme.text,
                bold=True,
                flags=Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            )

    def _paint_plots(self, painter: QPainter, cursor: Cursor, cache: bool) -> None:
        assert self.plots is not None
        rect = self._plot_rect()
        t = int(np.clip(cursor.t, 0, self.results.steps - 1))
        self.plots.set_cursor(cursor)
        panel = self.panel
        k = self.options.scale / self._plot_density  # plot layout pixels → picture layout
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(1 / k, 1 / k)
        try:
            if not cache:
                panel.render(painter, QPoint(0, 0))
                return
            image = self._plot_cache.get(t)
            if image is None:
                image = self._plot_image(panel)
                if len(self._plot_cache) >= PLOT_CACHE:
                    self._plot_cache.clear()
                self._plot_cache[t] = image
            painter.drawImage(QPoint(0, 0), image)
        finally:
            painter.restore()

    def _plot_image(self, panel: PlotPanel) -> QImage:
        """The panel drawn at the plot's density (one picture pixel per image pixel)."""
        density = self._plot_density
        image = QImage(panel.size() * density, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(density)
        image.fill(QColor(panel.theme.background))
        p = QPainter(image)
        try:
            panel.render(p, QPoint(0, 0))
        finally:
            p.end()
        return image

    @staticmethod
    def _text(
        painter: QPainter,
        rect: QRectF,
        text: str,
        *,
        size: float,
        colour: str,
        bold: bool = False,
        flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        if not text or rect.height() <= 0:
            return
        font = QFont(diagram_font(round(size), bold))
        painter.save()
        painter.setFont(font)
        painter.setPen(qcolor(colour))
        painter.drawText(rect, int(flags | Qt.TextFlag.TextWordWrap), text)
        painter.restore()


_closing: list[FrameRenderer] = []  # kept alive until their plot job ends


def close_when_idle(renderer: FrameRenderer) -> None:
    """Free ``renderer`` now if no plot job of it runs, else as soon as none does.

    A cancel must not wait for a plot computation (seconds at large sizes): its
    result is dropped, and the renderer's Qt objects go once the job's thread is free.
    """
    if renderer.close(wait=False):
        if renderer in _closing:
            _closing.remove(renderer)
        return
    if renderer not in _closing:
        _closing.append(renderer)
    QTimer.singleShot(100, lambda: close_when_idle(renderer))
