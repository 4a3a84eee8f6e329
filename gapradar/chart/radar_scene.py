"""Builds the radar's graphics items for a ChartSpec at a given pixel size.

One class serves the window, presentation mode and every export: an export is
the same scene laid out at another size. Everything that has a size in pixels
(fonts, pens, markers) is scaled from the output's size, so a 3840-pixel export
looks like a sharp version of a 1280-pixel one.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextDocument,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gapradar.chart import geometry, radar_crowd, radar_groups, radar_rollup, rating_marks
from gapradar.chart.radar_baseline import BaselineOutlines, legend_row
from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import LINE_WORDS, LINES, SeriesStyle, style_for
from gapradar.chart.titles import display_title, elide, fit_lines
from gapradar.domain import Rating, System, gap, practice_averages
from gapradar.domain.analysis import confidence_count
from gapradar.domain.averages_memo import RollupMemo

REFERENCE_PX = 720.0  # at this short side, sizes are as written below
AVERAGE_KEY = "\0average"
TITLE_LINES = 2  # a longer title steps down in size, then ends in "…"
PRACTICE_LINES = 3  # a longer practice name ends in "…"
MAX_FILLED = 8  # systems drawn with a translucent fill; more are drawn as outlines
# Beyond this many systems a radar is a tangle, not a comparison: outlines only, without
# a marker per point (the markers were most of a redraw), and the window says so.
MAX_MARKED = 50
_LINES = {
    "solid": Qt.PenStyle.SolidLine,
    "dashdot": Qt.PenStyle.DashDotLine,
    "dashdotdot": Qt.PenStyle.DashDotDotLine,
}


def outline_path(points: list[QPointF | None]) -> QPainterPath:
    """The closed outline through `points`, broken where a point is None (not assessed).

    A practice without a level has no place on its spoke: drawing it at the
    centre would read as the lowest level, so the line stops there instead.
    """
    path = QPainterPath()
    n = len(points)
    present = [p for p in points if p is not None]
    if len(present) == n:
        path.addPolygon(QPolygonF([*present, present[0]]))
        return path
    if not present:
        return path
    first_gap = next(i for i, p in enumerate(points) if p is None)
    drawing = False
    for k in range(1, n + 1):
        p = points[(first_gap + k) % n]
        if p is None:
            drawing = False
        elif drawing:
            path.lineTo(p)
        else:
            path.moveTo(p)
            drawing = True
    return path


def hatch_path(area: QPainterPath, spacing: float, width: float) -> QPainterPath:
    """Diagonal strips clipped to `area`, as filled geometry.

    A hatch brush is a device pattern: SVG and PDF consumers scale, tile or
    drop it. Strips are plain shapes, so every output draws the same hatch.
    """
    box = area.boundingRect()
    if box.isEmpty() or spacing <= 0:
        return QPainterPath()
    strips = QPainterPath()
    half = math.hypot(box.width(), box.height()) / 2 + spacing
    centre = box.center()
    steps = int(2 * half / spacing) + 1
    for k in range(steps):
        offset = -half + k * spacing
        strips.addRect(QRectF(-half, offset, 2 * half, width))
    turn = QTransform().translate(centre.x(), centre.y()).rotate(45)
    return area.intersected(turn.map(strips))


@lru_cache(maxsize=8)
def _spokes(n: int) -> tuple[tuple[float, float], ...]:
    """Each spoke's unit vector (sin, cos): computed once per practice count, not per point."""
    return tuple((math.sin(geometry.angle(i, n)), math.cos(geometry.angle(i, n))) for i in range(n))


def _on_spoke(r: float, spoke: tuple[float, float]) -> tuple[float, float]:
    return r * spoke[0], r * spoke[1]


def _extents(boxes: list[geometry.Box], radius: float, gap: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in pixels about the centre (y down) of the rim and every name."""
    n = len(boxes)
    rects = [geometry.label_rect(b, i, n, radius, gap) for i, b in enumerate(boxes)]
    return (
        min([-radius, *(r[0] for r in rects)]),
        min([-radius, *(r[1] for r in rects)]),
        max([radius, *(r[2] for r in rects)]),
        max([radius, *(r[3] for r in rects)]),
    )


def _balanced(
    boxes: list[geometry.Box], radius: float, gap: float, area: QRectF
) -> tuple[float, float, float]:
    """(radius, centre x, centre y): the chart centred on its names' extent rather than on the area,
    as large as still fits (a two-line name above and a one-line name below leave room otherwise)."""

    def fits(r: float) -> bool:
        left, top, right, bottom = _extents(boxes, r, gap)
        return bottom - top <= area.height() and max(-left, right) <= area.width() / 2

    if not fits(radius):
        return radius, area.center().x(), area.center().y()
    low, high = radius, radius * 1.5
    for _ in range(14):
        mid = (low + high) / 2
        if fits(mid):
            low = mid
        else:
            high = mid
    _, top, _, bottom = _extents(boxes, low, gap)
    cy = area.top() - top + (area.height() - (bottom - top)) / 2
    return low, area.center().x(), cy


def _meeting_labels(boxes: list[geometry.Box], radius: float, gap: float, air: float) -> float:
    """How much practice names would overlap (square pixels, 0 when none meet), with a little
    `air` around each so a highlighted name's plate never touches its neighbour."""
    n = len(boxes)
    rects = [
        geometry.label_rect(geometry.Box(b.width + air, b.height + air * 0.5), i, n, radius, gap)
        for i, b in enumerate(boxes)
    ]
    total = 0.0
    for i in range(n):
        a = rects[i]
        for j in range(i + 1, n):
            b = rects[j]
            w, h = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            if w > 0 and h > 0:
                total += w * h
    return total


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes for one output size."""

    scale: float
    label_px: float
    ring_px: float
    legend_px: float
    title_px: float
    line: float
    marker: float
    margin: float


def sizes_for(width: float, height: float, font_scale: float = 1.0, chrome_scale: float = 1.0) -> Sizes:
    s = max(0.45, min(width, height) / REFERENCE_PX)
    f = s * font_scale
    c = s * chrome_scale
    # Never below what a screen can show legibly, whatever the output size.
    return Sizes(
        scale=s,
        label_px=max(13.0, 15 * f),
        ring_px=max(10.5, 11.5 * f),
        legend_px=max(12.0, 13.5 * c),
        title_px=max(16.0, 21 * c),
        line=2.2 * s,
        marker=9 * s,
        margin=14 * s,
    )


def font(px: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(max(6, round(px)))
    f.setBold(bold)
    return f


def measure(text: str, f: QFont, wrap: float | None = None, margin: float = 4.0) -> tuple[float, float]:
    """Size of `text` as a TextItem draws it, wrapped at `wrap` pixels."""
    doc = QTextDocument()
    doc.setDocumentMargin(margin)
    doc.setDefaultFont(f)
    doc.setPlainText(text)
    if wrap:
        doc.setTextWidth(wrap)
        # A little slack: PDF and SVG devices measure text a touch wider than screens.
        doc.setTextWidth(min(wrap, doc.idealWidth() * 1.04 + 2))
    return doc.size().width(), doc.size().height()


def _pen(colour: str | QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setStyle(style)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@lru_cache(maxsize=512)
def _marker_pen(colour: str, width: float) -> QPen:
    """One pen per colour and width for every marker (never changed after it is made)."""
    return _pen(colour, width)


@lru_cache(maxsize=512)
def _marker_brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


def _tint(colour: str, background: str, alpha: float) -> QColor:
    """`colour` at `alpha` over `background`, as an opaque colour."""
    a, b = QColor(colour), QColor(background)
    return QColor.fromRgbF(
        a.redF() * alpha + b.redF() * (1 - alpha),
        a.greenF() * alpha + b.greenF() * (1 - alpha),
        a.blueF() * alpha + b.blueF() * (1 - alpha),
    )


def _set_z(item: QGraphicsItem, z: float) -> None:
    """Set a z value only when it changes: pyqtgraph's items hear every change in Python."""
    if item.zValue() != z:
        item.setZValue(z)


class SeriesPolygon(QGraphicsPolygonItem):
    """A system's polygon; hovering it brings that system forward.

    The fill joins the assessed points; the outline (`outline`) breaks where a
    practice is not assessed.
    """

    def __init__(self, key: str, on_hover: Callable[[str | None], None]) -> None:
        super().__init__()
        self.key = key
        self._on_hover = on_hover
        self.outline = QPainterPath()
        self.setAcceptHoverEvents(True)

    def set_points(self, points: list[QPointF | None]) -> None:
        # The fill dips to the centre at a practice that is not assessed: it claims no area
        # there (skipping the point would draw a straight edge across that spoke).
        present = [p for p in points if p is not None]
        filled = [QPointF(0, 0) if p is None else p for p in points] if present else []
        self.setPolygon(QPolygonF(filled))
        self.outline = outline_path(points)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        # Antialiased translucent fills are most of a redraw's cost; the fill's
        # edge is hidden under the antialiased outline, so it needs none.
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if self.brush().style() != Qt.BrushStyle.NoBrush:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.brush())
            painter.drawPolygon(self.polygon())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.pen())
        painter.drawPath(self.outline)
        painter.restore()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_hover(self.key)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_hover(None)


class CrowdOutlines(QGraphicsPathItem):
    """The outlines of many systems that share a colour and line style, in one item.

    On screen they are drawn without antialiasing: hundreds of crossing one-pixel
    lines look the same either way, at a fraction of the cost.
    """

    def __init__(self, path: QPainterPath, smooth: bool) -> None:
        super().__init__(path)
        self.smooth = smooth

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.smooth)
        painter.setPen(self.pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        painter.restore()


@dataclass
class Series:
    key: str
    name: str
    colour: str
    polygon: SeriesPolygon | QGraphicsPathItem  # a crowd's shared outline item past MAX_MARKED
    markers: pg.ScatterPlotItem | None  # None on a crowded overlay (more than MAX_MARKED systems)
    target_polygon: SeriesPolygon | None = None
    target_markers: pg.ScatterPlotItem | None = None


def marker_item(spots: list[dict]) -> pg.ScatterPlotItem:
    """A series' points as one hoverable item; each spot's data is its tooltip."""
    item = pg.ScatterPlotItem(hoverable=True, tip=lambda x, y, data: data, pxMode=True)
    item.addPoints(spots)
    return item


class RadarScene:
    """Owns the radar's items inside a ViewBox and lays them out for a size."""

    def __init__(self, view_box: pg.ViewBox) -> None:
        self.vb = view_box
        self.spec: ChartSpec | None = None
        self.series: dict[str, Series] = {}
        self.radius_px = 1.0
        self.sizes = sizes_for(REFERENCE_PX, REFERENCE_PX)
        self._static: list = []
        self._held = False  # see hold()
        self.frame_only = False  # rebuild lays out the frame and leaves the series for a later rebuild
        self._subtitle: tuple[pg.TextItem | None, float] = (None, 0.0)  # the item and the width it may take
        self._dynamic: list = []
        self._built: dict[str, tuple[tuple, list, Series | dict[str, Series]]] = {}
        self._shapes: dict[str, tuple] = {}  # what each built series' items are made of (see _build_series)
        # A second, hidden set of items per series moved in place: the levels shown before a
        # switch (see _build_series). Key -> (signature, items, series, shape).
        self._spare: dict[str, tuple[tuple, list, Series, tuple]] = {}
        self._filled = True
        self._marked = True
        self._marks_in_use = False  # a system shown has confidence marks: unmarked points are small
        self._marker_z: dict[str, float] = {}  # each series' markers' own z, restored after a hover
        self._averages: list = []
        self._level_points: tuple[tuple, dict[tuple[int, int], QPointF]] = ((), {})
        self._rollup_memo = RollupMemo()  # an edit recomputes one practice's roll-up, not all
        self.crowd_memo = RollupMemo()  # the bands past a thousand systems (chart/radar_crowd.py)
        self._members: dict[str, Series] | None = None  # what a crowd's build made
        self.on_screen = False  # the interactive view sets this; exports never do
        self._size = (0.0, 0.0)
        self._layout_key: tuple | None = None
        self._legend_key: tuple = ()
        self._marks_rows: list[tuple[str, str, str]] | None = None
        self._legend_items: list = []
        self._legend_memo: dict[tuple, tuple[pg.TextItem, float, float]] = {}  # see _build_legend
        self._legend_place: tuple[float, float, float | None] | None = None  # where the frame put it
        self._legend_extent = 0.0  # its width (column) or height (band), as the frame made room
        self.practice_labels: list[pg.TextItem] = []
        self.hovered: str | None = None
        self._pending_px: list[tuple[pg.TextItem, float, float]] = []
        self.label_px = 15.0
        self._centre = (0.0, 0.0)
        self._label_texts: list[str] = []  # practice names as drawn, fitted to their boxes
        self._baseline = BaselineOutlines()  # a compared round's outlines (radar_baseline.py)

    # ------------------------------------------------------------ public

    def set_spec(self, spec: ChartSpec) -> None:
        self.spec = spec
        self.rebuild()

    def hold(self) -> None:
        """Build nothing until `release`: a window being put together resizes its chart several times."""
        self._held = True

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        """Build what was asked for while held, once, at the size the chart has now."""
        if self._held:
            self._held = False
            self.rebuild()

    def resize(self, width: float, height: float) -> None:
        if (width, height) != self._size:
            self._size = (width, height)
            self.rebuild()

    def rebuild(self) -> None:
        """Lay out the static frame (grid, labels) if needed, then the series."""
        if self._held or self.spec is None or self._size[0] < 2 or self._size[1] < 2:
            return
        key = self._frame_key()
        self._marks_rows = None  # the n/a and confidence rows, found once per rebuild (see _overlay_marks)
        legend = self._legend_key_now()
        if key != self._layout_key:
            self._layout_key, self._legend_key = key, legend
            self._build_frame()
        elif legend != self._legend_key:
            # Checking a system changes the legend, not the frame: unless the legend's
            # room changes, only the legend is laid out again.
            self._legend_key = legend
            if not self._rebuild_legend():
                self._build_frame()
        self._retext_subtitle()
        if self.frame_only:  # see RadarView.set_spec: the series follow in the next turn
            return
        self._build_series()
        self._baseline.draw(self)

    def _retext_subtitle(self) -> None:
        """The subtitle's new words (the round shown) in its item: a line of the same height, same place."""
        item, room = self._subtitle
        text = radar_rollup.subtitle(self._require_spec())
        if item is None or not text:
            return
        line = elide(text, room, QFontMetricsF(item.textItem.font()).horizontalAdvance)
        if item.toPlainText() != line:
            item.setText(line)

    def vertex(self, system: str, practice_id: str, which: str = "current") -> QPointF:
        """Where a system's level for a practice is drawn, in data coordinates."""
        a = self._require_spec().assessment
        s = a.system(system)
        i = a.model.practice_index(practice_id)
        score = getattr(s.rating(practice_id), which)
        return QPointF(*self.level_point(i, score))

    def level_point(self, practice_index: int, score: int | None) -> tuple[float, float]:
        model = self._require_spec().assessment.model
        r = geometry.score_radius(score, model.scores)
        return geometry.point(r, geometry.angle(practice_index, len(model.practices)))

    def series_names(self) -> list[str]:
        return [s.name for s in self.series.values()]

    def _require_spec(self) -> ChartSpec:
        """The spec being drawn: everything below `rebuild` runs only once one is set."""
        spec = self.spec
        assert spec is not None, "RadarScene used before set_spec"
        return spec

    # ------------------------------------------------------------ frame

    def _frame_key(self) -> tuple:
        s = self._require_spec()
        a = s.assessment
        return (
            self._size,
            id(a.model),
            a.model.practices,
            s.theme.name,
            s.show_title,
            display_title(s),
            s.transparent,
            bool(radar_rollup.subtitle(s)),  # its text changes in place (another round): one line either way
            s.font_scale,
            s.chrome_scale,
            s.selected_practice,
            s.show_legend,
            a.systems_label,
        )

    def _clear(self, items: list) -> None:
        for item in items:
            self.vb.removeItem(item)
        items.clear()

    def _add(self, items: list, item: QGraphicsItem, z: float) -> None:
        item.setZValue(z)
        self.vb.addItem(item, ignoreBounds=True)
        items.append(item)

    def _build_frame(self) -> None:
        self._clear(self._static)
        self._subtitle = (None, 0.0)
        self._clear(self._legend_items)
        self._legend_place = None
        spec = self._require_spec()
        theme = spec.theme
        model = spec.assessment.model
        w, h = self._size
        sz = self.sizes = sizes_for(w, h, spec.font_scale, spec.chrome_scale)
        self.vb.setBackgroundColor(None if spec.transparent else QColor(theme.background))

        # Title band, legend column, then the largest radar that leaves room for the labels.
        top = self._build_title(sz.margin) if spec.show_title and display_title(spec) else sz.margin
        right, bottom = w - sz.margin, h - sz.margin
        if spec.show_legend and w >= 1.45 * h:
            self._legend_place = (right, top, None)
            self._legend_extent = self._build_legend(right, top)
            right -= self._legend_extent + sz.margin
        elif spec.show_legend:
            self._legend_place = (right, top, bottom)
            self._legend_extent = self._build_legend(right, top, bottom=bottom)
            bottom -= self._legend_extent + sz.margin * 0.5
        area = QRectF(sz.margin, top, right - sz.margin, bottom - top)

        n = len(model.practices)
        # Many practices on a small chart: step the names' size down until no two collide.
        # Names above and below the chart may spread sideways, as wide as the room between their
        # neighbours (many practices bring those close); when names still meet, all get smaller.
        label_px = sz.label_px
        for _ in range(6):
            gap_px = radar_groups.label_gap(model, label_px, sz)  # wider with groups: their names
            air = label_px * 0.3
            boxes, radius = self._fit_labels(label_px, area)
            texts = self._label_texts
            meeting = _meeting_labels(boxes, radius, gap_px, air)
            for _ in range(2):
                if not meeting or n < 5:
                    break
                # The room between the neighbours of the names at 12 and 6 o'clock, at this radius.
                room = 2 * (radius + gap_px) * math.sin(2 * math.pi / n) - 2 * air
                narrow, r2 = self._fit_labels(label_px, area, max(label_px * 6, room))
                met = _meeting_labels(narrow, r2, gap_px, air)
                if met >= meeting:
                    break
                boxes, radius, meeting, texts = narrow, r2, met, self._label_texts
            if not meeting or label_px <= 9:
                break
            label_px *= 0.9
        self._label_texts = texts  # the names as the chosen boxes wrap them
        self.label_px = label_px
        # The names above and below seldom take the same height: the chart moves off the
        # middle by half the difference, and grows into the room that frees.
        radius, cx, cy = _balanced(boxes, radius, gap_px, area)
        self.radius_px = radius
        self._centre = (cx, cy)
        self.vb.setRange(
            xRange=(-cx / radius, (w - cx) / radius),
            yRange=(-(h - cy) / radius, cy / radius),
            padding=0,
        )

        # Rings at every level, spokes, ring labels.
        levels = model.levels
        ring_path, spoke_path = QPainterPath(), QPainterPath()
        for li in range(len(levels)):
            r = geometry.radius(li, len(levels))
            pts = [QPointF(*geometry.point(r, geometry.angle(i, n))) for i in range(n)]
            ring_path.addPolygon(QPolygonF([*pts, pts[0]]))
        for i in range(n):
            spoke_path.moveTo(0, 0)
            spoke_path.lineTo(*geometry.point(1.0, geometry.angle(i, n)))
        rings = QGraphicsPathItem(ring_path)
        rings.setPen(_pen(theme.grid, max(1.0, sz.scale)))
        spokes = QGraphicsPathItem(spoke_path)
        spokes.setPen(_pen(theme.spoke, max(1.0, sz.scale)))
        self._add(self._static, rings, 1)
        self._add(self._static, spokes, 1)
        # Ring labels never taller than the gap between rings, so they never overlap.
        ring_font = font(min(sz.ring_px, radius / len(levels) * 0.5))
        # The model's practice groups, named in the ring between rim and names.
        radar_groups.add_arcs(self, gap_px, ring_font.pixelSize())
        # Ring labels sit above the fills and lines with a light halo, so a level's name stays
        # readable, and below the points, so they never hide data (lines show through the halo).
        # On a transparent export a box would show as a patch on the slide, so there is none.
        bg = None if spec.transparent else QColor(theme.ring_label_background)
        if bg is not None:
            bg.setAlphaF(0.6)
        # No room for names (a small chart in large type): scores only; the level guide names them.
        widest = max(measure(f"{lv.score} {lv.name}", ring_font)[0] for lv in levels)
        ring_names = widest <= 0.8 * radius and not self._ring_labels_meet_names(
            boxes, gap_px, ring_font, [f"{lv.score} {lv.name}" for lv in levels]
        )
        for li, lv in enumerate(levels):
            # Left of the 12 o'clock spoke, clear of its markers; above the fills so always readable.
            r = geometry.radius(li, len(levels))
            text = f"{lv.score} {lv.name}" if ring_names else str(lv.score)
            label = self._text(text, ring_font, theme.muted_text, fill=bg)
            label.setPos(-(sz.marker * 0.8 + sz.ring_px * 0.3) / radius, r)
            # The outer ring's name hangs just inside the rim when group arcs run round it.
            outer = li == len(levels) - 1 and bool(radar_groups.group_runs(model))
            label.setAnchor((1.0, 0.15 if outer else 0.5))
            self._add(self._static, label, 14)  # fills and lines 10-13, points 15-18

        # Practice names outside the rim.
        self.practice_labels = []
        for i in range(n):
            theta = geometry.angle(i, n)
            selected = spec.selected_practice == i
            item = self._text(
                self._label_texts[i],
                font(self.label_px, bold=selected),
                theme.text,
                fill=QColor(theme.highlight) if selected else None,
            )
            item.setTextWidth(boxes[i].width)
            align = Qt.AlignmentFlag.AlignHCenter
            if abs(math.sin(theta)) > 0.2:
                align = Qt.AlignmentFlag.AlignLeft if math.sin(theta) > 0 else Qt.AlignmentFlag.AlignRight
            item.textItem.document().setDefaultTextOption(QTextOption(align))
            item.setAnchor(geometry.label_anchor(theta))
            item.setPos(*geometry.point(1.0 + gap_px / radius, theta))
            self._add(self._static, item, 20)
            self.practice_labels.append(item)
        self._flush_px()

    def _ring_labels_meet_names(
        self, boxes: list[geometry.Box], gap_px: float, ring_font: QFont, texts: list[str]
    ) -> bool:
        """Whether a ring label, named, would run into a practice name (many practices: the
        names beside 12 o'clock come down to the outer ring)."""
        radius, sz = self.radius_px, self.sizes
        n, count = len(boxes), len(texts)
        names = [geometry.label_rect(b, i, n, radius, gap_px) for i, b in enumerate(boxes)]
        right = -(sz.marker * 0.8 + sz.ring_px * 0.3)
        for li, text in enumerate(texts):
            w, h = measure(text, ring_font, None, 0.0)  # the ink, not the padding round it
            y = -geometry.radius(li, count) * radius  # pixels, y down
            rect = (right - w, y - h / 2, right, y + h / 2)
            if any(rect[0] < r[2] and r[0] < rect[2] and rect[1] < r[3] and r[1] < rect[3] for r in names):
                return True
        return False

    def _build_title(self, top: float) -> float:
        """Title (two lines at most) and subtitle (one), centred; returns the y below them.

        A long title steps its size down, then ends in "…": it never runs off the page.
        """
        spec, sz = self._require_spec(), self.sizes
        w = self._size[0]
        box = w - 2 * sz.margin
        # The text's own width inside its box; a little slack because PDF and SVG measure wider.
        room = (box - 2 * self._margin()) * 0.96
        text, px = display_title(spec), sz.title_px
        floor = max(sz.legend_px, sz.title_px * 0.75)
        while True:
            lines, whole = fit_lines(
                text, room, TITLE_LINES, QFontMetricsF(font(px, bold=True)).horizontalAdvance
            )
            if whole or px * 0.9 < floor:
                break
            px *= 0.9
        shown = "\n".join(lines)
        title = self._text(shown, font(px, bold=True), spec.theme.text)
        title.setTextWidth(box)
        title.textItem.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
        self._place_px(title, w / 2, top, (0.5, 0.0))
        self._add(self._static, title, 30)
        top += measure(shown, font(px, bold=True), box, self._margin())[1]
        self._subtitle = (None, room)
        if radar_rollup.subtitle(spec):
            f = font(sz.legend_px)
            line = elide(radar_rollup.subtitle(spec), room, QFontMetricsF(f).horizontalAdvance)
            sub = self._text(line, f, spec.theme.muted_text)
            self._place_px(sub, w / 2, top, (0.5, 0.0))
            self._add(self._static, sub, 30)
            self._subtitle = (sub, room)
            top += measure(line, f, None, self._margin())[1]
        return top + sz.margin * 0.5

    def _fit_labels(
        self, label_px: float, area: QRectF, upright: float | None = None
    ) -> tuple[list[geometry.Box], float]:
        """Label boxes (wrapped) at this size, and the largest radius that leaves room for them.

        `upright`: the widest the names above and below the chart may wrap (else twice the others)."""
        spec = self._require_spec()
        practices = spec.assessment.model.practices
        n = len(practices)
        # A wide area (presentation, a slide) has width to spare for names beside the chart.
        share = 0.3 if area.width() > 1.6 * area.height() else 0.24
        wrap = max(label_px * 7, min(area.width() * share, label_px * 15))
        # Every name measured bold (as when selected): walking the practices never resizes the chart.
        bold = font(label_px, bold=True)
        advance = QFontMetricsF(bold).horizontalAdvance
        boxes = []
        self._label_texts = []
        for i, p in enumerate(practices):
            # Names above and below the chart may spread sideways; those beside it may not.
            if abs(math.sin(geometry.angle(i, n))) >= 0.1:
                w = wrap
            else:
                # One line where the width allows: a second line above the chart costs its radius.
                w = max(2.0 * wrap, min(area.width() * 0.75, label_px * 30))
                w = w if upright is None else min(w, upright)
            # A name longer than a few lines ends in "…" (a word wider than the box breaks),
            # so one long name neither runs off the page nor shrinks the chart to a dot.
            lines, whole = fit_lines(p.name, (w - 2 * self._margin()) * 0.96, PRACTICE_LINES, advance)
            text = p.name if whole else "\n".join(lines)
            self._label_texts.append(text)
            boxes.append(geometry.Box(*measure(text, bold, w, self._margin())))
        gap = radar_groups.label_gap(spec.assessment.model, label_px, self.sizes)
        return boxes, geometry.chart_radius(area.width(), area.height(), boxes, gap)

    def _text(self, text: str, f: QFont, colour: str, fill: QColor | None = None) -> pg.TextItem:
        item = pg.TextItem(text=text, color=QColor(colour), fill=fill)
        item.setFont(f)
        item.textItem.document().setDocumentMargin(self._margin())
        return item

    def _margin(self) -> float:
        """Text padding that grows with the output, so big exports keep the same proportions."""
        return 4.0 * self.sizes.scale

    def _place_px(self, item: pg.TextItem, x: float, y: float, anchor: tuple[float, float]) -> None:
        """Position by pixel coordinates of the whole output (y down)."""
        item.setAnchor(anchor)
        self._pending_px.append((item, x, y))

    # ------------------------------------------------------------ legend

    def _legend_entries(
        self, all_targets: bool = False, limit: int | None = None
    ) -> list[tuple[str, str, str]]:
        """(symbol, colour, text) rows; the overlay lists checked systems sorted by name, average last.

        `all_targets`: the rows as if targets showed, to reserve their room while they are hidden.
        `limit`: at most this many systems, then a row "… and N more".
        """
        spec = self._require_spec()
        a = spec.assessment
        if radar_rollup.is_rollup_focus(spec):
            return radar_rollup.focus_legend_rows(spec) + radar_groups.legend_rows(spec)
        if spec.focus is not None:
            colour = self._colour(spec.focus)
            rows = [("●", colour, "Current level")]
            if spec.show_targets or all_targets:
                rows += [("◇", colour, "Target level (dashed)"), ("▨", colour, "Gap to close")]
            focus = a.system(spec.focus) if spec.focus in a.system_names() else None
            if focus is not None and any(
                (focus.rating(p.id).current is None or focus.rating(p.id).target is None)
                and not focus.rating(p.id).not_applicable
                for p in a.model.practices
            ):
                rows.append(("○", colour, "Not assessed: line breaks, no gap"))
            if focus is not None:
                rows += rating_marks.legend_rows(a.model, [focus], colour, confidence_count(a, [focus]))
            return rows + [row for row in (legend_row(spec),) if row] + radar_groups.legend_rows(spec)
        present = set(a.system_names())  # a set: thousands may be checked
        names = sorted((n for n in spec.checked if n in present), key=str.casefold)
        if radar_crowd.is_crowd(len(names)):  # bands, not lines (chart/radar_crowd.py)
            return radar_crowd.legend_rows(self, names) + (
                radar_rollup.legend_rows(spec) if spec.show_average else []
            )
        listed = names if limit is None else names[:limit]
        styles = {n: self._style(n) for n in listed}
        rows = [(styles[n].glyph, styles[n].colour, n) for n in listed]
        if len(listed) < len(names):
            rows.append(("", spec.theme.muted_text, f"… and {len(names) - len(listed):,} more"))
        if spec.show_average:
            rows += radar_rollup.legend_rows(spec)
        rows += self._overlay_marks()
        repeated = sorted({st.round for st in styles.values() if st.round > 0})
        palette = len(spec.theme.palette)
        for r in repeated:
            rows.append(
                (
                    "",
                    spec.theme.muted_text,
                    f"colours repeat: systems {r * palette + 1}–{(r + 1) * palette} "
                    f"have {LINE_WORDS[r % len(LINE_WORDS)]} lines",
                )
            )
        return rows + [row for row in (legend_row(spec),) if row] + radar_groups.legend_rows(spec)

    def _legend_systems(self) -> int:
        """How many systems the overlay's legend would list in full (none in focus view)."""
        spec = self._require_spec()
        if spec.focus is not None:
            return 0
        return len(set(spec.checked) & set(spec.assessment.system_names()))

    def _legend_key_now(self) -> tuple:
        """What the legend shows depends on: cheap to compare, not the rows themselves (10,000 may be checked)."""
        spec = self._require_spec()
        if not spec.show_legend:
            return ()
        if spec.focus is not None:
            return tuple(self._legend_entries())
        a = spec.assessment
        return (
            "overlay",
            spec.checked,
            tuple(a.system_names()),
            spec.show_average,
            spec.theme.name,
            tuple(radar_rollup.legend_rows(spec)),  # the roll-up's rule and band
            legend_row(spec),  # the baseline round
            tuple(self._overlay_marks()),  # n/a, confidence
        )

    def _overlay_marks(self) -> list[tuple[str, str, str]]:
        """The overlay legend's n/a and confidence rows: they read every checked rating, so once a rebuild.

        The legend's layout tries several sizes, each asking for its rows; with thousands of
        systems checked, reading their ratings each time cost seconds.
        """
        if self._marks_rows is None and radar_crowd.is_crowd(len(self._require_spec().checked)):
            self._marks_rows = []  # no system's own marks among bands
        if self._marks_rows is None:
            spec = self._require_spec()
            a = spec.assessment
            present = set(a.system_names())
            shown = [a.system(n) for n in spec.checked if n in present]
            self._marks_rows = rating_marks.legend_rows(a.model, shown, spec.theme.muted_text)
        return self._marks_rows

    def _rebuild_legend(self) -> bool:
        """The legend alone, in the room the frame gave it; False when it needs other room."""
        if self._legend_place is None or not self._require_spec().show_legend:
            return False
        self._clear(self._legend_items)
        extent = self._build_legend(*self._legend_place)
        if abs(extent - self._legend_extent) > 0.5:
            return False  # the frame is laid out again, legend included
        self._flush_px()
        return True

    def _build_legend(self, right: float, top: float, bottom: float | None = None) -> float:
        """A column at the top right; or, with `bottom`, a centred band above that y (narrow outputs).

        Names too long for the legend end in "…"; systems past the room left end in "… and N more".
        Returns the width used (column) or the height used (band).
        """
        spec, sz = self._require_spec(), self.sizes
        w, h = self._size
        title = spec.assessment.systems_label if spec.focus is None else spec.focus
        f = font(sz.legend_px)
        advance = QFontMetricsF(f).horizontalAdvance
        bold_advance = QFontMetricsF(font(sz.legend_px, bold=True)).horizontalAdvance
        column = bottom is None
        max_w = w * 0.28 if column else w - 2 * sz.margin
        room = (max_w - 2 * self._margin()) * 0.96  # PDF and SVG measure text a touch wider
        name_room = room - advance("◆ ")

        def line(symbol: str, colour: str, text: str) -> str:
            # In a narrow column a long row takes up to three lines (then ends in "…") rather than run
            # past the legend; in a band it ends in "…"; notes (no symbol) wrap.
            if symbol and column:
                shown = "<br>".join(html.escape(t) for t in fit_lines(text, name_room, 3, advance)[0])
            else:
                shown = html.escape(elide(text, name_room, advance) if symbol else text)
            if not column:
                # Band entries wrap as wholes, never inside a name (nor after a dash: a word joiner).
                shown = shown.replace(" ", "&nbsp;").replace("–", "–\u2060")
                symbol = symbol.replace("/", "/\u2060")  # "n/a" stays whole
            if not symbol:
                return f"<span style='color:{colour}'>{shown}</span>"
            return f"<span style='color:{colour}'>{symbol}</span>&nbsp;{shown}"

        def lines(rows: list[tuple[str, str, str]]) -> list[str]:
            return [line(*row) for row in rows] or ["<i>none checked</i>"]

        heading = f"<b>{html.escape(elide(title, room, bold_advance))}</b>"
        gap = "&nbsp;&nbsp; "

        def body(rows: list[tuple[str, str, str]]) -> str:
            entries = lines(rows)
            if column:
                # A row's second line hangs under its text, not under its symbol.
                indent = advance("◆ ")
                hang = f"style='margin-left:{indent:.1f}px; text-indent:-{indent:.1f}px'"
                return f"<div>{heading}</div>" + "".join(f"<div {hang}>{e}</div>" for e in entries)
            return f"<div align='center'>{heading}{gap}{gap.join(entries)}</div>"

        doc = QTextDocument()
        doc.setDocumentMargin(self._margin())
        doc.setDefaultFont(f)

        def height(html_body: str, width: float) -> float:
            doc.setHtml(html_body)
            doc.setTextWidth(width)
            return doc.size().height() * 1.04

        cap: int | None = (
            None  # no more systems than lines in the column can show: none past them is measured
        )
        if bottom is None:
            room_h = h - sz.margin - top
            cap = int(room_h / QFontMetricsF(f).lineSpacing()) + 2
            widest = self._legend_entries(all_targets=True, limit=cap)
        else:
            room_h = min(bottom - top, h * 0.3)  # the chart keeps most of a tall page
            widest = []
        rows = self._legend_entries(limit=cap)
        systems = self._legend_systems()
        # Everything the legend's text, size and place follow from: a legend shown before (a
        # baseline chosen, then none again) is the same item again, measured once.
        key = (
            (right, top, bottom, w, h, sz, self._margin()),
            (title, spec.theme.text, systems),
            tuple(widest),
            tuple(rows),
        )
        known = self._legend_memo.get(key)
        if known is not None:
            item, width, used = known
            self._add(self._legend_items, item, 30)
            if bottom is None:
                self._place_px(item, right, top, (1.0, 0.0))
                return width
            self._place_px(item, w / 2, bottom - used, (0.5, 0.0))
            return used
        if bottom is None:
            # As wide as it will be once targets are revealed: revealing never resizes the chart.
            doc.setHtml(body(widest))
            doc.setTextWidth(max_w)
            width = min(max_w, doc.idealWidth() * 1.04 + 4)
        else:
            width = max_w
        if systems and height(body(rows), width) > room_h:
            # The most systems that fit with the "… and N more" row (a binary search: thousands may be checked).
            low, high = 0, min(systems - 1, cap if cap is not None else systems)
            while low < high:
                mid = (low + high + 1) // 2
                if height(body(self._legend_entries(limit=mid)), width) <= room_h:
                    low = mid
                else:
                    high = mid - 1
            rows = self._legend_entries(limit=low)
        text = body(rows)
        used = height(text, width)
        item = pg.TextItem(html=f"<div style='color:{spec.theme.text}'>{text}</div>")
        item.setFont(f)
        item.textItem.document().setDocumentMargin(self._margin())
        item.setTextWidth(width)
        self._add(self._legend_items, item, 30)
        if len(self._legend_memo) >= 4:  # a few legends to go back to; the oldest is forgotten
            del self._legend_memo[next(iter(self._legend_memo))]
        self._legend_memo[key] = (item, width, used)
        if bottom is None:
            self._place_px(item, right, top, (1.0, 0.0))
            return width
        self._place_px(item, w / 2, bottom - used, (0.5, 0.0))
        return used

    # ------------------------------------------------------------ series

    def _style(self, name: str) -> SeriesStyle:
        spec = self._require_spec()
        try:
            return style_for(spec.theme, spec.assessment.index_of(name))  # a lookup, not a scan
        except ValueError:
            return SeriesStyle("#777777", "solid", "o", "●", 0)

    def _colour(self, name: str) -> str:
        return self._style(name).colour

    def _wash(self, colour: str, alpha: float) -> QColor:
        """A light version of `colour`: opaque over the theme's background, translucent when transparent."""
        spec = self._require_spec()
        if spec.transparent:
            c = QColor(colour)
            c.setAlphaF(alpha)
            return c
        return _tint(colour, spec.theme.background, alpha)

    def _build_series(self) -> None:
        """Rebuild only the series whose values changed: an edit touches one system and the average."""
        spec = self._require_spec()
        a = spec.assessment
        practices = a.model.practices
        wanted: list[tuple[str, tuple, Callable[[], None]]] = []
        # A series whose items stay the same (colour, style, place in the stack) and only move
        # is updated in place: showing another round moves every outline, and making items
        # again was most of that switch. Key -> (shape, update).
        in_place: dict[str, tuple[tuple, Callable[[Series], None], int]] = {}
        frame = self._layout_key  # a new layout (size, fonts, theme) redraws everything
        signature: tuple
        shape: tuple
        if spec.focus is not None and spec.focus in a.system_names():
            focus = a.system(spec.focus)
            levels = tuple(rating_marks.signature(focus.rating(p.id)) for p in practices)
            self._marks_in_use = rating_marks.uses_marks([focus])
            signature = ("focus", frame, levels, self._colour(focus.name), spec.show_targets)
            wanted.append((focus.name, signature, partial(self._build_focus, focus)))
        elif radar_rollup.is_rollup_focus(spec):
            rollups = self._averages = radar_rollup.values(spec)
            signature = ("rollup focus", frame, radar_rollup.signature(spec, rollups))
            wanted.append(
                (AVERAGE_KEY, signature, partial(radar_rollup.add_focus, self, AVERAGE_KEY, rollups))
            )
        else:
            checked = frozenset(spec.checked)
            shown = [(i, row) for i, row in enumerate(a.systems) if row.name in checked]
            # Beyond a handful of systems, overlapping fills only muddy each other
            # (and cost most of a redraw): outlines and markers carry the data.
            self._filled = len(shown) <= MAX_FILLED
            self._marked = len(shown) <= MAX_MARKED
            ids = [p.id for p in practices]
            crowd = radar_crowd.is_crowd(len(shown))
            if crowd:  # bands, and the system being edited over them (chart/radar_crowd.py)
                wanted += radar_crowd.wanted(self, shown, frame)
            elif not self._marked:
                wanted += self._crowd(shown, ids, frame)
            stacks = rating_marks.na_stacks([system for _, system in shown], a.model) if self._marked else {}
            marks = self._marks_in_use = self._marked and rating_marks.uses_marks([sy for _, sy in shown])
            drawn = (
                shown if self._marked else [r for r in shown if crowd and r[1].name == spec.selected_system]
            )
            for idx, (position, system) in enumerate(drawn):
                colour = style_for(spec.theme, position).colour
                # The ratings themselves (immutable; an edit replaces one): comparing them is
                # an identity check for every system the edit did not touch.
                signature = (
                    "overlay",
                    frame,
                    tuple(map(system.ratings.get, ids)),
                    stacks.get(system.name, ()),
                    colour,
                    idx,
                    self._filled,
                    self._marked,
                    marks,
                    system.name == spec.selected_system,  # its markers drawn on top of the others'
                )
                add = partial(self._add_system, system, ids, colour, idx, stacks.get(system.name, ()))
                wanted.append((system.name, signature, add))
                if self._marked and not rating_marks.has_mark_items(system):
                    # Without "n/a" labels or rings its items are a polygon and its markers.
                    shape = signature[:2] + signature[4:]  # all but the levels and n/a stacks
                    in_place[system.name] = (shape, partial(self._update_system, system, ids, idx), idx)
            if spec.show_average:
                rollups = self._averages = radar_rollup.values(spec, self._rollup_memo)  # by the chosen rule
                signature = ("average", frame, radar_rollup.signature(spec, rollups), len(shown))
                add_average = partial(radar_rollup.add_series, self, AVERAGE_KEY, rollups, len(shown))
                wanted.append((AVERAGE_KEY, signature, add_average))
                if not radar_rollup.has_band(spec):
                    shape = ("average", frame, radar_rollup.series_name(spec), spec.theme.average, len(shown))
                    in_place[AVERAGE_KEY] = (
                        shape,
                        partial(radar_rollup.update_series, self, rollups, len(shown)),
                        len(shown),
                    )
        keep = {key for key, signature, _ in wanted if self._built.get(key, (None,))[0] == signature}
        moved = {
            key
            for key, _, _ in wanted
            if key not in keep
            and key in in_place
            and key in self._built
            and self._shapes.get(key) == in_place[key][0]
        }
        for key in list(self._built):
            if key not in keep and key not in moved:
                self._clear(self._built.pop(key)[1])
                self._shapes.pop(key, None)
        wanted_keys = {key for key, _, _ in wanted}
        for key in list(self._spare):
            if key not in wanted_keys or (key not in keep and key not in moved):
                self._clear(self._spare.pop(key)[1])  # no longer drawn, or drawn another way
        self.series = {}
        for key, signature, build in wanted:
            if key in moved:
                # Double-buffered: the items shown go into hiding; the hidden set comes back, as
                # it was when its levels were shown before (going back to the round compared),
                # or moved to the new levels. The first switch makes the second set.
                shape, update, idx = in_place[key]
                spare = self._spare.get(key)
                current = self._built[key]
                if spare is None:
                    self._hide(key, current, shape)
                    self._build_one(key, signature, build, shape)
                else:
                    if spare[0] != signature:
                        update(spare[2])
                    self._hide(key, current, shape)
                    for item in spare[1]:
                        item.show()
                    self._restack(spare[2], idx)
                    self._built[key] = (signature, spare[1], spare[2])
            elif key not in keep:
                self._build_one(key, signature, build, in_place[key][0] if key in in_place else None)
            made = self._built[key][2]
            if isinstance(made, dict):  # a crowd of systems drawn as one item
                self.series.update(made)
            else:
                self.series[key] = made
        faded, self.hovered = self.hovered, None
        if faded is not None:  # not hovered: nothing is faded
            for series in self.series.values():
                series.polygon.setOpacity(1.0)
                if series.markers is not None:
                    series.markers.setOpacity(1.0)

    def _build_one(self, key: str, signature: tuple, build: Callable[[], None], shape: tuple | None) -> None:
        self._dynamic, self._members = [], None
        build()
        members = self._members if self._members is not None else self.series[key]
        self._built[key] = (signature, self._dynamic, members)
        if shape is not None:
            self._shapes[key] = shape

    def _hide(self, key: str, shown: tuple, shape: tuple) -> None:
        """The items of a series moved in place go into hiding, as its spare set."""
        signature, items, series = shown
        for item in items:
            item.hide()
        self._spare[key] = (signature, items, series, shape)

    def _restack(self, series: Series, idx: int) -> None:
        """A series' z and opacity as built (a hover moves and fades them)."""
        _set_z(series.polygon, 10 + idx * 0.01)
        series.polygon.setOpacity(1.0)
        if series.markers is not None:
            z = 15 + idx * 0.01 if series.key != self._require_spec().selected_system else 17
            _set_z(series.markers, z)
            series.markers.setOpacity(1.0)
            self._marker_z[series.key] = z

    def _crowd(self, shown: list[tuple[int, System]], ids: list[str], frame: tuple | None) -> list:
        """Past MAX_MARKED systems: one outline item per colour and line style, each holding
        the outlines of its systems (a thousand systems make a few dozen items, not a thousand:
        the items' own costs were most of a Check all and of every frame)."""
        spec = self._require_spec()
        period = len(spec.theme.palette) * len(LINES)  # colours and lines repeat after this many
        styles = [style_for(spec.theme, i) for i in range(period)]
        groups: dict[tuple[str, str], list[System]] = {}
        for position, system in shown:
            style = styles[position % period]
            groups.setdefault((style.colour, style.line), []).append(system)
        wanted = []
        for (colour, line), members in groups.items():
            key = f"\0crowd {colour} {line}"
            signature = (
                "crowd",
                frame,
                tuple(m.name for m in members),
                tuple(tuple(map(m.ratings.get, ids)) for m in members),  # identity checks, as above
            )
            wanted.append((key, signature, partial(self._add_crowd, members, ids, colour, line)))
        return wanted

    def _add_crowd(self, members: list[System], ids: list[str], colour: str, line: str) -> None:
        path = QPainterPath()
        for m in members:
            path.addPath(outline_path(self._points([m.rating(pid).current for pid in ids])))
        item = CrowdOutlines(path, smooth=not self.on_screen)
        pen = _pen(
            colour, 1.0 if self.on_screen else self.sizes.line, _LINES.get(line, Qt.PenStyle.SolidLine)
        )
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)  # round joins cost most and cannot be seen here
        item.setPen(pen)
        self._add(self._dynamic, item, 10)
        self._members = {m.name: Series(m.name, m.name, colour, item, None) for m in members}

    def _points(self, values: Sequence[float | None]) -> list[QPointF | None]:
        """Each practice's point; None where it is not assessed (no place on the spoke)."""
        model = self._require_spec().assessment.model
        n, scores = len(model.practices), model.scores
        if self._level_points[0] != (n, scores):
            self._level_points = ((n, scores), {})
        known = self._level_points[1]  # a level's point on a spoke: the same for every system
        spokes = _spokes(n)
        radius = geometry.score_radius
        points: list[QPointF | None] = []
        for i, v in enumerate(values):
            if v is None:
                points.append(None)
                continue
            p = known.get((v, i)) if type(v) is int else None
            if p is None:
                p = QPointF(*_on_spoke(radius(v, scores), spokes[i]))
                if type(v) is int:
                    known[(v, i)] = p  # polygons copy their points: sharing one is safe
            points.append(p)
        return points

    def _spot_text(self, system: str | None, practice_index: int, averages: list | None = None) -> str:
        a = self._require_spec().assessment
        model = a.model
        p = model.practices[practice_index]
        if system is None:
            avg = (averages or practice_averages(a))[practice_index]
            cur = "not assessed" if avg.current is None else f"{avg.current:.2f}"
            name = radar_rollup.series_name(self._require_spec())
            return f"{name}\n{p.name}\ncurrent {cur} (over {avg.assessed} systems)"
        r = a.system(system).rating(p.id)
        g = gap(r)
        note = rating_marks.spot_note(model, r)
        if r.not_applicable:
            return f"{system}\n{p.name}\n{note}"
        return (
            f"{system}\n{p.name}\n"
            f"current: {model.level_label(r.current)}\n"
            f"target: {model.level_label(r.target)}\n"
            f"gap: {'–' if g is None else f'{g:+d}'}" + (f"\n{note}" if note else "")
        )

    def _marker_spots(
        self,
        pts: list[QPointF | None],
        values: list,
        colour: str,
        symbol: str,
        filled: bool,
        texts: list[str],
        ratings: list[Rating] | None = None,
        stacks: Sequence[int] = (),
        unassessed: bool = True,
    ) -> list[dict]:
        """The markers' spots (for `marker_item`, or an in-place update of an existing item).

        `unassessed`: a marker near the centre where nothing is assessed, to drag a level from.
        A roll-up has none: nobody rated that practice, and a roll-up is not edited."""
        spec = self._require_spec()
        sz, theme = self.sizes, spec.theme
        spots = []
        model = spec.assessment.model
        n = len(model.practices)
        # Shared pen and brushes: pyqtgraph renders one symbol image per distinct
        # pen/brush object, so fresh ones per marker cost an image per point.
        pen = _marker_pen(colour, max(1.2, sz.line * 0.8))
        solid, hollow = _marker_brush(colour), _marker_brush(theme.background)
        for i, (pt, v) in enumerate(zip(pts, values, strict=True)):
            rating = ratings[i] if ratings is not None else None
            if rating is not None and rating.not_applicable:  # its "n/a" stands there instead
                where = self._na_point(i, stacks[i] if stacks else 0)
                spots.append(rating_marks.na_spot(where, sz.marker * 1.6, texts[i]))
                continue
            assessed = v is not None and pt is not None
            if not (assessed or unassessed):
                continue
            # Not assessed: a small hollow marker off the series, next to the centre.
            pos = (
                pt
                if pt is not None and assessed
                else QPointF(*geometry.point(geometry.NOT_ASSESSED_RADIUS, geometry.angle(i, n)))
            )
            scale = rating_marks.point_scale(rating, self._marks_in_use) if filled else 1.0
            spots.append(
                {
                    "pos": (pos.x(), pos.y()),
                    "size": sz.marker * (scale if assessed else 0.85),
                    "symbol": symbol,
                    "brush": solid
                    if (filled and assessed and not (rating and rating_marks.hollow(rating.confidence)))
                    else hollow,
                    "pen": pen,
                    "data": texts[i] + ("" if assessed else "\n(not assessed)"),
                }
            )
        return spots

    def _add_system(
        self, system: System, ids: list[str], colour: str, idx: int, stacks: Sequence[int] = ()
    ) -> None:
        current = [system.rating(pid).current for pid in ids]
        self._add_series(system.name, system.name, colour, current, idx, stacks=stacks)

    def _update_system(self, system: System, ids: list[str], idx: int, series: Series) -> None:
        """The system's outline and markers moved to its levels now (same items, see _build_series)."""
        current = [system.rating(pid).current for pid in ids]
        self.update_series(series, current, idx)

    def update_series(self, series: Series, values: list, idx: int, average: bool = False) -> None:
        """Give a series' existing polygon and markers new values: the same drawing _add_series
        makes for them, without making new items. Only for series without "n/a" labels or rings."""
        pts = self._points(values)
        series.polygon.set_points(pts)  # type: ignore[union-attr]  # never a crowd's outline here
        style = self._style(series.name) if not average else SeriesStyle(series.colour, "dot", "d", "◆", 0)
        averages = self._averages if average else None
        texts = [self._spot_text(None if average else series.name, i, averages) for i in range(len(values))]
        ratings = None if average else self._ratings(series.name)
        spots = self._marker_spots(
            pts, values, series.colour, style.symbol, True, texts, ratings, unassessed=not average
        )
        assert series.markers is not None
        series.markers.setData(spots)
        self._restack(series, idx)  # as built (a hover may have moved it)

    def _add_series(
        self,
        key: str,
        name: str,
        colour: str,
        values: list,
        idx: int,
        average: bool = False,
        stacks: Sequence[int] = (),
    ) -> None:
        sz = self.sizes
        pts = self._points(values)
        style = self._style(name) if not average else SeriesStyle(colour, "dot", "d", "◆", 0)
        poly = SeriesPolygon(key, self._hover)
        poly.set_points(pts)
        if not average and self._filled:
            fill = QColor(colour)
            fill.setAlphaF(0.18)
            poly.setBrush(QBrush(fill))
        else:
            poly.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        # A crowded overlay on screen uses exact 1-pixel outlines: Qt draws those on a
        # fast path (about 10x cheaper than wider antialiased strokes). Exports keep
        # proportional widths.
        width = 1.0 if (self.on_screen and not self._filled and not average) else sz.line
        # One meaning per line style: dashed is a target, dotted the average, dash-dot a repeated colour.
        line = Qt.PenStyle.DotLine if average else _LINES.get(style.line, Qt.PenStyle.SolidLine)
        pen = _pen(colour, width, line)
        if not self._filled and not average:
            # Many outlines of many vertices: round joins are invisible at this width and the
            # costliest to stroke (exports).
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        poly.setPen(pen)
        self._add(self._dynamic, poly, 10 + idx * 0.01)
        averages = self._averages if average else None  # computed once per redraw, not per point
        texts = [self._spot_text(None if average else name, i, averages) for i in range(len(values))]
        ratings = None if average else self._ratings(name)
        markers = marker_item(
            self._marker_spots(
                pts, values, colour, style.symbol, True, texts, ratings, stacks, unassessed=not average
            )
        )
        # The selected system's points (and their confidence marks) above every other system's.
        z = 15 + idx * 0.01 if key != self._require_spec().selected_system else 17
        if ratings is not None:
            self._rating_marks(pts, ratings, colour, stacks, z)
        markers.sigHovered.connect(lambda item, points, ev, k=key: self._hover(k if len(points) else None))
        self._add(self._dynamic, markers, z)
        self._marker_z[key] = z
        self.series[key] = Series(key, name, colour, poly, markers)

    def focus_shapes(
        self,
        key: str,
        cur_pts: list,
        tgt_pts: list,
        colour: str,
        gap: QPainterPath,
        fill: float,
    ) -> tuple[SeriesPolygon, SeriesPolygon | None]:
        """A focus view's layers under its markers: the target's hover area, the hatched gap,
        the current level's washed polygon and, on top, the target's dashed outline.

        Shared by a system in focus and the roll-up in focus (chart.radar_rollup).
        """
        spec, sz = self._require_spec(), self.sizes
        tgt_poly = None
        if spec.show_targets:
            tgt_poly = SeriesPolygon(key, self._hover)
            tgt_poly.set_points(tgt_pts)
            tgt_poly.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            tgt_poly.setPen(QPen(Qt.PenStyle.NoPen))
            self._add(self._dynamic, tgt_poly, 10)
            hatch = QGraphicsPathItem(gap)
            hatch.setBrush(QBrush(self._wash(colour, 0.8)))
            hatch.setPen(QPen(Qt.PenStyle.NoPen))
            self._add(self._dynamic, hatch, 10.5)
        cur_poly = SeriesPolygon(key, self._hover)
        cur_poly.set_points(cur_pts)
        cur_poly.setBrush(QBrush(self._wash(colour, fill)))
        cur_poly.setPen(_pen(colour, sz.line))
        self._add(self._dynamic, cur_poly, 11)
        if spec.show_targets:
            # The target's dashed outline on top of the gap band, so it stays visible.
            edge = QGraphicsPathItem(outline_path(tgt_pts))
            edge.setPen(_pen(colour, sz.line, Qt.PenStyle.DashLine))
            self._add(self._dynamic, edge, 12)
        return cur_poly, tgt_poly

    def _build_focus(self, system: System) -> None:
        spec = self._require_spec()
        model = spec.assessment.model
        colour = self._colour(system.name)
        current = [system.rating(p.id).current for p in model.practices]
        target = [system.rating(p.id).target for p in model.practices]
        texts = [self._spot_text(system.name, i) for i in range(len(current))]
        ratings = [system.rating(p.id) for p in model.practices]
        cur_pts, tgt_pts = self._points(current), self._points(target)
        tgt_markers = None
        cur_poly, tgt_poly = self.focus_shapes(
            system.name, cur_pts, tgt_pts, colour, self._gap_area(system), 0.45
        )
        if spec.show_targets:
            tgt_ratings = [replace(r, confidence=None) for r in ratings]  # confidence marks the current level
            tgt_markers = marker_item(
                self._marker_spots(tgt_pts, target, colour, "d", False, texts, tgt_ratings)
            )
            self._add(self._dynamic, tgt_markers, 16)
        cur_markers = marker_item(self._marker_spots(cur_pts, current, colour, "o", True, texts, ratings))
        self._add(self._dynamic, cur_markers, 17)
        self._rating_marks(cur_pts, ratings, colour, (), 17)
        self.series[system.name] = Series(
            system.name,
            system.name,
            colour,
            cur_poly,
            cur_markers,
            tgt_poly,
            tgt_markers,
        )

    def _ratings(self, name: str) -> list[Rating]:
        a = self._require_spec().assessment
        system = a.system(name)
        return [system.rating(p.id) for p in a.model.practices]

    def _rating_marks(
        self, pts: list[QPointF | None], ratings: list[Rating], colour: str, stacks: Sequence[int], z: float
    ) -> None:
        """The "n/a" on each spoke where the practice does not apply, and rings round verified points."""
        spec, sz = self._require_spec(), self.sizes
        background, plate = spec.theme.background, not spec.transparent
        for i, r in enumerate(ratings):
            if r.not_applicable:
                where = self._na_point(i, stacks[i] if stacks else 0)
                label = rating_marks.na_label(colour, background, self._na_px(), where, plate)
                self._add(self._dynamic, label, z)
        ring = rating_marks.rings(
            pts, [r.confidence for r in ratings], colour, sz.marker, max(1.2, sz.line * 0.7)
        )
        if ring is not None:
            self._add(self._dynamic, ring, z)

    def _na_px(self) -> float:
        """The "n/a" mark's size: the ring labels' size, never taller than half the lowest ring's room."""
        levels = len(self._require_spec().assessment.model.levels)
        return min(self.sizes.ring_px, self.radius_px / levels * 0.45)

    def _na_point(self, practice_index: int, stack: int) -> QPointF:
        model = self._require_spec().assessment.model
        step = self._na_px() * 1.25 / max(self.radius_px, 1.0)  # a label's height, in data units
        return rating_marks.na_position(practice_index, len(model.practices), len(model.levels), step, stack)

    def _gap_area(self, system: System) -> QPainterPath:
        """Hatched band between current and target, over the practices that have a gap.

        Only practices with both levels count, so a practice that is not
        assessed never shows a gap (the deck's and workbook's tables agree).
        """
        model = self._require_spec().assessment.model
        ratings = [system.rating(p.id) for p in model.practices]
        with_gap = [gap(r) is not None for r in ratings]
        if sum(with_gap) < 2:
            return QPainterPath()
        cur = self._points([r.current if ok else None for r, ok in zip(ratings, with_gap, strict=True)])
        tgt = self._points([r.target if ok else None for r, ok in zip(ratings, with_gap, strict=True)])
        # Both outlines dip to the centre where a practice has no gap (not assessed, not applicable),
        # as the fill does: the band never crosses a spoke that has no gap to show.
        outer, inner = QPainterPath(), QPainterPath()
        outer.addPolygon(QPolygonF([QPointF(0, 0) if p is None else p for p in tgt]))
        outer.closeSubpath()
        inner.addPolygon(QPolygonF([QPointF(0, 0) if p is None else p for p in cur]))
        inner.closeSubpath()
        px = 1.0 / max(self.radius_px, 1.0)  # one output pixel in data units
        return hatch_path(outer.subtracted(inner), 7 * self.sizes.scale * px, 1.4 * self.sizes.scale * px)

    def _hover(self, key: str | None) -> None:
        """Bring the hovered series forward and fade the others (overlay view)."""
        if key == self.hovered or self.spec is None or self.spec.focus is not None:
            return
        self.hovered = key
        for k, s in self.series.items():
            faded = key is not None and k != key
            s.polygon.setOpacity(0.2 if faded else 1.0)
            s.polygon.setZValue(13 if k == key else 10)
            if s.markers is not None:
                s.markers.setOpacity(0.2 if faded else 1.0)
                s.markers.setZValue(18 if k == key else self._marker_z.get(k, 15))

    # ------------------------------------------------------------ pixel placement

    def _flush_px(self) -> None:
        """Give pixel-placed items (title, legend) their data coordinates once R is known."""
        cx, cy = self._centre
        for item, x, y in self._pending_px:
            item.setPos((x - cx) / self.radius_px, (cy - y) / self.radius_px)
        self._pending_px = []

    def data_to_px(self, point: QPointF) -> QPointF:
        cx, cy = self._centre
        return QPointF(cx + point.x() * self.radius_px, cy - point.y() * self.radius_px)
