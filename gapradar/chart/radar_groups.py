"""Practice groups on the radar: an arc just outside the rim over each group's practices.

A model's `group` field (SAMM's business functions, say) gathers practices the
reader should see together. The radar keeps the file's practice order always,
so a group is a run of neighbouring practices; each run gets an arc in the
narrow ring between the rim and the practice names (clear of both), and its name
just inside the rim at the arc's middle. Models without groups draw nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from gapradar.chart import geometry
from gapradar.chart.spec import ChartSpec
from gapradar.domain.model import MaturityModel

if TYPE_CHECKING:
    from gapradar.chart.radar_scene import RadarScene

ARC_SHARE = 0.4  # the arc sits this far into the gap between the rim and the names
END_GAP = 0.12  # of a practice's angle, left open at each end so neighbouring arcs stay apart


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


def arc_path(run: GroupRun, count: int, radius: float, steps_per_practice: int = 12) -> QPainterPath:
    """The arc over a run's practices at `radius` (data units), open at both ends."""
    step = 2 * math.pi / count
    start = geometry.angle(run.first, count) - step * (0.5 - END_GAP)
    end = geometry.angle(run.last, count) + step * (0.5 - END_GAP)
    n = max(2, steps_per_practice * (run.last - run.first + 1))
    path = QPainterPath()
    for k in range(n + 1):
        theta = start + (end - start) * k / n
        x, y = geometry.point(radius, theta)
        if k == 0:
            path.moveTo(QPointF(x, y))
        else:
            path.lineTo(QPointF(x, y))
    return path


def add_arcs(scene: RadarScene, gap_px: float) -> None:
    """Every group's arc, between the rim and the practice names (called while the frame is built)."""
    spec = scene._require_spec()
    model = spec.assessment.model
    runs = group_runs(model)
    if not runs:
        return
    sz = scene.sizes
    radius = 1.0 + ARC_SHARE * gap_px / max(scene.radius_px, 1.0)
    # Alternating ink tells neighbouring groups apart where their arcs nearly meet.
    inks = (spec.theme.text, spec.theme.muted_text)
    for k, run in enumerate(runs):
        item = QGraphicsPathItem(arc_path(run, len(model.practices), radius))
        pen = QPen(QColor(inks[k % 2]))
        pen.setWidthF(max(1.5, 3.0 * sz.scale))
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        item.setPen(pen)
        scene._add(scene._static, item, 2)
    _add_names(scene, runs, len(model.practices))


def _add_names(scene: RadarScene, runs: list[GroupRun], count: int) -> None:
    """Each group's name just inside the rim at the middle of its arc, on a light halo.

    Inside the rim the names never meet the practice names outside it; like the
    ring labels they sit above fills and lines and below the points.
    """
    from gapradar.chart.radar_scene import font

    spec, sz = scene._require_spec(), scene.sizes
    bg = None if spec.transparent else QColor(spec.theme.ring_label_background)
    if bg is not None:
        bg.setAlphaF(0.6)
    f = font(sz.ring_px * 0.9)
    f.setItalic(True)
    inset = (sz.ring_px * 0.3) / max(scene.radius_px, 1.0)
    rim = math.cos(math.pi / count)  # the rim between two spokes is this close to the centre
    for run in runs:
        middle = (geometry.angle(run.first, count) + geometry.angle(run.last, count)) / 2
        label = scene._text(run.name, f, spec.theme.muted_text, fill=bg)
        label.setAnchor(inward_anchor(middle))
        label.setPos(*geometry.point(rim - inset, middle))
        scene._add(scene._static, label, 14)


def legend_rows(spec: ChartSpec) -> list[tuple[str, str, str]]:
    """A legend row saying what the arcs are (nothing without groups)."""
    runs = group_runs(spec.assessment.model)
    if not runs:
        return []
    return [("⌒", spec.theme.muted_text, "Practice group (named inside the rim)")]


def inward_anchor(theta: float) -> tuple[float, float]:
    """Text anchor (0..1, y down) that hangs a name inwards from the rim at `theta`.

    Near 12 o'clock the name starts at the spoke and runs right: the ring
    labels sit left of that spoke.
    """
    s, c = math.sin(theta), math.cos(theta)
    if c > 0 and abs(s) < 0.35:
        return 0.0, 0.0
    return 0.5 + 0.5 * s, 0.5 - 0.5 * c
