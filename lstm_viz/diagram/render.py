"""Headless rendering of one frame, and the view the window embeds.

The window, the exporter and the tests draw the very same pictures: all of
them go through :class:`CellDiagram`; :func:`render_frame` paints its fixed
scene rect into an image of any size.

A frame is a pure function of its arguments, language and theme included:
the scenes :func:`render_frame` keeps are keyed by both, and it draws inside
:func:`~lstm_viz.i18n.speaking`, so the app's own language never leaks in.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QResizeEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from ..i18n import speaking
from ..languages import language_code
from ..state.results import Results
from ..state.timeline import Cursor
from .scene import CellDiagram
from .theme import qcolor

__all__ = ["DiagramView", "render_frame", "render_scene"]

# Scenes by (theme, language): an item's fixed words are set when it is made.
_scenes: dict[tuple[str, str], CellDiagram] = {}


def _ensure_app() -> None:
    if QApplication.instance() is None:
        raise RuntimeError("render_frame needs a QApplication (QT_QPA_PLATFORM=offscreen works)")


def render_scene(scene: CellDiagram, size: tuple[int, int]) -> QImage:
    """Paint ``scene``'s whole scene rect into a new ARGB32-premultiplied image.

    The scene keeps its aspect ratio: a different aspect leaves bands of the
    background colour, like ``fitInView``.
    """
    w, h = int(size[0]), int(size[1])
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(qcolor(scene.theme.background))
    painter = QPainter(image)
    try:  # never leave the image being painted (Qt warns, then may crash freeing it)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        scene.render(
            painter, QRectF(0, 0, w, h), scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio
        )
    finally:
        painter.end()
    return image


def render_frame(
    results: Results,
    cursor: Cursor,
    size: tuple[int, int] = (1280, 720),
    *,
    unrolled: bool = False,
    theme: str = "light",
    caption: bool = True,
    lang: str = "en",
) -> QImage:
    """The diagram of ``results`` at ``cursor`` as an image of ``size`` pixels, in ``lang``.

    A pure function of its arguments, whatever language the app speaks: the
    scene it reuses (one per theme and language keeps repeated calls cheap)
    is fully updated from them, and every word is drawn in ``lang``.
    """
    _ensure_app()
    key = (theme, language_code(lang))
    with speaking(key[1]):
        scene = _scenes.get(key)
        if scene is None:
            scene = _scenes[key] = CellDiagram(theme=theme)
        scene.set_caption_visible(caption)
        scene.set_unrolled(unrolled)
        scene.show(results, cursor)
        return render_scene(scene, size)


@atexit.register
def _drop_scenes() -> None:
    # Before PySide's own exit clean-up (registered earlier, so run later) destroys
    # the application: items freed while Qt and Python are both whole.
    _scenes.clear()


class DiagramView(QGraphicsView):
    """A view that keeps the whole diagram fitted, antialiased, on every resize."""

    def __init__(self, scene: CellDiagram, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setMouseTracking(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
