"""Past a thousand systems on the radar: where they lie, drawn as two bands, not as a thousand lines.

A thousand outlines overlaid are one dark mass in which no system can be
followed, and drawing 10,000 of them took most of a second per frame. What a
radar can still say about that many is where their levels lie on each
practice: the middle half of the systems (a darker band) inside the lowest
to the highest (a lighter one). The system being edited keeps its own outline
and points on top, and the hint over the chart offers the heatmap, which shows
every system. The figures come from a roll-up memo, so an edit recomputes the
one practice it touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from gapradar.chart import radar_rollup
from gapradar.chart.radar_rollup import BandItem, band_colour, band_path
from gapradar.domain import System
from gapradar.domain.rollup import PracticeRollup

if TYPE_CHECKING:
    from collections.abc import Callable

    from gapradar.chart.radar_scene import RadarScene

CROWD_LIMIT = 1000  # more checked systems than this are drawn as bands
CROWD_KEY = "\0crowd bands"
_ALPHA = {"range": 0.13, "iqr": 0.30}


def is_crowd(checked: int) -> bool:
    return checked > CROWD_LIMIT


def wanted(
    scene: RadarScene, shown: list[tuple[int, System]], frame: tuple | None
) -> list[tuple[str, tuple, Callable[[], None]]]:
    """The bands' (key, signature, build) for the scene's series list."""
    spec = scene._require_spec()
    a = spec.assessment
    everyone = len(shown) == len(a.systems)  # then the figures warmed when the file was read fit
    chosen = None if everyone else [s for _, s in shown]
    rollups = scene.crowd_memo.rollups(a, radar_rollup.drawn_rule(spec), chosen)
    signature = (
        "crowd bands",
        frame,
        len(shown),
        tuple((r.low, r.high, r.q1, r.q3) for r in rollups),
    )
    return [(CROWD_KEY, signature, lambda: add_bands(scene, rollups))]


def add_bands(scene: RadarScene, rollups: list[PracticeRollup]) -> None:
    """Lowest to highest, lighter; the middle half over it, darker; each with a thin edge."""
    from gapradar.chart.radar_scene import _pen, outline_path

    spec = scene._require_spec()
    colour = band_colour(spec)
    for z, spread in ((9.0, "range"), (9.2, "iqr")):
        low, high = radar_rollup.band_bounds(rollups, spread)
        inner, outer = scene._points(low), scene._points(high)
        item = BandItem(band_path(inner, outer))
        item.fast = scene.on_screen
        fill = QColor(colour)
        fill.setAlphaF(_ALPHA[spread])
        item.setBrush(QBrush(fill))
        item.setPen(QPen(Qt.PenStyle.NoPen))
        scene._add(scene._dynamic, item, z)
        edges = outline_path(inner)
        edges.addPath(outline_path(outer))
        edge = QGraphicsPathItem(edges)
        edge.setPen(_pen(colour, 1.0 if scene.on_screen else scene.sizes.line * 0.5, Qt.PenStyle.SolidLine))
        edge.setOpacity(0.5 if spread == "range" else 0.8)
        scene._add(scene._dynamic, edge, z + 0.05)
    scene._members = {}  # no system has an outline of its own here


def legend_rows(scene: RadarScene, names: list[str]) -> list[tuple[str, str, str]]:
    """What the bands are; the system being edited is drawn over them in its own colour."""
    spec = scene._require_spec()
    colour = band_colour(spec)
    return [
        ("▓", colour, f"Middle half of {len(names):,} systems"),
        ("░", colour, "Lowest to highest"),
        ("●", spec.theme.muted_text, "The selected system, over them"),
    ]
