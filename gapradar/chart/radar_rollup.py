"""The radar's roll-up series: drawn by the chosen rule, named in legend and subtitle, with its spread.

The roll-up rule is the consultant's choice (mean, median, minimum), so the
radar draws that rule's figure and says which it is. "Share at or above target"
is a share of systems, not a level: it has no place on a radar whose rings are
levels, so under that rule the radar keeps the mean and its legend and subtitle
say so (the heatmap, gap chart and tables show the share). The optional spread
band shows what a single figure hides: the lowest to the highest current level
(or the middle half) of the systems rated on each practice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from gapradar.chart.spec import ChartSpec
from gapradar.chart.titles import with_round
from gapradar.domain.averages_memo import RollupMemo
from gapradar.domain.rollup import (
    DEFAULT_RULE,
    ROLLUP_OF_ALL,
    RULES,
    PracticeRollup,
    rollup,
    series_names,
)

if TYPE_CHECKING:
    from gapradar.chart.radar_scene import RadarScene, Series

SPREADS = {
    "": "No spread band",
    "range": "Lowest to highest (min–max)",
    "iqr": "Middle half (interquartile range)",
}
_SPREAD_WORDS = {"range": "lowest to highest current level", "iqr": "middle half of the current levels"}
BAND_ALPHA = 0.22
# The band's own hue, apart from the roll-up's grey (its current fill, its hatched gap): a band
# in grey read as one more grey. A blue that shows on each theme's background.
BAND_COLOURS = {"light": "#2f6db3", "print": "#2f6db3", "dark": "#7ab0f0", "high-contrast": "#4fc3ff"}


def band_colour(spec: ChartSpec) -> str:
    """The spread band's colour in this theme (the legend's swatch uses it too)."""
    return BAND_COLOURS.get(spec.theme.name, BAND_COLOURS["light"])


def drawn_rule(spec: ChartSpec) -> str:
    """The rule whose levels the radar draws: the chosen one, the mean under "at-target"."""
    key = spec.rollup if spec.rollup in RULES else DEFAULT_RULE
    return DEFAULT_RULE if key == "at-target" else key


def series_name(spec: ChartSpec) -> str:
    """The roll-up series' name as the legend, tooltips and a focus title show it."""
    return RULES[drawn_rule(spec)].series


def rule_words(spec: ChartSpec) -> str:
    """The rule as the subtitle and legend name it; "at-target" says the radar shows the mean."""
    if spec.rollup == "at-target":
        return "mean (a share at target is not a level: see the gap chart)"
    return RULES[drawn_rule(spec)].words


def shows_rollup(spec: ChartSpec) -> bool:
    """Whether this radar draws the roll-up: the overlay with it on, or the roll-up in focus."""
    return is_rollup_focus(spec) or (spec.focus is None and spec.show_average)


def subtitle(spec: ChartSpec) -> str:
    """The user's subtitle; else the round shown (when there are several) and, when the roll-up
    is drawn, the rule (and band) it is drawn by."""
    if spec.subtitle or not shows_rollup(spec):
        return with_round("", spec)
    text = f"{ROLLUP_OF_ALL}: {rule_words(spec)}"  # domain.rollup.phrase's wording
    if spec.spread in _SPREAD_WORDS:
        text += f" · band: {_SPREAD_WORDS[spec.spread]}"
    return with_round(text, spec)


def has_levels(spec: ChartSpec, targets: bool = False) -> bool:
    """Whether any system has a current level (or, with `targets`, a target) to roll up.

    Stops at the first one, so a large portfolio costs a glance; a template costs nothing.
    """
    for system in spec.assessment.systems:
        for r in system.ratings.values():
            if r.current is not None or (targets and r.target is not None):
                return True
    return False


def _nothing_yet(spec: ChartSpec) -> list[tuple[str, str, str]]:
    """The one row a roll-up over no levels gets: it draws nothing, and says why."""
    return [("◆", spec.theme.muted_text, f"{series_name(spec)}: no levels yet")]


def legend_rows(spec: ChartSpec) -> list[tuple[str, str, str]]:
    """The overlay's legend rows for the roll-up and its band (symbol, colour, text)."""
    if not has_levels(spec):
        return _nothing_yet(spec)
    rows = [("◆", spec.theme.average, f"{series_name(spec)} ({_LEGEND_RULE.get(spec.rollup, '')}dotted)")]
    if spec.spread in _SPREAD_WORDS:
        rows.append(("▒", band_colour(spec), f"Band: {_SPREAD_WORDS[spec.spread]}"))
    return rows


_LEGEND_RULE = {
    "mean": "",  # "Average" says it
    "median": "",  # "Median – all systems" says it
    "min": "weakest link, ",
    "at-target": "mean, ",  # the subtitle says why: a share is no level
}


def focus_names() -> set[str]:
    """Names that mean "the roll-up" to --focus: every rule's series name."""
    return series_names()


def is_rollup_focus(spec: ChartSpec) -> bool:
    """A focus on the roll-up rather than a system (a system of that name wins)."""
    return (
        spec.focus is not None
        and spec.focus in focus_names()
        and spec.focus not in spec.assessment.system_names()
    )


def values(spec: ChartSpec, memo: RollupMemo | None = None) -> list[PracticeRollup]:
    """Every practice's roll-up under the drawn rule, with its spread (kept by `memo` between edits)."""
    if memo is not None:
        return memo.rollups(spec.assessment, drawn_rule(spec))
    return rollup(spec.assessment, drawn_rule(spec))


def signature(spec: ChartSpec, rollups: list[PracticeRollup]) -> tuple:
    """What the roll-up's drawing depends on, so an unchanged one is not rebuilt."""
    return (
        drawn_rule(spec),
        spec.spread,
        spec.show_targets,
        tuple((r.current, r.target, r.low, r.high, r.q1, r.q3, r.assessed) for r in rollups),
    )


def band_bounds(rollups: list[PracticeRollup], spread: str) -> tuple[list[float | None], list[float | None]]:
    """(inner, outer) levels per practice for a spread; None where nobody rated the practice."""
    if spread == "iqr":
        return [r.q1 for r in rollups], [r.q3 for r in rollups]
    return [r.low for r in rollups], [r.high for r in rollups]


def band_path(points_inner: list[QPointF | None], points_outer: list[QPointF | None]) -> QPainterPath:
    """The area between the outer and the inner polygon.

    Both polygons in one path, filled odd-even: the inner one is never outside
    the outer (a lower bound never exceeds its upper one), so this is their
    difference without a costly path subtraction on every edit. A practice
    nobody rated dips to the centre on both, so the band claims no area there.
    """
    if not any(p is not None for p in points_outer):
        return QPainterPath()
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    path.addPolygon(QPolygonF([QPointF(0, 0) if p is None else p for p in points_outer]))
    path.closeSubpath()
    path.addPolygon(QPolygonF([QPointF(0, 0) if p is None else p for p in points_inner]))
    path.closeSubpath()
    return path


class BandItem(QGraphicsPathItem):
    """The spread band; on screen its fill skips antialiasing (most of its cost), exports keep it."""

    fast = False

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.fast:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            super().paint(painter, option, widget)
            painter.restore()
        else:
            super().paint(painter, option, widget)


def add_band(scene: RadarScene, rollups: list[PracticeRollup], z: float = 9.5) -> None:
    """The spread band under the roll-up series: a translucent blue, its edges dotted (nothing when
    no spread is chosen). Hue and dots tell it from the roll-up's grey fill and hatched gap."""
    from gapradar.chart.radar_scene import _pen, outline_path

    spec = scene._require_spec()
    if spec.spread not in _SPREAD_WORDS:
        return
    low, high = band_bounds(rollups, spec.spread)
    inner, outer = scene._points(low), scene._points(high)
    item = BandItem(band_path(inner, outer))
    item.fast = scene.on_screen
    colour = QColor(band_colour(spec))
    colour.setAlphaF(BAND_ALPHA)
    item.setBrush(QBrush(colour))
    item.setPen(QPen(Qt.PenStyle.NoPen))
    scene._add(scene._dynamic, item, z)
    edges = outline_path(inner)
    edges.addPath(outline_path(outer))
    edge = QGraphicsPathItem(edges)
    edge.setPen(_pen(band_colour(spec), max(1.0, scene.sizes.line * 0.6), Qt.PenStyle.DotLine))
    scene._add(scene._dynamic, edge, z + 0.05)


def has_band(spec: ChartSpec) -> bool:
    """Whether the roll-up is drawn with a spread band."""
    return spec.spread in _SPREAD_WORDS


def update_series(scene: RadarScene, rollups: list[PracticeRollup], idx: int, series: Series) -> None:
    """The overlay's roll-up (without a band) moved to new values: its items kept (see add_series)."""
    scene.update_series(series, [r.current for r in rollups], idx, average=True)


def add_series(scene: RadarScene, key: str, rollups: list[PracticeRollup], idx: int) -> None:
    """The overlay's roll-up: its band, then the dotted series by the drawn rule."""
    add_band(scene, rollups)
    spec = scene._require_spec()
    scene._add_series(
        key, series_name(spec), spec.theme.average, [r.current for r in rollups], idx, average=True
    )


def add_focus(scene: RadarScene, key: str, rollups: list[PracticeRollup]) -> None:
    """The roll-up in focus: its current filled, its target dashed, the gap hatched, the band under."""
    from gapradar.chart.radar_scene import Series, marker_item

    spec = scene._require_spec()
    colour = spec.theme.average
    name = series_name(spec)
    current = [r.current for r in rollups]
    target = [r.target for r in rollups]
    texts = [scene._spot_text(None, i, rollups) for i in range(len(rollups))]
    cur_pts, tgt_pts = scene._points(current), scene._points(target)
    add_band(scene, rollups, z=11.5)  # over the light current fill: the spread stays visible
    tgt_markers = None
    cur_poly, tgt_poly = scene.focus_shapes(key, cur_pts, tgt_pts, colour, gap_area(scene, rollups), 0.15)
    if spec.show_targets:
        tgt_markers = marker_item(
            scene._marker_spots(tgt_pts, target, colour, "d", False, texts, unassessed=False)
        )
        scene._add(scene._dynamic, tgt_markers, 16)
    cur_markers = marker_item(
        scene._marker_spots(cur_pts, current, colour, "o", True, texts, unassessed=False)
    )
    scene._add(scene._dynamic, cur_markers, 17)
    scene.series[key] = Series(key, name, colour, cur_poly, cur_markers, tgt_poly, tgt_markers)


def gap_area(scene: RadarScene, rollups: list[PracticeRollup]) -> QPainterPath:
    """Hatched band between the roll-up's current and target, over practices with both."""
    from gapradar.chart.radar_scene import hatch_path

    both = [r.current is not None and r.target is not None for r in rollups]
    if sum(both) < 2:
        return QPainterPath()
    cur = [p for p, ok in zip(scene._points([r.current for r in rollups]), both, strict=True) if ok]
    tgt = [p for p, ok in zip(scene._points([r.target for r in rollups]), both, strict=True) if ok]
    outer, inner = QPainterPath(), QPainterPath()
    outer.addPolygon(QPolygonF([p for p in tgt if p is not None]))
    outer.closeSubpath()
    inner.addPolygon(QPolygonF([p for p in cur if p is not None]))
    inner.closeSubpath()
    px = scene.sizes.scale / max(scene.radius_px, 1.0)  # one output pixel at the reference size
    return hatch_path(outer.subtracted(inner), 7 * px, 1.4 * px)


def focus_legend_rows(spec: ChartSpec) -> list[tuple[str, str, str]]:
    """The legend when the roll-up is in focus: what each mark is, and the rule."""
    colour = spec.theme.average
    if not has_levels(spec, targets=True):
        return _nothing_yet(spec)
    rows = [("●", colour, f"Current level ({rule_words(spec).split(' (')[0]})")]
    if spec.show_targets:
        rows += [("◇", colour, "Target level (dashed)"), ("▨", colour, "Gap to close")]
    if spec.spread in _SPREAD_WORDS:
        rows.append(("▒", band_colour(spec), f"Band: {_SPREAD_WORDS[spec.spread]}"))
    return rows
