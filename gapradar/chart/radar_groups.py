"""Practice groups on the radar: an arc just outside the rim over each group's practices, named along it.

A model's `group` field (SAMM's business functions, say) gathers practices the
reader should see together. The radar keeps the file's practice order always,
so a group is a run of neighbouring practices; each run gets an arc in a ring
between the rim and the practice names, and its name written along that arc at
its middle, in the text colour and at least the ring labels' size. Out there the
name sits on no data, no ring and no ring label, and never meets the practice
names (the ring is as wide as a line of the name). Models without groups draw nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsPathItem

from gapradar.chart import geometry
from gapradar.chart.spec import ChartSpec
from gapradar.domain.model import MaturityModel

if TYPE_CHECKING:
    from gapradar.chart.radar_scene import RadarScene, Sizes

END_GAP = 0.12  # of a practice's angle, left open at each end so neighbouring arcs stay apart
RING_LINES = 1.9  # the ring between rim and practice names: this many lines of a group's name


@dataclass(frozen=True)
class GroupRun:
    """One arc: a group over consecutive practices `first`..`last` (indexes in file order)."""

    name: str
    first: int
    last: int


def group_runs(model: MaturityModel) -> list[GroupRun]:
    """The runs of neighbouring practices sharing a group; none when the model has no groups.

    Practices without a group get no arc. A group whose practices are not
    neighbours in the file gets one arc per run, each named.
    """
    practices = model.practices
    if not any(p.group for p in practices):
        return []
    runs: list[GroupRun] = []
    for i, p in enumerate(practices):
        if not p.group:
            continue
        if runs and runs[-1].name == p.group and runs[-1].last == i - 1:
            runs[-1] = GroupRun(p.group, runs[-1].first, i)
        else:
            runs.append(GroupRun(p.group, i, i))
    return runs


def _span(run: GroupRun, count: int) -> tuple[float, float]:
    """The run's arc from its first to its last practice, open a little at both ends (radians)."""
    step = 2 * math.pi / count
    return (
        geometry.angle(run.first, count) - step * (0.5 - END_GAP),
        geometry.angle(run.last, count) + step * (0.5 - END_GAP),
    )


def _arc(path: QPainterPath, start: float, end: float, radius: float, steps: int) -> None:
    for k in range(steps + 1):
        x, y = geometry.point(radius, start + (end - start) * k / steps)
        if k == 0:
            path.moveTo(QPointF(x, y))
        else:
            path.lineTo(QPointF(x, y))


def arc_path(
    run: GroupRun, count: int, radius: float, steps_per_practice: int = 12, hole: float = 0.0
) -> QPainterPath:
    """The arc over a run's practices at `radius` (data units), open at both ends; with `hole`
    (radians), open that much at its middle too, where the group's name is written."""
    start, end = _span(run, count)
    n = max(2, steps_per_practice * (run.last - run.first + 1))
    path = QPainterPath()
    if hole <= 0:
        _arc(path, start, end, radius, n)
        return path
    middle = (start + end) / 2
    for a, b in ((start, middle - hole / 2), (middle + hole / 2, end)):
        if b > a:
            _arc(path, a, b, radius, max(2, round(n * (b - a) / (end - start))))
    return path


def name_font(sizes: Sizes, px: float | None = None) -> QFont:
    """A group name's font: the ring labels' full size, demi-bold to read from afar."""
    from gapradar.chart.radar_scene import font

    f = font(sizes.ring_px if px is None else px)
    f.setWeight(QFont.Weight.DemiBold)
    return f


def label_gap(model: MaturityModel, label_px: float, sizes: Sizes) -> float:
    """Pixels between the rim and the practice names: room for the group names' ring when there are groups."""
    gap = label_px * 0.5
    if not group_runs(model):
        return gap
    return max(gap, QFontMetricsF(name_font(sizes)).height() * RING_LINES)


def add_arcs(scene: RadarScene, gap_px: float, floor_px: float) -> None:
    """Every group's arc and name in the ring between the rim and the practice names (while the frame is built)."""
    spec = scene._require_spec()
    model = spec.assessment.model
    runs = group_runs(model)
    if not runs:
        return
    sz = scene.sizes
    r_px = max(scene.radius_px, 1.0)
    middle_px = r_px + gap_px * 0.5  # the ring's middle line, in pixels from the centre
    count = len(model.practices)
    # Alternating ink tells neighbouring groups apart where their arcs nearly meet.
    inks = (spec.theme.text, spec.theme.muted_text)
    for k, run in enumerate(runs):
        start, end = _span(run, count)
        # The name never runs past its own practices' sector (its arc's open ends included).
        room = (run.last - run.first + 1) * 2 * math.pi / count * middle_px * 0.96
        # A name longer than its arc steps down to the ring labels' size, then ends in "…".
        px = sz.ring_px
        f = name_font(sz, px)
        while QFontMetricsF(f).horizontalAdvance(run.name) > room and px * 0.92 >= floor_px:
            px *= 0.92
            f = name_font(sz, px)
        metrics = QFontMetricsF(f)
        name = metrics.elidedText(run.name, Qt.TextElideMode.ElideRight, room)
        width = metrics.horizontalAdvance(name)
        hole = (width + metrics.height() * 0.8) / middle_px if name else 0.0
        item = QGraphicsPathItem(arc_path(run, count, middle_px / r_px, hole=hole))
        pen = QPen(QColor(inks[k % 2]))
        pen.setWidthF(max(1.5, 3.0 * sz.scale))
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        item.setPen(pen)
        scene._add(scene._static, item, 2)
        if name:
            text = QGraphicsPathItem(name_path(name, f, (start + end) / 2, middle_px, r_px))
            text.setBrush(QBrush(QColor(spec.theme.text)))
            text.setPen(QPen(Qt.PenStyle.NoPen))
            text.setToolTip(run.name)
            text.setData(0, run.name)  # the group's name, for whoever reads the chart's items
            scene._add(scene._static, text, 14)


def name_path(text: str, f: QFont, middle: float, radius_px: float, scale_px: float) -> QPainterPath:
    """`text` as glyph outlines centred on the circle of `radius_px` at angle `middle`, in data units.

    Upright wherever it is: along the top half it reads clockwise, along the bottom
    half anticlockwise, so it always reads left to right. Outlines (not a text item)
    because each glyph turns with the circle; SVG, PDF and PNG draw them alike.
    """
    metrics = QFontMetricsF(f)
    baseline = (metrics.ascent() - metrics.descent()) / 2  # centres the line on the circle
    top = math.cos(middle) >= 0
    total = metrics.horizontalAdvance(text) / radius_px
    phi = middle - total / 2 if top else middle + total / 2
    path = QPainterPath()
    for ch in text:
        advance = metrics.horizontalAdvance(ch)
        half = advance / 2 / radius_px
        phi += half if top else -half
        glyph = QPainterPath()
        glyph.addText(-advance / 2, baseline, f, ch)
        turn = QTransform()
        if top:
            turn.rotate(math.degrees(phi))
            turn.translate(0, -radius_px)
        else:
            turn.rotate(math.degrees(phi) + 180)
            turn.translate(0, radius_px)
        path.addPath(turn.map(glyph))
        phi += half if top else -half
    # Pixels about the centre, y down, to data units, y up.
    return QTransform().scale(1 / scale_px, -1 / scale_px).map(path)


def legend_rows(spec: ChartSpec) -> list[tuple[str, str, str]]:
    """A legend row saying what the arcs are (nothing without groups)."""
    runs = group_runs(spec.assessment.model)
    if not runs:
        return []
    return [("⌒", spec.theme.muted_text, "Practice group (the named arcs)")]
