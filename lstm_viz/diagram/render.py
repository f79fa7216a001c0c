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

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from ..i18n import speaking
from ..languages import language_code
from ..state.results import Results
from ..state.timeline import Cursor
from .scene import SCENE_H, SCENE_W, TEXT_FLOOR_PX, CellDiagram
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
    background colour, like ``fitInView``. Its texts are drawn at least
    :data:`~lstm_viz.diagram.scene.TEXT_FLOOR_PX` pixels tall in the image (the
    scene's own floor is given back afterwards).
    """
    w, h = int(size[0]), int(size[1])
    before = scene.text_floor()
    scene.set_text_floor(TEXT_FLOOR_PX / min(w / SCENE_W, h / SCENE_H))
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
        scene.set_text_floor(before)
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
    """A view that keeps the diagram fitted, antialiased and readable on every resize.

    The whole scene fits the view (keeping its aspect); Ctrl+wheel and
    Ctrl+= / Ctrl+− zoom in and out around the pointer, Ctrl+0 fits again, and
    a zoomed view pans by dragging. The scene's texts never fall below
    :data:`~lstm_viz.diagram.scene.TEXT_FLOOR_PX` pixels on screen: the view
    tells the scene its floor in scene units whenever its scale changes.
    """

    ZOOM_STEP = 1.25
    MAX_ZOOM = 8.0

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
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMouseTracking(True)
        self._zoom = 1.0
        for keys, step in (
            ((QKeySequence.StandardKey.ZoomIn, "Ctrl+="), self.ZOOM_STEP),
            ((QKeySequence.StandardKey.ZoomOut,), 1 / self.ZOOM_STEP),
            (("Ctrl+0",), 0.0),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, s=step: self.zoom_by(s))
            self.addAction(action)

    def zoom(self) -> float:
        """How many times larger than fitted the diagram is drawn (1: fitted)."""
        return self._zoom

    def zoom_by(self, factor: float) -> None:
        """Zoom ``factor`` times (0 fits the whole diagram again)."""
        zoom = 1.0 if factor == 0 else float(np.clip(self._zoom * factor, 1.0, self.MAX_ZOOM))
        if zoom == self._zoom:
            return
        self._zoom = zoom
        self.setDragMode(
            QGraphicsView.DragMode.ScrollHandDrag if zoom > 1.0 else QGraphicsView.DragMode.NoDrag
        )
        self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_by(self.ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        """Fit the scene (times the zoom) and keep its texts above the floor."""
        centre = self.mapToScene(self.viewport().rect().center())
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self._zoom > 1.0:
            self.scale(self._zoom, self._zoom)
            self.centerOn(centre)
        self.scene().set_text_floor(TEXT_FLOOR_PX / self.scale_on_screen())

    def scale_on_screen(self) -> float:
        """Screen pixels per scene unit."""
        return max(self.transform().m11(), 1e-9)
