"""A scene laid out in output pixels (y down), for the views that are grids and lists, not radars.

Items live in a ViewBox whose range is the output's size, so the same items
paint the window, PNG and PDF, and the SVG writer maps them like the radar's.
Rectangles are path items: the SVG writer exports paths, polygons and text.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QWidget

from gapradar.chart.colour import luminance
from gapradar.chart.view_spec import ViewSpec


def font(px: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(6, round(px)))
    f.setBold(bold)
    return f


def pen(colour: str | QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(QColor(colour))
    p.setWidthF(width)
    p.setCosmetic(True)
    p.setStyle(style)
    p.setCapStyle(Qt.PenCapStyle.FlatCap)
    p.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return p


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (WCAG contrast)."""
    return "#000000" if luminance(fill) > 0.22 else "#ffffff"


class PixelScene:
    """Owns items inside a ViewBox whose data units are output pixels."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        self.vb = view_box
        self.items: list[QGraphicsItem] = []
        self._roots: list[QGraphicsItem] = []  # what is in the view box itself: pyqtgraph items, layers
        self._layers: dict[float, QGraphicsItem] = {}
        self.size = (0.0, 0.0)
        self.spec: ViewSpec | None = None

    def set_spec(self, spec: ViewSpec) -> None:
        self.spec = spec
        self.rebuild()

    def resize(self, width: float, height: float) -> None:
        if (width, height) != self.size:
            self.size = (width, height)
            self.rebuild()

    def rebuild(self) -> None:
        """Lay the scene out for `spec` at `size`: cleared, then drawn by the view's scene."""
        spec = self.spec
        w, h = self.size
        if spec is None or w < 2 or h < 2:
            return
        self.clear()
        self.set_extent(w, h)
        self.draw(spec, w, h)

    def draw(self, spec: ViewSpec, width: float, height: float) -> None:
        """Each view's scene draws itself here, into a cleared scene of that size."""
        raise NotImplementedError

    def set_extent(self, width: float, height: float) -> None:
        self.vb.setRange(xRange=(0, width), yRange=(0, height), padding=0)

    def clear(self) -> None:
        for item in self._roots:
            self.vb.removeItem(item)
        self.items, self._roots, self._layers = [], [], {}

    def add(self, item: QGraphicsItem, z: float = 0) -> QGraphicsItem:
        """Plain Qt items go into one layer per z (a heatmap has tens of thousands of cells: added
        to the view box one by one, each cost a round of pyqtgraph's Python bookkeeping);
        pyqtgraph's own items, which follow the view's transform, go to the view box itself.
        `items` lists every item drawn, whichever way it went."""
        self.items.append(item)
        item.setZValue(z)  # in a layer too: the same z as its layer, so its own reads true
        if isinstance(item, pg.GraphicsObject):
            self.vb.addItem(item, ignoreBounds=True)
            self._roots.append(item)
            return item
        layer = self._layers.get(z)
        if layer is None:
            layer = QGraphicsRectItem()
            layer.setPen(QPen(Qt.PenStyle.NoPen))
            layer.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
            layer.setZValue(z)
            self.vb.addItem(layer, ignoreBounds=True)
            self._roots.append(layer)
            self._layers[z] = layer
        item.setParentItem(layer)
        return item

    def remove(self, item: QGraphicsItem) -> None:
        """Take one item out again (the heatmap's selection outline)."""
        if item in self._roots:
            self.vb.removeItem(item)
            self._roots.remove(item)
        else:
            scene = item.scene()
            if scene is not None:
                scene.removeItem(item)  # out of its layer too
        self.items.remove(item)

    def rect(
        self, r: QRectF, fill: str | QColor | None, outline: QPen | None = None, z: float = 0
    ) -> QGraphicsPathItem:
        path = QPainterPath()
        path.addRect(r)
        return self.path(path, fill, outline, z)

    def path(
        self, path: QPainterPath, fill: str | QColor | None, outline: QPen | None = None, z: float = 0
    ) -> QGraphicsPathItem:
        item = QGraphicsPathItem(path)
        item.setBrush(QBrush(QColor(fill)) if fill is not None else QBrush(Qt.BrushStyle.NoBrush))
        item.setPen(outline if outline is not None else QPen(Qt.PenStyle.NoPen))
        self.add(item, z)
        return item

    def heading(self, spec: ViewSpec, w: float, h: float) -> tuple[float, float, float, float, float]:
        """The title every list-like view starts with: (scale, margin, label px, subtitle px, y below it)."""
        from gapradar.chart.radar_scene import sizes_for
        from gapradar.chart.titles import display_title

        s = sizes_for(w, h).scale
        m, label_px = 14 * s, 14 * s * spec.font_scale
        title_px, sub_px = 21 * s * spec.chrome_scale, 13.5 * s * spec.chrome_scale
        y = m
        if spec.show_title:
            title, room = display_title(spec), w - 2 * m
            wide = text_size(title, title_px, True)[0]
            if wide > room:  # smaller, down to 70%, then wrapped between words: never cut
                title_px = max(title_px * 0.7, title_px * room / wide)
            self.text(title, title_px, spec.theme.text, m, y, bold=True, width=room)
            y += text_size(title, title_px, True, width=room)[1]
        return s, m, label_px, sub_px, y

    def message(self, text: str, px: float, colour: str, w: float, h: float, margin: float) -> None:
        """A view's one line of explanation in place of its chart, centred and wrapped to the width."""
        self.text(
            text,
            px,
            colour,
            w / 2,
            h / 2,
            anchor=(0.5, 0.5),
            width=w - 2 * margin,
            align=Qt.AlignmentFlag.AlignHCenter,
        )

    def text(
        self,
        text: str,
        px: float,
        colour: str,
        x: float,
        y: float,
        anchor: tuple[float, float] = (0, 0),
        bold: bool = False,
        width: float | None = None,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        z: float = 5,
    ) -> pg.TextItem:
        """A text at (x, y) pixels; `anchor` (0–1, 0–1) is the point of the text placed there."""
        item = pg.TextItem(text=text, color=QColor(colour), anchor=anchor)
        item.setFont(font(px, bold))
        doc = item.textItem.document()
        doc.setDocumentMargin(max(1.0, px * 0.2))
        if width is not None:
            item.setTextWidth(max(8.0, width))
        if align != Qt.AlignmentFlag.AlignLeft:
            doc.setDefaultTextOption(QTextOption(align))
        item.setPos(x, y)
        self.add(item, z)
        return item


def text_size(text: str, px: float, bold: bool = False, width: float | None = None) -> tuple[float, float]:
    """What `PixelScene.text` would measure, without making an item."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDocumentMargin(max(1.0, px * 0.2))
    doc.setDefaultFont(font(px, bold))
    doc.setPlainText(text)
    if width is not None:
        doc.setTextWidth(max(8.0, width))
    return doc.size().width(), doc.size().height()


def elide(text: str, px: float, width: float, bold: bool = False, middle: bool = False) -> str:
    """`text` shortened with "…" to fit `width` pixels (a tooltip or the table gives it whole).

    `middle` keeps both ends: "Mobile Ban…(Android)" still tells the two platforms apart.
    """
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(font(px, bold))
    room = width - 2 * max(1.0, px * 0.2)  # the text item's margins
    if metrics.horizontalAdvance(text) <= room + 0.02 * px * len(text) + 2:  # measured to fit: keep it whole
        return text
    mode = Qt.TextElideMode.ElideMiddle if middle else Qt.TextElideMode.ElideRight
    return metrics.elidedText(text, mode, max(room, 10.0))


def still_view_box(view: pg.GraphicsView, invert_y: bool = False) -> pg.ViewBox:
    """Set `view` up as a still picture (no scroll bars, frame or mouse panning); its view box."""
    view.setAntialiasing(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFrameShape(pg.QtWidgets.QFrame.Shape.NoFrame)
    box = pg.ViewBox(enableMouse=False, enableMenu=False, defaultPadding=0)
    box.setMouseEnabled(False, False)
    box.invertY(invert_y)
    view.setCentralItem(box)
    return box


class PixelCanvas(pg.GraphicsView):
    """A plain view of one pixel scene: what exports paint and the window's views extend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=None)
        self.view_box = still_view_box(self, invert_y=True)  # pixel scenes count y downwards
