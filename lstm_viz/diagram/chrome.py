"""What surrounds the cell: title, stage chips, parameter count, caption and legend."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem

from ..i18n import tr
from ..state.results import Results
from ..state.timeline import Cursor, stages_of
from .colormaps import DIVERGING, SEQUENTIAL
from .items import ShapeItem, StripItem, Text, font
from .layouts import Layout, tr_noop
from .theme import Theme, qcolor

__all__ = ["Chrome"]


class Chrome:
    """Header, caption and legend items (created once; texts updated per frame)."""

    CAPTION_RECT = QRectF(40.0, 516.0, 800.0, 52.0)

    def __init__(self, parent: QGraphicsItem) -> None:
        self.texts: list[tuple[Text, str]] = []
        self.title = self._text(parent, 22, "text", bold=True).place(40, 14)
        self.subtitle = self._text(parent, 13, "muted").place(40, 44)
        self.params = self._text(parent, 12, "muted").place(1240, 16, "r")
        self.params2 = self._text(parent, 12, "muted").place(1240, 34, "r")
        self.chips: list[tuple[ShapeItem, Text]] = []
        for _ in range(3):
            shape = ShapeItem(parent, QRectF(0, 0, 10, 28), "pill")
            self.chips.append((shape, Text(shape, 13)))
        self.caption = QGraphicsTextItem(parent)
        self.caption.setFont(font(14))
        self.caption.setTextWidth(self.CAPTION_RECT.width())
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.caption.document().setDefaultTextOption(opt)
        self.caption.document().setDocumentMargin(0)
        self.caption.setPos(self.CAPTION_RECT.topLeft())
        self._caption = ""
        self._chip_key: tuple = ()
        self._build_legend(parent)

    def _text(self, parent: QGraphicsItem, px: int, role: str, **kw: bool) -> Text:
        t = Text(parent, px, **kw)
        self.texts.append((t, role))
        return t

    def _build_legend(self, parent: QGraphicsItem) -> None:
        x0, y0, w = 900.0, 506.0, 150.0
        self.legend_strips: list[StripItem] = []
        for row, (cmap, name, lo, hi) in enumerate(
            (
                (SEQUENTIAL, tr_noop("σ gates"), "0", "1"),
                (DIVERGING, tr_noop("tanh, states"), "−1", "1"),
            )
        ):
            y = y0 + row * 26
            strip = StripItem(parent, QRectF(x0, y, w, 12), cmap)
            strip.separators = False
            strip.set_values(np.linspace(cmap.low, cmap.high, 128))
            self.legend_strips.append(strip)
            self._text(parent, 11, "muted").place(x0 - 8, y - 1, "r").set(lo)
            self._text(parent, 11, "muted").place(x0 + w + 6, y - 1, "l").set(hi)
            label = self._text(parent, 11, "text").place(x0 + w + 22, y - 1, "l")
            label.set(tr(name))
            if cmap is DIVERGING:
                self.signed_label = label
        y = y0 + 50
        self.swatches: list[tuple[StripItem, Text]] = []
        for value, pending, name in (
            (0.0, True, tr_noop("not yet computed")),
            (np.inf, False, tr_noop("overflow")),
        ):
            strip = StripItem(parent, QRectF(x0, y, 24, 12), DIVERGING)
            strip.set_values(np.array([value]), pending)
            text = self._text(parent, 11, "muted")
            text.set(tr(name))
            self.swatches.append((strip, text))
        self._legend_items = [*self.legend_strips, *(s for s, _ in self.swatches)]
        self._place_swatches()

    def _place_swatches(self) -> None:
        """Swatches side by side, each after the previous one's words (whatever their size)."""
        x = 900.0
        for strip, text in self.swatches:
            r = strip.rect()
            strip.set_rect(QRectF(x, r.top(), r.width(), r.height()))
            text.place(x + 30, r.top() - 1, "l")
            x += 30 + text.boundingRect().width() + 24

    def set_text_floor(self, px: float) -> None:
        """The caption and the stage chips follow the scene's text floor."""
        self.caption.setFont(font(max(14, math.ceil(px - 1e-6))))
        self._chip_key = ()
        self._place_swatches()

    def set_theme(self, theme: Theme) -> None:
        for t, role in self.texts:
            t.setBrush(qcolor(getattr(theme, role)))
        for s in self._legend_items:
            s.theme = theme
            # Re-colour pending/overflow cells with the new theme's colours.
            s.set_values(
                s.values if not s.all_pending() else np.zeros(s.values.shape[1]), s.all_pending()
            )
        for shape, _ in self.chips:
            shape.theme = theme
        self.caption.setDefaultTextColor(qcolor(theme.text))
        self._chip_key = ()
        self._theme = theme

    def show(self, results: Results, cursor: Cursor, layout: Layout, caption: str | None) -> None:
        """Update the header for the cursor and the caption (``None`` hides it)."""
        kind = results.kind
        stages = stages_of(kind, cursor.backward)
        stage = min(cursor.stage, len(stages) - 1)
        self.title.set(tr(layout.title))
        if cursor.backward:
            subtitle = tr("backward pass  ·  the gradient reaches step {t} of {T}").format(
                t=cursor.t + 1, T=results.steps
            )
        else:
            subtitle = tr("step {t} of {T}  ·  stage {s} of {S}: {name}").format(
                t=cursor.t + 1,
                T=results.steps,
                s=stage + 1,
                S=len(stages),
                name=tr(stages[stage][1]),
            )
        self.subtitle.set(subtitle)
        m = results.model
        # A projected LSTM (PyTorch's proj_size = P) feeds back h = W_hr m, P units.
        proj = getattr(m, "proj_size", 0)
        formula = "4 × (H·D + H·P + 2H) + P·H" if proj else layout.param_formula
        self.params.set(
            tr("{n} parameters = {formula}").format(
                n=f"{m.n_params:,}".replace(",", " "), formula=formula
            )
        )
        sizes = tr("hidden size H = {H} · input size D = {D}").format(
            H=m.hidden_size, D=m.input_size
        )
        if proj:
            sizes += " · " + tr("projection P = {P}").format(P=proj)
        self.params2.set(sizes)
        self._show_chips(stages, stage)
        # In the backward pass the signed strips hold gradients, each step's divided
        # by its largest magnitude (their norms are printed beside them).
        self.signed_label.set(
            tr("gradients, scaled to ±1") if cursor.backward else tr("tanh, states")
        )
        if caption is None:
            self.caption.hide()
        else:
            self.caption.show()
            if caption != self._caption:
                self._caption = caption
                self.caption.setPlainText(caption)

    def _show_chips(self, stages: tuple[tuple[str, str], ...], active: int) -> None:
        key = (stages, active)
        if key == self._chip_key:
            return
        self._chip_key = key
        th = self._theme
        x = 330.0
        for k, (shape, text) in enumerate(self.chips):
            if k >= len(stages):
                shape.hide()
                continue
            shape.show()
            text.set_style(13, bold=(k == active))
            text.set(f"{k + 1}  {tr(stages[k][1])}")
            w = text.boundingRect().width() + 28
            h = max(28.0, text.boundingRect().height() + 10)
            shape.prepareGeometryChange()
            shape._rect = QRectF(x, 18, w, h)
            text.place(x + 14, 18 + (h - text.boundingRect().height()) / 2, "l")
            st = "active" if k == active else ("done" if k < active else "pending")
            shape.set_status(st)
            shape.update()
            text.setBrush(qcolor(th.text if k <= active else th.muted))
            x += w + 10
