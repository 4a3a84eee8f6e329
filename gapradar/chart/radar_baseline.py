"""The baseline round on the radar: a faint outline in long dashes under each series shown.

Comparing rounds, the room sees where each system stood then under where it
stands now, in the same colour, so the distance between the two outlines is
what moved. Drawn by the same scene for the window, presentation and exports.
Only current levels are drawn: the baseline's targets would add a third line
per system and say little (targets rarely move).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gapradar.chart.spec import ChartSpec

if TYPE_CHECKING:
    from gapradar.chart.radar_scene import RadarScene

# Overlay: under every series (10 and up), seen through their translucent fills; over the
# roll-up's band (9.5), under its dotted edges (9.55), whichever was drawn first.
BASELINE_Z = 9.52
# Focus: over the current level's opaque wash (11) and the band (11.5), under the band's
# edges (11.55) and the target's dashes (12).
FOCUS_Z = 11.52
BASELINE_ALPHA = 0.6
DASHES = [5.0, 3.0]  # long dashes, in line widths: the target's dashes are shorter
GLYPH = "╌"


def legend_row(spec: ChartSpec) -> tuple[str, str, str] | None:
    """The legend's line naming the baseline, or None when nothing is compared."""
    if spec.baseline is None:
        return None
    return (GLYPH, spec.theme.muted_text, f"Then: {spec.baseline.label}")


def baseline_pen(colour: str, width: float) -> QPen:
    c = QColor(colour)
    c.setAlphaF(BASELINE_ALPHA)
    pen = QPen(c)
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setStyle(Qt.PenStyle.CustomDashLine)
    pen.setDashPattern(DASHES)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _device_rect(t: QTransform, rect: QRectF) -> QRect:
    """The whole output pixels that `rect` covers, and one more on every side."""
    return t.mapRect(rect).toRect().adjusted(-1, -1, 1, 1)


class BaselineLayer(QGraphicsItem):
    """A baseline round's outlines, drawn in one item.

    Long dashes are costly to stroke: a dozen dashed outlines took longer to paint than
    the rest of the chart. On screen the layer keeps each outline as it painted it, as
    an image, and draws those again while the chart's scale and place stay the same
    (as Qt's device cache does for an item, but kept while the layer is hidden: choosing
    that baseline again draws the images). Each outline has its own image, blended in
    turn as the outlines themselves were: the pixels are the same. Exports draw the
    outlines themselves.
    """

    MOST_PIXELS = 4_000_000  # past this many image pixels (16 MB) the outlines are drawn each time

    def __init__(self, outlines: list[tuple[QPainterPath, QPen]], margin: float, keep_images: bool) -> None:
        super().__init__()
        self.outlines = outlines
        self._rects = [
            path.controlPointRect().adjusted(-margin, -margin, margin, margin) for path, _ in outlines
        ]
        self._rect = QRectF()
        for rect in self._rects:
            self._rect = self._rect.united(rect)
        self._keep_images = keep_images
        self._images: list[tuple[QImage, QPoint]] = []
        self._images_key: tuple | None = None
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks go to what is under it

    def path(self) -> QPainterPath:
        """Every outline in one path."""
        whole = QPainterPath()
        for path, _ in self.outlines:
            whole.addPath(path)
        return whole

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = painter.worldTransform()
        if (
            not self._keep_images
            or t.type().value > QTransform.TransformationType.TxScale.value
            or painter.device().devicePixelRatioF() != 1.0
        ):
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for path, pen in self.outlines:
                painter.setPen(pen)
                painter.drawPath(path)
            return
        key = (t.m11(), t.m22(), t.dx(), t.dy(), int(painter.renderHints().value))
        if key != self._images_key:
            self._images = []
            devices = [_device_rect(t, rect) for rect in self._rects]
            if sum(d.width() * d.height() for d in devices) > self.MOST_PIXELS:
                self._keep_images = False  # a very large chart of many systems: no images
                self.paint(painter, option, widget)
                return
            self._images = [
                self._image(path, pen, device, painter, t)
                for (path, pen), device in zip(self.outlines, devices, strict=True)
            ]
            self._images_key = key
        painter.save()
        painter.setWorldTransform(QTransform())
        for image, at in self._images:
            painter.drawImage(at, image)
        painter.restore()

    @staticmethod
    def _image(
        path: QPainterPath, pen: QPen, device: QRect, painter: QPainter, t: QTransform
    ) -> tuple[QImage, QPoint]:
        """One outline painted alone, on the whole pixels round it, as Qt caches an item."""
        image = QImage(device.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHints(painter.renderHints())
        p.setWorldTransform(t * QTransform.fromTranslate(-device.left(), -device.top()))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen)
        p.drawPath(path)
        p.end()
        return image, device.topLeft()


class BaselineOutlines:
    """The baseline outlines of one scene, drawn with its series.

    A layer shown before (a baseline chosen again, or still chosen while another round
    is shown) is shown again rather than made and painted anew.
    """

    KEPT = 2  # layers kept for going back to (the one shown and the one before)

    def __init__(self) -> None:
        self.items: list[BaselineLayer] = []  # the layer shown (none while nothing is compared)
        self.key: tuple | None = None
        self._layers: dict[tuple, BaselineLayer] = {}

    def draw(self, scene: RadarScene) -> None:
        from gapradar.chart.radar_scene import AVERAGE_KEY, outline_path

        spec = scene.spec
        wanted: list[tuple[str, tuple[int | None, ...]]] = []
        if spec is not None and spec.baseline is not None:
            a = spec.assessment
            for name in scene.series:
                if name == AVERAGE_KEY:
                    continue
                try:
                    sid = a.system(name).id
                except KeyError:
                    continue
                levels = tuple(a.rating_in(spec.baseline, sid, p.id).current for p in a.model.practices)
                # In focus the system's own colour already draws current and (dashed) target:
                # a third line in it would read as one of them, so the baseline is the theme's grey.
                focused = spec.focus is not None
                wanted.append((spec.theme.muted_text if focused else scene._colour(name), levels))
        key = (
            scene._layout_key,
            tuple(wanted),
            scene.sizes.line,
            spec is not None and spec.focus is not None,
        )
        if key == self.key:
            return
        self.key = key
        for item in self.items:
            item.hide()
        self.items = []
        if not wanted:
            return
        layer = self._layers.pop(key, None)
        if layer is None:
            width = max(1.5, scene.sizes.line * 0.9)
            outlines = [
                (outline_path(scene._points(levels)), baseline_pen(colour, width))
                for colour, levels in wanted
            ]
            # Round joins and antialiasing reach this far past the paths (pixels, as data units).
            margin = (width + 4) / max(scene.radius_px, 1.0)
            layer = BaselineLayer(outlines, margin, keep_images=scene.on_screen)
            layer.setZValue(FOCUS_Z if spec is not None and spec.focus is not None else BASELINE_Z)
            scene.vb.addItem(layer, ignoreBounds=True)
            for old in [k for k in self._layers if k[0] != key[0]]:  # laid out for another size
                scene.vb.removeItem(self._layers.pop(old))
            while len(self._layers) >= self.KEPT:
                scene.vb.removeItem(self._layers.pop(next(iter(self._layers))))
        layer.show()
        self._layers[key] = layer  # the most recent last
        self.items = [layer]
