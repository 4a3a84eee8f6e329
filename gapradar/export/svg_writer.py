"""The radar scene as SVG in output coordinates, so every consumer draws it the same.

QSvgGenerator writes the scene's data-unit geometry inside a ×R transform and
keeps lines thin with `vector-effect="non-scaling-stroke"`, which librsvg and
LibreOffice ignore (the chart becomes a blob); it names fonts by Qt's family
("Sans Serif", not a CSS family) and places right-aligned text by its left
edge, so another font drifts. This writer walks the laid-out scene instead:
every path, marker and text line mapped to output pixels, strokes in pixels,
font families with real fallbacks and text anchored at its aligned edge.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QTextCursor, QTextFormat, QTransform
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
)

FALLBACK_FONTS = ("DejaVu Sans", "Arial", "Helvetica")
# width/height give the SVG its size in librsvg, LibreOffice, Inkscape and an <img>; a browser
# showing the file itself draws it at that size too and cuts it at the window's edge. This CSS
# (which the others ignore) lets the browser shrink it to the window, scaled by the viewBox.
FIT_STYLE = "max-width:100%;max-height:100vh;height:auto"

_CAPS = {
    Qt.PenCapStyle.FlatCap: "butt",
    Qt.PenCapStyle.SquareCap: "square",
    Qt.PenCapStyle.RoundCap: "round",
}
_JOINS = {
    Qt.PenJoinStyle.RoundJoin: "round",
    Qt.PenJoinStyle.BevelJoin: "bevel",
    Qt.PenJoinStyle.MiterJoin: "miter",
    Qt.PenJoinStyle.SvgMiterJoin: "miter",
}


def _n(v: float) -> str:
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def font_family(family: str) -> str:
    """A CSS font-family list: the font Qt measured with first, then look-alikes, then generic."""
    names = [family] if family and family.lower() not in ("sans serif", "sans-serif", "sans") else []
    names += [f for f in FALLBACK_FONTS if f.lower() != family.lower()]
    return ", ".join(f"'{n}'" if " " in n else n for n in names) + ", sans-serif"


def _colour(c: QColor) -> tuple[str, float]:
    return c.name(QColor.NameFormat.HexRgb), c.alphaF()


def _fill(brush: QBrush, opacity: float) -> str:
    if brush.style() == Qt.BrushStyle.NoBrush:
        return 'fill="none"'
    colour, alpha = _colour(brush.color())
    alpha *= opacity
    return f'fill="{colour}"' + ("" if alpha >= 0.999 else f' fill-opacity="{_n3(alpha)}"')


def _n3(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _stroke(pen: QPen, opacity: float, scale: float) -> str:
    if pen.style() == Qt.PenStyle.NoPen or pen.brush().style() == Qt.BrushStyle.NoBrush:
        return 'stroke="none"'
    colour, alpha = _colour(pen.color())
    alpha *= opacity
    # Cosmetic pens are device pixels already; others scale with their item.
    width = max(pen.widthF(), 1.0 if pen.widthF() == 0 else 0.0) * (1.0 if pen.isCosmetic() else scale)
    parts = [
        f'stroke="{colour}"',
        f'stroke-width="{_n(width)}"',
        f'stroke-linecap="{_CAPS.get(pen.capStyle(), "square")}"',
        f'stroke-linejoin="{_JOINS.get(pen.joinStyle(), "round")}"',
    ]
    if alpha < 0.999:
        parts.append(f'stroke-opacity="{_n3(alpha)}"')
    if pen.style() != Qt.PenStyle.SolidLine:
        dashes = pen.dashPattern()
        if dashes:
            parts.append(f'stroke-dasharray="{",".join(_n(d * width) for d in dashes)}"')
    return " ".join(parts)


def path_data(path: QPainterPath, t: QTransform) -> str:
    """SVG path data of a QPainterPath mapped through `t` (moves, lines, cubic curves)."""
    out: list[str] = []
    i, count = 0, path.elementCount()
    while i < count:
        e = path.elementAt(i)
        p = t.map(QPointF(e.x, e.y))
        if e.type == QPainterPath.ElementType.MoveToElement:
            out.append(f"M{_n(p.x())},{_n(p.y())}")
        elif e.type == QPainterPath.ElementType.LineToElement:
            out.append(f"L{_n(p.x())},{_n(p.y())}")
        elif e.type == QPainterPath.ElementType.CurveToElement and i + 2 < count:
            c2 = t.map(QPointF(path.elementAt(i + 1).x, path.elementAt(i + 1).y))
            end = t.map(QPointF(path.elementAt(i + 2).x, path.elementAt(i + 2).y))
            out.append(f"C{_n(p.x())},{_n(p.y())} {_n(c2.x())},{_n(c2.y())} {_n(end.x())},{_n(end.y())}")
            i += 2
        i += 1
    return " ".join(out)


class SceneSvg:
    """Collects SVG elements for the items of one laid-out scene."""

    def __init__(self, to_output: QTransform) -> None:
        self.t = to_output
        self.parts: list[str] = []

    def _scale(self, t: QTransform) -> float:
        return abs(t.determinant()) ** 0.5 or 1.0

    def shape(
        self, item: QAbstractGraphicsShapeItem, path: QPainterPath, outline: QPainterPath | None
    ) -> None:
        """A filled shape; with `outline`, the stroke follows it rather than the shape's edge."""
        t = item.sceneTransform() * self.t
        opacity = item.effectiveOpacity()
        if opacity <= 0:
            return
        no_pen = item.pen().style() == Qt.PenStyle.NoPen
        if item.brush().style() == Qt.BrushStyle.NoBrush and (
            no_pen or (outline is not None and outline.isEmpty())
        ):
            return
        rule = "evenodd" if path.fillRule() == Qt.FillRule.OddEvenFill else "nonzero"
        if outline is None:
            self.parts.append(
                f'<path d="{path_data(path, t)}" fill-rule="{rule}" {_fill(item.brush(), opacity)} '
                f"{_stroke(item.pen(), opacity, self._scale(t))}/>"
            )
            return
        if item.brush().style() != Qt.BrushStyle.NoBrush:
            self.parts.append(
                f'<path d="{path_data(path, t)}" fill-rule="{rule}" {_fill(item.brush(), opacity)} stroke="none"/>'
            )
        self.parts.append(
            f'<path d="{path_data(outline, t)}" fill="none" {_stroke(item.pen(), opacity, self._scale(t))}/>'
        )

    def markers(self, item: pg.ScatterPlotItem) -> None:
        opacity = item.effectiveOpacity()
        if opacity <= 0:
            return
        t = item.sceneTransform() * self.t
        for spot in item.points():
            if not spot.isVisible():
                continue
            centre = t.map(spot.pos())
            size = spot.size()
            symbol = spot.symbol()
            shape = symbol if isinstance(symbol, QPainterPath) else Symbols.get(symbol, Symbols["o"])
            pen, brush = pg.mkPen(spot.pen()), pg.mkBrush(spot.brush())
            if symbol == "o":
                geometry = f'<circle cx="{_n(centre.x())}" cy="{_n(centre.y())}" r="{_n(size / 2)}"'
            else:
                local = QTransform(size, 0, 0, size, centre.x(), centre.y())
                geometry = f'<path d="{path_data(shape, local)} Z"'
            self.parts.append(f"{geometry} {_fill(brush, opacity)} {_stroke(pen, opacity, 1.0)}/>")

    def text(self, item: pg.TextItem) -> None:
        """Each laid-out line as one <text>, anchored at the edge its alignment keeps fixed."""
        opacity = item.effectiveOpacity()
        if opacity <= 0 or not item.isVisible():
            return
        inner = item.textItem
        t = inner.sceneTransform() * self.t
        scale = self._scale(t)
        if item.fill.style() != Qt.BrushStyle.NoBrush or item.border.style() != Qt.PenStyle.NoPen:
            rect = QPainterPath()
            rect.addRect(inner.boundingRect())
            self.parts.append(
                f'<path d="{path_data(rect, t)} Z" {_fill(item.fill, opacity)} '
                f"{_stroke(item.border, opacity, scale)}/>"
            )
        doc = inner.document()
        default = inner.defaultTextColor()
        layout = doc.documentLayout()
        block = doc.begin()
        while block.isValid():
            origin = layout.blockBoundingRect(block).topLeft()
            lines = block.layout()
            align = block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
            if not block.blockFormat().hasProperty(
                QTextFormat.Property.BlockAlignment
            ):  # the document's default
                align = doc.defaultTextOption().alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
            for li in range(lines.lineCount()):
                line = lines.lineAt(li)
                start, length = line.textStart(), line.textLength()
                spans = _spans(block, start, length, default)
                if not "".join(s[0] for s in spans).strip():
                    continue
                natural = line.naturalTextRect().translated(origin)
                baseline = natural.top() + line.ascent()
                if align & Qt.AlignmentFlag.AlignRight:
                    x, anchor = natural.right(), "end"
                elif align & Qt.AlignmentFlag.AlignHCenter:
                    x, anchor = natural.center().x(), "middle"
                else:
                    x, anchor = natural.left(), "start"
                p = t.map(QPointF(x, baseline))
                p = QPointF(round(p.x()), round(p.y()))  # Qt's raster snaps hinted text to pixels too
                first = spans[0][1]
                body = "".join(_tspan(text, f, colour, first, scale, opacity) for text, f, colour in spans)
                px = first.pixelSize() if first.pixelSize() > 0 else first.pointSizeF() * 96 / 72
                weight = ' font-weight="bold"' if first.bold() else ""
                self.parts.append(
                    f'<text x="{_n(p.x())}" y="{_n(p.y())}" text-anchor="{anchor}" xml:space="preserve" '
                    f'font-family="{font_family(first.family())}" font-size="{_n(px * scale)}"'
                    f"{weight}>{body}</text>"
                )
            block = block.next()


def _spans(block, start: int, length: int, default: QColor) -> list[tuple[str, QFont, QColor]]:
    """(text, font, colour) runs of one line, from the block's character formats."""
    doc = block.document()
    spans: list[tuple[str, QFont, QColor]] = []
    cursor = QTextCursor(doc)
    text = block.text()
    pos = start
    end = start + length
    while pos < end:
        cursor.setPosition(block.position() + pos + 1)
        fmt = cursor.charFormat()
        run_end = pos + 1
        while run_end < end:
            cursor.setPosition(block.position() + run_end + 1)
            if cursor.charFormat() != fmt:
                break
            run_end += 1
        brush = fmt.foreground()
        colour = brush.color() if brush.style() != Qt.BrushStyle.NoBrush else default
        font = fmt.font()
        if font.pixelSize() <= 0 and font.pointSizeF() <= 0:
            font = doc.defaultFont()
        spans.append((text[pos:run_end].replace("\u2028", " "), font, colour))
        pos = run_end
    return spans


def _tspan(text: str, f: QFont, colour: QColor, first: QFont, scale: float, opacity: float) -> str:
    hex_colour, alpha = _colour(colour)
    attrs = f' fill="{hex_colour}"'
    if alpha * opacity < 0.999:
        attrs += f' fill-opacity="{_n3(alpha * opacity)}"'
    if f.bold() != first.bold():
        attrs += f' font-weight="{"bold" if f.bold() else "normal"}"'
    if f.italic():
        attrs += ' font-style="italic"'
    return f"<tspan{attrs}>{escape(text)}</tspan>"


def _item_path(item: QGraphicsItem) -> QPainterPath | None:
    if isinstance(item, QGraphicsPathItem):
        return item.path()
    if isinstance(item, QGraphicsPolygonItem):
        path = QPainterPath()
        path.addPolygon(item.polygon())
        path.closeSubpath()
        path.setFillRule(item.fillRule())
        return path
    return None


def scene_svg(
    scene_items: list[QGraphicsItem],
    to_output: QTransform,
    width: int,
    height: int,
    background: str | None,
    title: str,
) -> bytes:
    """An SVG document of `scene_items` (bottom to top), `width` × `height` pixels."""
    svg = SceneSvg(to_output)
    for item in scene_items:
        if not item.isVisible():
            continue
        if isinstance(item, pg.TextItem):
            svg.text(item)
        elif isinstance(item, pg.ScatterPlotItem):
            svg.markers(item)
        elif isinstance(item, QAbstractGraphicsShapeItem):
            path = _item_path(item)
            if path is not None:
                svg.shape(item, path, getattr(item, "outline", None))
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" style="{FIT_STYLE}">\n'
        f"<title>{escape(title)}</title>\n<desc>Maturity radar exported by gapradar</desc>\n"
    )
    back = (
        f'<rect x="0" y="0" width="{width}" height="{height}" fill={quoteattr(background)}/>\n'
        if background
        else ""
    )
    return (head + back + "\n".join(svg.parts) + "\n</svg>\n").encode("utf-8")
