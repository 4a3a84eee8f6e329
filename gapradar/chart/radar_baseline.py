"""The baseline round on the radar: a faint outline in long dashes under each series shown.

Comparing rounds, the room sees where each system stood then under where it
stands now, in the same colour, so the distance between the two outlines is
what moved. Drawn by the same scene for the window, presentation and exports.
Only current levels are drawn: the baseline's targets would add a third line
per system and say little (targets rarely move).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from gapradar.chart.spec import ChartSpec

if TYPE_CHECKING:
    from gapradar.chart.radar_scene import RadarScene

BASELINE_Z = 9.5  # overlay: under every series (10 and up), seen through their translucent fills
FOCUS_Z = 11.5  # focus: over the current level's opaque wash (11), under the target's dashes (12)
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


class BaselineOutlines:
    """The outlines of one scene, redrawn with its series (a few paths: cheap to rebuild)."""

    def __init__(self) -> None:
        self.items: list[QGraphicsPathItem] = []
        self.key: tuple | None = None

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
            scene.vb.removeItem(item)
        self.items = []
        width = max(1.5, scene.sizes.line * 0.9)
        for colour, levels in wanted:
            item = QGraphicsPathItem(outline_path(scene._points(levels)))
            item.setPen(baseline_pen(colour, width))
            item.setZValue(FOCUS_Z if spec is not None and spec.focus is not None else BASELINE_Z)
            scene.vb.addItem(item, ignoreBounds=True)
            self.items.append(item)
